import type { SeedDocument } from '../core/document';
import type { Fix, Rule, RuleFinding, TextEdit } from '../core/types';
import { analyse, type LineHit } from '../boilerplate/analysis';
import { removeLinesEdits } from '../boilerplate/edits';
import { linesSpan } from '../boilerplate/lineRule';
import { findHeader, headerLines, type MetadataPair } from '../boilerplate/metadata';

/** Edits moving the given metadata lines into the header (made when missing). */
function moveEdits(doc: SeedDocument, hits: readonly LineHit[]): TextEdit[] {
  const header = findHeader(doc);
  const pairs: MetadataPair[] = hits.flatMap((h) => h.pairs ?? []);
  const entries = headerLines(pairs, header);
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  const edits = removeLinesEdits(doc, hits.map((h) => h.first));
  if (entries.length === 0) return edits;
  const body = entries.map((e) => e + eol).join('');
  if (header) edits.push({ start: doc.lineAt(header.close).start, end: doc.lineAt(header.close).start, text: body });
  else edits.push({ start: 0, end: 0, text: `---${eol}${body}---${eol}` });
  return edits;
}

export const metadataLine: Rule = {
  id: 'metadata-line',
  description:
    'Metadata in the text (来源:, 转自:, 发布日期:, 编辑:, (摄影:…), Author:… Time:…, 关键词:, a dateline under the headline): offered a move to the metadata header, never deleted.',
  category: 'metadata',
  defaultSeverity: 'information',
  check(doc, ctx) {
    const hits = analyse(doc, ctx).hits.filter((h) => h.rule === 'metadata-line');
    const hasHeader = findHeader(doc) !== undefined;
    return hits.map((hit, k): RuleFinding => {
      const fixes: Fix[] = [];
      if (hits.length > 1) {
        // Deletes the other findings' lines too: a whole-file choice, on request only.
        fixes.push({ title: `Move all ${hits.length} metadata lines to the metadata header`, safe: false, manual: true, edits: moveEdits(doc, hits) });
      }
      // Each move touches its own line and the header. While there is no header, each
      // would start one, and fix-all applying them together would stack several headers:
      // there only the first goes into fix-all, and the others follow in its next round,
      // into the header it made.
      fixes.push({ title: 'Move to the metadata header', safe: false, ...(hasHeader || k === 0 ? {} : { manual: true }), edits: moveEdits(doc, [hit]) });
      const shown = (hit.pairs ?? []).map((p) => `${p.key}: ${p.value}`).join('; ');
      return {
        ...linesSpan(doc, hit.first, hit.last),
        message: `${hit.message}: ${shown}.`,
        fixes,
      };
    });
  },
};
