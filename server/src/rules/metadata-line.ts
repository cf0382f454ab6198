import type { SeedDocument } from '../core/document';
import { runSteps, StepBudget } from '../core/steps';
import type { Fix, Rule, RuleContext, RuleFinding, TextEdit } from '../core/types';
import { analysisSteps, type LineHit } from '../boilerplate/analysis';
import { removeLinesEdits } from '../boilerplate/edits';
import { hitsOf, linesSpan } from '../boilerplate/lineRule';
import { findHeader, headerLines, type MetadataHeader, type MetadataPair } from '../boilerplate/metadata';

/** Edits moving the given metadata lines into the header (made when missing). */
function moveEdits(doc: SeedDocument, header: MetadataHeader | undefined, eol: string, hits: readonly LineHit[]): TextEdit[] {
  const pairs: MetadataPair[] = [];
  for (const h of hits) if (h.pairs) for (const p of h.pairs) pairs.push(p);
  const entries = headerLines(pairs, header);
  const edits = removeLinesEdits(doc, hits.map((h) => h.first));
  if (entries.length === 0) return edits;
  const body = entries.map((e) => e + eol).join('');
  if (header) edits.push({ start: doc.lineAt(header.close).start, end: doc.lineAt(header.close).start, text: body });
  else edits.push({ start: 0, end: 0, text: `---${eol}${body}---${eol}` });
  return edits;
}

/** Findings per part, after the analysis (in parts when this is the first boilerplate rule of a lint). */
const FINDINGS_PER_PART = 200;

function* checkInSteps(doc: SeedDocument, ctx: RuleContext): Generator<void, RuleFinding[], void> {
  const hits = hitsOf(yield* analysisSteps(doc, ctx), 'metadata-line');
  const header = findHeader(doc);
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  // Deletes the other findings' lines too: a whole-file choice, on request only. The same
  // for every finding, so made once and shared (each finding made its own: quadratic).
  const moveAll: Fix | undefined =
    hits.length > 1 ? { title: `Move all ${hits.length} metadata lines to the metadata header`, safe: false, manual: true, edits: moveEdits(doc, header, eol, hits) } : undefined;
  const budget = new StepBudget(FINDINGS_PER_PART);
  const findings: RuleFinding[] = [];
  for (let k = 0; k < hits.length; k++) {
    if (budget.spend()) yield;
    const hit = hits[k];
    const fixes: Fix[] = [];
    if (moveAll) fixes.push(moveAll);
    // Each move touches its own line and the header. While there is no header, each
    // would start one, and fix-all applying them together would stack several headers:
    // there only the first goes into fix-all, and the others follow in its next round,
    // into the header it made.
    fixes.push({ title: 'Move to the metadata header', safe: false, ...(header || k === 0 ? {} : { manual: true }), edits: moveEdits(doc, header, eol, [hit]) });
    const shown = (hit.pairs ?? []).map((p) => `${p.key}: ${p.value}`).join('; ');
    const span = linesSpan(doc, hit.first, hit.last);
    findings.push({ start: span.start, end: span.end, message: `${hit.message}: ${shown}.`, fixes });
  }
  return findings;
}

export const metadataLine: Rule = {
  id: 'metadata-line',
  description:
    'Metadata in the text (来源:, 转自:, 发布日期:, 编辑:, (摄影:…), Author:… Time:…, 关键词:, a dateline under the headline): offered a move to the metadata header, never deleted.',
  category: 'metadata',
  defaultSeverity: 'information',
  check: (doc, ctx) => runSteps(checkInSteps(doc, ctx)),
  checkInSteps,
};
