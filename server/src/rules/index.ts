// The registry: every rule the engine runs, and the one order fix-all applies them in.
import type { Rule } from '../core/types';
import { htmlEntity } from './html-entity';
import { invisibleCharacter } from './invisible-character';
import { pinyinAnnotation } from './pinyin-annotation';
import { lostCharacter } from './lost-character';
import { mojibakeCjk } from './mojibake-cjk';
import { dateAnomaly } from './date-anomaly';
import { scriptVariant } from './script-variant';

export const RULES: readonly Rule[] = [
  htmlEntity,
  invisibleCharacter,
  pinyinAnnotation,
  lostCharacter,
  mojibakeCjk,
  dateAnomaly,
  scriptVariant,
];

/**
 * Repairs that undo damage run before those that read the repaired text:
 * entities, then mojibake, then pinyin annotations, then lost characters, then
 * repairs from context; every other rule (boilerplate, script, metadata) after.
 */
export const FIX_ORDER: readonly string[] = [
  'html-entity',
  'mojibake-latin',
  'mojibake-cjk',
  // After mojibake repair: C1 controls can be part of Latin mojibake.
  'invisible-character',
  'pinyin-annotation',
  'lost-character',
  'context-repair',
  'date-anomaly',
];

/** The encoding repairs a script conversion runs first, so no pinyin or mojibake goes through the converter. */
export const REPAIRS_BEFORE_CONVERSION: readonly string[] = FIX_ORDER.slice(0, FIX_ORDER.indexOf('context-repair'));

export function rulesInFixOrder(rules: readonly Rule[]): Rule[] {
  const rank = (r: Rule) => {
    const i = FIX_ORDER.indexOf(r.id);
    return i === -1 ? FIX_ORDER.length + RULES.indexOf(r) : i;
  };
  return [...rules].sort((a, b) => rank(a) - rank(b));
}

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
