// The registry: every rule the engine runs, and the one order fix-all applies them in.
import type { Rule } from '../core/types';
import { htmlEntity } from './html-entity';
import { invisibleCharacter } from './invisible-character';
import { pinyinAnnotation } from './pinyin-annotation';
import { lostCharacter } from './lost-character';
import { mojibakeCjk } from './mojibake-cjk';
import { dateAnomaly } from './date-anomaly';
import { contextRepair } from './context-repair';
import { scriptVariant } from './script-variant';
import { mojibakeLatin } from './mojibake-latin';
import { mtTypography } from './mt-typography';
import { boilerplateBlock } from './boilerplate-block';
import { boilerplateSeoSpam } from './boilerplate-seo-spam';
import { boilerplateAppPrompt } from './boilerplate-app-prompt';
import { boilerplateBreadcrumb } from './boilerplate-breadcrumb';
import { boilerplateShareWidget } from './boilerplate-share-widget';
import { boilerplateCommentStub } from './boilerplate-comment-stub';
import { boilerplateTeaserHeading } from './boilerplate-teaser-heading';
import { boilerplateFooter } from './boilerplate-footer';
import { boilerplateEndTrailer } from './boilerplate-end-trailer';
import { boilerplateTruncatedTeaser } from './boilerplate-truncated-teaser';
import { boilerplateDebris } from './boilerplate-debris';
import { boilerplateDuplicateTitle } from './boilerplate-duplicate-title';
import { boilerplateCaptionResidue } from './boilerplate-caption-residue';
import { boilerplateRepeatedLine } from './boilerplate-repeated-line';
import { metadataLine } from './metadata-line';

export const RULES: readonly Rule[] = [
  htmlEntity,
  invisibleCharacter,
  pinyinAnnotation,
  lostCharacter,
  mojibakeCjk,
  dateAnomaly,
  contextRepair,
  scriptVariant,
  mojibakeLatin,
  mtTypography,
  // Boilerplate (issue 5): the block first, so line rules fix what is left; metadata last.
  boilerplateBlock,
  boilerplateSeoSpam,
  boilerplateAppPrompt,
  boilerplateBreadcrumb,
  boilerplateShareWidget,
  boilerplateCommentStub,
  boilerplateTeaserHeading,
  boilerplateFooter,
  boilerplateEndTrailer,
  boilerplateTruncatedTeaser,
  boilerplateDebris,
  boilerplateDuplicateTitle,
  boilerplateCaptionResidue,
  boilerplateRepeatedLine,
  metadataLine,
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
