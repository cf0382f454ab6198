import type { Rule, RuleFinding } from '../core/types';
import { runSteps } from '../core/steps';
import { detectVariantInSteps, DEFAULT_PROTECTED_TERMS, type Script } from '../script/variant';

export interface ScriptVariantOptions {
  /** The script the corpus should be in; `off` only reports. */
  target?: Script | 'off';
  /** Terms never converted (in any script form); replaces the built-in trap list when given. */
  protect?: string[];
  /** Terms added to the built-in trap list (the workspace's .seed-curator/protect.txt). */
  extraProtect?: string[];
}

const NAMES: Record<string, string> = { 'zh-Hans': 'Simplified', 'zh-Hant': 'Traditional', mixed: 'mixed Simplified and Traditional' };

function percent(part: number, whole: number): string {
  return `${Math.round((100 * part) / Math.max(1, whole))}%`;
}

export function protectedTerms(options: ScriptVariantOptions): string[] {
  return [...(options.protect ?? DEFAULT_PROTECTED_TERMS), ...(options.extraProtect ?? [])];
}

export const scriptVariant: Rule = {
  id: 'script-variant',
  description: 'Which script a document is in (Simplified, Traditional, mixed, converter output), with a quick fix that converts it to the target script.',
  category: 'script',
  defaultSeverity: 'information',
  // The conversion is a command, computed on request: the finding itself carries no fix.
  neverFixes: true,
  check(doc, ctx) {
    return runSteps(this.checkInSteps!(doc, ctx));
  },
  *checkInSteps(doc, ctx) {
    const options = (ctx.options['script-variant'] ?? {}) as ScriptVariantOptions;
    const target = options.target ?? 'zh-Hans';
    const report = yield* detectVariantInSteps(doc.text);
    if (report.variant === 'none') return [];
    yield;
    const first = doc.lines.find((l) => /\p{Script=Han}/u.test(l.text)) ?? doc.lines[0];
    const shares = `${percent(report.traditionalOnly, report.hanCount)} Traditional-only, ${percent(report.simplifiedOnly, report.hanCount)} Simplified-only of ${report.hanCount} Han characters`;
    const converter = report.converterOutput ? ` Converter output: ${report.pinyinAnnotations} pinyin annotations.` : '';
    const inTarget = target !== 'off' && report.variant === target;
    const finding: RuleFinding = {
      start: first.start,
      end: first.end,
      // Already in the target script: stated quietly (a hint), not a problem.
      severity: inTarget || target === 'off' ? 'hint' : undefined,
      // The conversion itself is a command (quick fix "Repair and convert…", CLI `convert`),
      // computed on request: converting every document on every lint cost half the lint time.
      message: `Script: ${NAMES[report.variant]}${report.variant === 'zh-Hant' ? ` (${report.region === 'generic' ? 'no regional standard' : report.region.toUpperCase() + ' standard'})` : ''}; ${shares}.${converter}${inTarget || target === 'off' ? '' : ` Target: ${NAMES[target]}; convert with ${target === 'zh-Hans' ? '"Seed Curator: Convert to Simplified" or \`seed-curator convert\`' : '\`seed-curator convert --to zh-Hant\`'}.`}`,
      fixes: [],
    };
    return [finding];
  },
};
