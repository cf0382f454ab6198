import type { SeedDocument } from '../core/document';
import { runSteps } from '../core/steps';
import type { RelatedLocation, Rule, RuleContext, RuleFinding } from '../core/types';
import type { Block, LineInfo } from '../boilerplate/analysis';
import { analysisSteps, blockSummary } from '../boilerplate/analysis';
import { removeLinesEdits } from '../boilerplate/edits';
import { linesSpan, removeAllFix } from '../boilerplate/lineRule';
import { placesOf } from '../boilerplate/evidence';
import { corpusKey } from '../boilerplate/normalise';

/** At most this many other files are linked per shared line of a block. */
const RELATED_PER_LINE = 3;

/** The block's lines other files share: a phrase for the message, and where the other files hold them. */
function sharedEvidence(doc: SeedDocument, ctx: RuleContext, lines: LineInfo[], block: Block): { text: string; related: RelatedLocation[] } {
  const shared = block.remove.filter((i) => lines[i].shared);
  if (shared.length === 0) return { text: '', related: [] };
  const related: RelatedLocation[] = [];
  for (const i of shared.slice(0, 5)) {
    // Places come from the corpus' line index only.
    if (!ctx.corpus.lines.locate) continue;
    const key = corpusKey(doc.lines[i].text);
    const uris = ctx.corpus.lines.documentsWith(key, RELATED_PER_LINE + 1).filter((u) => u !== doc.uri).slice(0, RELATED_PER_LINE);
    const places = placesOf(ctx.corpus, key, uris);
    for (let k = 0; k < uris.length; k++) {
      const where = places[k];
      if (where) related.push({ uri: uris[k], start: where.start, end: where.end, message: `Line ${i + 1} appears here too` });
    }
  }
  const most = Math.max(...shared.map((i) => lines[i].shared!.files)) + 1;
  return { text: `; ${shared.length} of its lines appear in other workspace files (up to ${most} files)`, related };
}

/** The blocks' findings, after the analysis in parts (this is the first boilerplate rule of a lint). */
function* checkInSteps(doc: SeedDocument, ctx: RuleContext): Generator<void, RuleFinding[], void> {
  const a = yield* analysisSteps(doc, ctx);
  const findings: RuleFinding[] = [];
  for (const block of [a.leading, a.trailing]) {
    if (!block) continue;
    const where = block.kind === 'leading' ? 'before the headline' : 'after the article';
    const count = block.remove.filter((i) => !a.lines[i].empty).length;
    const kept = block.keep.length ? `; its ${block.keep.length} metadata line(s) are kept` : '';
    const evidence = sharedEvidence(doc, ctx, a.lines, block);
    const doubts: string[] = [];
    if (block.unexplained.length) doubts.push(`line ${block.unexplained.map((i) => i + 1).join(', ')} reads like article text`);
    if (block.onlyDate.length) doubts.push(`line ${block.onlyDate.map((i) => i + 1).join(', ')} holds the only date on the page`);
    const doubt = doubts.length ? `; ${doubts.join(' and ')}, so fix-all leaves the block alone` : '';
    findings.push({
      ...linesSpan(doc, block.first, block.last),
      message: `Page furniture ${where}: ${count} lines (${blockSummary(block)})${evidence.text}${kept}${doubt}.`,
      ...(evidence.related.length ? { related: evidence.related } : {}),
      fixes: [
        {
          title: `Remove block of ${count} lines ${where}`,
          safe: block.safe,
          edits: removeLinesEdits(doc, block.remove),
        },
      ],
    });
  }
  const all = removeAllFix(doc, ctx);
  if (all) for (const f of findings) f.fixes.push(all);
  return findings;
}

export const boilerplateBlock: Rule = {
  id: 'boilerplate-block',
  description:
    'Page furniture before the headline and after the article, each reported as one block with "Remove block"; metadata lines in it are kept, and lines the same site\'s other workspace files carry (corpus evidence) move its boundaries.',
  category: 'boilerplate',
  defaultSeverity: 'warning',
  check: (doc, ctx) => runSteps(checkInSteps(doc, ctx)),
  checkInSteps,
};
