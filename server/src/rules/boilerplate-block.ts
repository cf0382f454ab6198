import type { Rule, RuleFinding } from '../core/types';
import { analyse, blockSummary } from '../boilerplate/analysis';
import { removeLinesEdits } from '../boilerplate/edits';
import { linesSpan, removeAllFix } from '../boilerplate/lineRule';

export const boilerplateBlock: Rule = {
  id: 'boilerplate-block',
  description:
    'Page furniture before the headline and after the article, each reported as one block with "Remove block"; metadata lines in it are kept, and lines the same site\'s other workspace files carry (corpus evidence) move its boundaries.',
  category: 'boilerplate',
  defaultSeverity: 'warning',
  check(doc, ctx) {
    const a = analyse(doc, ctx);
    const findings: RuleFinding[] = [];
    for (const block of [a.leading, a.trailing]) {
      if (!block) continue;
      const where = block.kind === 'leading' ? 'before the headline' : 'after the article';
      const count = block.remove.filter((i) => !a.lines[i].empty).length;
      const kept = block.keep.length ? `; its ${block.keep.length} metadata line(s) are kept` : '';
      const doubts: string[] = [];
      if (block.unexplained.length) doubts.push(`line ${block.unexplained.map((i) => i + 1).join(', ')} reads like article text`);
      if (block.onlyDate.length) doubts.push(`line ${block.onlyDate.map((i) => i + 1).join(', ')} holds the only date on the page`);
      const doubt = doubts.length ? `; ${doubts.join(' and ')}, so fix-all leaves the block alone` : '';
      findings.push({
        ...linesSpan(doc, block.first, block.last),
        message: `Page furniture ${where}: ${count} lines (${blockSummary(block)})${kept}${doubt}.`,
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
  },
};
