import type { SeedDocument } from '../core/document';
import { runSteps } from '../core/steps';
import type { RelatedLocation, Rule, RuleContext, RuleFinding } from '../core/types';
import { analysisSteps } from '../boilerplate/analysis';
import { removeLinesEdits } from '../boilerplate/edits';
import { linesSpan } from '../boilerplate/lineRule';
import { corpusKey } from '../boilerplate/normalise';
// Shorter lines (after normalisation) are too common to be evidence; the option shared with block evidence.
import { MIN_LENGTH, minFiles, placesOf, sharedLineMemo } from '../boilerplate/evidence';

const MAX_RELATED = 20;

function* checkInSteps(doc: SeedDocument, ctx: RuleContext): Generator<void, RuleFinding[], void> {
  const a = yield* analysisSteps(doc, ctx);
  const threshold = minFiles(ctx.options);
  const findings: RuleFinding[] = [];
  if (ctx.corpus.size < threshold) return findings;
  const seen = new Set<string>();
  for (const l of a.lines) {
    // Article text shared by two files is a repost, not boilerplate; metadata is never noise.
    if (l.empty || l.metadata || l.zone === 'header' || l.zone === 'headline' || l.zone === 'body') continue;
    const line = doc.lines[l.index];
    const key = corpusKey(line.text);
    if (key.length < MIN_LENGTH || seen.has(key)) continue;
    // Counted first: a line no other file holds (most lines of a real crawl) needs no memo,
    // and memos made for them filled the revision's memo (MEMO_LIMIT) and had it started over,
    // losing those of the shared lines. A count is one hash look-up, no dearer than the memo's.
    const count = ctx.corpus.lines.documentCount(key);
    if (count < threshold) continue;
    seen.add(key);
    // The first holders and related places are the corpus' and the same for every file
    // outside the first holders: worked out once per corpus revision.
    const memo = sharedLineMemo(ctx.corpus, key);
    // One more than shown, so the message knows whether to say "…".
    const holders = memo ? (memo.holders ??= ctx.corpus.lines.documentsWith(key, MAX_RELATED + 2)) : ctx.corpus.lines.documentsWith(key, MAX_RELATED + 2);
    const holder = holders.includes(doc.uri);
    const others = holder ? holders.filter((u) => u !== doc.uri) : holders;
    let related = !holder ? memo?.related : undefined;
    if (!related) {
      const shown = others.length > MAX_RELATED ? others.slice(0, MAX_RELATED) : others;
      const places = placesOf(ctx.corpus, key, shown, memo);
      const built: RelatedLocation[] = [];
      for (let k = 0; k < shown.length; k++) {
        const where = places[k];
        if (where) built.push(Object.freeze({ uri: shown[k], start: where.start, end: where.end, message: 'The same line' }));
      }
      // Shared by the findings of many files: frozen, so that no reader changes it for the others.
      related = Object.freeze(built);
      if (!holder && memo) memo.related = related;
    }
    const inBlock = (a.leading !== undefined && l.index >= a.leading.first && l.index <= a.leading.last) || (a.trailing !== undefined && l.index >= a.trailing.first && l.index <= a.trailing.last);
    // Safe only on strong evidence (the site's other pages carry it, see boilerplate/evidence.ts),
    // and after the article only among recognised furniture: there a line every page
    // carries may be an office's signature.
    // Also never beside a line the block itself is unsure of (a headline the walk missed).
    const leading = l.zone === 'leading' && a.leading?.safe === true;
    const trailing = l.zone === 'trailing' && a.trailing?.safe === true && l.index >= a.trailing.first && !l.pulled;
    const outside = (leading || trailing) && l.shared?.strong === true;
    let message = !holder ? memo?.message : undefined;
    if (message === undefined) {
      message = `Line appears in ${count} files of the workspace: page furniture shared by a site${others.length ? ` (also in ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''})` : ''}.`;
      if (!holder && memo) memo.message = message;
    }
    const span = linesSpan(doc, l.index, l.index);
    // Field by field: spreads after the first field take V8's slow generic copy.
    const finding: RuleFinding = {
      start: span.start,
      end: span.end,
      message,
      related: related as RelatedLocation[],
      fixes: [{ title: 'Remove line', safe: outside, edits: removeLinesEdits(doc, [l.index]) }],
    };
    if (inBlock) finding.severity = 'hint';
    findings.push(finding);
  }
  return findings;
}

export const boilerplateRepeatedLine: Rule = {
  id: 'boilerplate-repeated-line',
  description:
    'A line outside the article body that occurs in several workspace files (corpus evidence, CCNet-style), listed on hover; removal is safe only when the same site\'s other pages carry it; option minFiles (default 2).',
  category: 'boilerplate',
  defaultSeverity: 'warning',
  check: (doc, ctx) => runSteps(checkInSteps(doc, ctx)),
  checkInSteps,
};
