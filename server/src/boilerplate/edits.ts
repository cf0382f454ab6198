// Edits that remove whole lines and leave the paragraph spacing as it was: removing
// a line between two blank lines takes one of the blank lines with it, and removing
// the tail of a file takes the blank lines before it.
import type { SeedDocument } from '../core/document';
import type { TextEdit } from '../core/types';

export type GapTest = (lineIndex: number) => boolean;

const blankLine = (doc: SeedDocument): GapTest => (i) => doc.lines[i].text.trim() === '';

/**
 * Edits removing the given lines. Lines between two removed lines that are gaps
 * (blank by default) are removed with them.
 */
export function removeLinesEdits(doc: SeedDocument, lines: Iterable<number>, isGap: GapTest = blankLine(doc)): TextEdit[] {
  // Most callers pass lines in order, each once (a block's, a finding's): used as they are.
  const sorted = Array.isArray(lines) && increasing(lines) ? (lines as readonly number[]) : [...new Set(lines)].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  // Runs of removed lines, merged across gaps.
  const runs: [number, number][] = [];
  for (const i of sorted) {
    const last = runs[runs.length - 1];
    if (last) {
      let j = last[1] + 1;
      while (j < i && isGap(j)) j++;
      if (j === i) {
        last[1] = i;
        continue;
      }
    }
    runs.push([i, i]);
  }
  const n = doc.lineCount;
  const text = doc.text;
  const edits: TextEdit[] = [];
  for (const [a, b] of runs) {
    let after = b + 1;
    while (after < n && isGap(after)) after++;
    if (after >= n) {
      // The rest of the file: also the gaps before the run, up to the last kept line.
      let p = a - 1;
      while (p >= 0 && isGap(p)) p--;
      const start = p >= 0 ? doc.lines[p].end : 0;
      const keepBreak = p >= 0 && text.endsWith('\n') ? (text.endsWith('\r\n') ? '\r\n' : '\n') : '';
      edits.push({ start, end: text.length, text: keepBreak });
    } else if (a === 0 || isGap(a - 1)) {
      // Gap (or file start) before: take the gaps after too, so one gap stays.
      edits.push({ start: doc.lines[a].start, end: doc.lines[after].start, text: '' });
    } else {
      edits.push({ start: doc.lines[a].start, end: doc.lines[b + 1].start, text: '' });
    }
  }
  return edits;
}

function increasing(lines: readonly number[]): boolean {
  for (let k = 1; k < lines.length; k++) if (lines[k] <= lines[k - 1]) return false;
  return true;
}

/** Lines (0-based) with text that a set of edits deletes whole: what a fix removes. */
export function linesDeletedBy(doc: SeedDocument, edits: readonly TextEdit[]): Set<number> {
  const out = new Set<number>();
  const deletions = edits.filter((e) => e.text.trim() === '' && e.end > e.start);
  for (const line of doc.lines) {
    if (line.end === line.start) continue;
    if (deletions.some((e) => e.start <= line.start && line.end <= e.end)) out.add(line.index);
  }
  return out;
}
