import { normaliseLine } from '../core/corpus';
import type { RelatedLocation, Rule, RuleFinding } from '../core/types';
import { analyse } from '../boilerplate/analysis';
import { removeLinesEdits } from '../boilerplate/edits';
import { linesSpan } from '../boilerplate/lineRule';
// Shorter lines (after normalisation) are too common to be evidence; the option shared with block evidence.
import { MIN_LENGTH, minFiles } from '../boilerplate/evidence';

const MAX_RELATED = 20;

/** Where a (normalised) line sits in another document's text. */
function locate(text: string, wanted: string): { start: number; end: number } | undefined {
  let start = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (normaliseLine(line) === wanted) {
      const lead = line.length - line.trimStart().length;
      return { start: start + lead, end: start + line.trimEnd().length };
    }
    start += raw.length + 1;
  }
  return undefined;
}

export const boilerplateRepeatedLine: Rule = {
  id: 'boilerplate-repeated-line',
  description:
    'A line outside the article body that occurs in several workspace files (corpus evidence, CCNet-style), listed on hover; removal is safe only when the same site\'s other pages carry it; option minFiles (default 2).',
  category: 'boilerplate',
  defaultSeverity: 'warning',
  check(doc, ctx) {
    const a = analyse(doc, ctx);
    const threshold = minFiles(ctx.options);
    const findings: RuleFinding[] = [];
    if (ctx.corpus.size < threshold) return findings;
    const seen = new Set<string>();
    for (const l of a.lines) {
      // Article text shared by two files is a repost, not boilerplate; metadata is never noise.
      if (l.empty || l.metadata || ['header', 'headline', 'body'].includes(l.zone)) continue;
      const line = doc.lineAt(l.index);
      const key = normaliseLine(line.text);
      if (key.length < MIN_LENGTH || seen.has(key)) continue;
      const count = ctx.corpus.lines.documentCount(key);
      if (count < threshold) continue;
      seen.add(key);
      // One more than shown, so the message knows whether to say "…".
      const others = ctx.corpus.lines.documentsWith(key, MAX_RELATED + 2).filter((u) => u !== doc.uri);
      const related: RelatedLocation[] = [];
      for (const uri of others.slice(0, MAX_RELATED)) {
        const where = ctx.corpus.lines.locate ? ctx.corpus.lines.locate(uri, key) : locate(ctx.corpus.text(uri) ?? '', key);
        if (where) related.push({ uri, ...where, message: 'The same line' });
      }
      const inBlock = [a.leading, a.trailing].some((b) => b && l.index >= b.first && l.index <= b.last);
      // Safe only on strong evidence (the site's other pages carry it, see boilerplate/evidence.ts),
      // and after the article only among recognised furniture: there a line every page
      // carries may be an office's signature.
      // Also never beside a line the block itself is unsure of (a headline the walk missed).
      const leading = l.zone === 'leading' && a.leading?.safe === true;
      const trailing = l.zone === 'trailing' && a.trailing?.safe === true && l.index >= a.trailing.first && !l.pulled;
      const outside = (leading || trailing) && l.shared?.strong === true;
      findings.push({
        ...linesSpan(doc, l.index, l.index),
        message: `Line appears in ${count} files of the workspace: page furniture shared by a site${others.length ? ` (also in ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''})` : ''}.`,
        ...(inBlock ? { severity: 'hint' as const } : {}),
        related,
        fixes: [{ title: 'Remove line', safe: outside, edits: removeLinesEdits(doc, [l.index]) }],
      });
    }
    return findings;
  },
};
