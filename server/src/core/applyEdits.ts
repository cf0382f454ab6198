import type { TextEdit } from './types';

export interface ApplyResult {
  text: string;
  applied: TextEdit[];
  /** Edits dropped because they overlapped an edit that won. */
  skipped: TextEdit[];
}

/**
 * Orders edits and drops the ones that overlap an earlier winner, so the result
 * never interleaves two replacements. Order: by start, then shorter range first
 * (an insertion before a replacement at the same point), then input order.
 * Edits outside the text are clamped.
 */
export function resolveEdits(textLength: number, edits: readonly TextEdit[]): { applied: TextEdit[]; skipped: TextEdit[] } {
  const normalised = edits.map((e, i) => {
    const start = Math.max(0, Math.min(e.start, textLength));
    const end = Math.max(start, Math.min(e.end, textLength));
    return { edit: start === e.start && end === e.end ? e : { start, end, text: e.text }, i };
  });
  normalised.sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.i - b.i);
  const applied: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  let lastEnd = -1;
  for (const { edit } of normalised) {
    const previous = applied[applied.length - 1];
    // Touching ranges are fine; a true overlap is not. The same edit proposed twice
    // (two findings, one repair) is applied once.
    const duplicate = previous !== undefined && previous.start === edit.start && previous.end === edit.end && previous.text === edit.text;
    if (edit.start < lastEnd || duplicate) {
      skipped.push(edit);
      continue;
    }
    applied.push(edit);
    lastEnd = edit.end;
  }
  return { applied, skipped };
}

/** The one edit applier used by quick fixes, fix-all and the CLI. */
export function applyEdits(text: string, edits: readonly TextEdit[]): ApplyResult {
  const { applied, skipped } = resolveEdits(text.length, edits);
  let out = '';
  let cursor = 0;
  for (const edit of applied) {
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  out += text.slice(cursor);
  return { text: out, applied, skipped };
}

function conflicts(a: TextEdit, b: TextEdit): boolean {
  if (a.start === b.start && a.end === b.end) return true; // the same range twice, even two identical edits
  if (Math.max(a.start, b.start) < Math.min(a.end, b.end)) return true; // overlapping text
  // An insertion strictly inside the other's replaced range.
  if (a.start === a.end && b.start < a.start && a.start < b.end) return true;
  if (b.start === b.end && a.start < b.start && b.start < a.end) return true;
  return false;
}

export interface ApplyFixesResult {
  text: string;
  /** Indices (into the input) of the fixes applied whole. */
  applied: number[];
  /** Indices of the fixes dropped, whole, because an edit collided with an applied fix. */
  skipped: number[];
}

/**
 * Applies whole fixes: a fix of several edits (delete a line here, insert it in the
 * header there) is applied entirely or not at all, never half. Fixes are taken in
 * order of their first edit, then input order; a fix any of whose edits collides
 * with an edit already taken is dropped. What is left goes through applyEdits.
 */
export function applyFixes(text: string, fixes: readonly { edits: readonly TextEdit[] }[]): ApplyFixesResult {
  // What a rule's findings mostly are: one edit each, in text order, apart (touching at most), in
  // the text. None collides, so all are applied as they stand, as applyFixesOneByOne would; a
  // fix-all of a large text hands thousands of them, each round.
  let last = 0;
  let inOrder = true;
  for (let i = 0; inOrder && i < fixes.length; i++) {
    const edits = fixes[i].edits;
    if (edits.length !== 1) inOrder = false;
    else {
      const e = edits[0];
      inOrder = e.start >= last && e.start < e.end && e.end <= text.length;
      last = e.end;
    }
  }
  if (!inOrder) return applyFixesOneByOne(text, fixes);
  let out = '';
  let cursor = 0;
  const applied: number[] = new Array(fixes.length);
  for (let i = 0; i < fixes.length; i++) {
    const e = fixes[i].edits[0];
    out += text.slice(cursor, e.start) + e.text;
    cursor = e.end;
    applied[i] = i;
  }
  return { text: out + text.slice(cursor), applied, skipped: [] };
}

/** applyFixes for any fixes: each taken in turn, and dropped when it collides with one taken before. */
export function applyFixesOneByOne(text: string, fixes: readonly { edits: readonly TextEdit[] }[]): ApplyFixesResult {
  const order = fixes
    .map((fix, index) => ({ index, first: Math.min(...fix.edits.map((e) => e.start)) }))
    .filter((f) => Number.isFinite(f.first))
    .sort((a, b) => a.first - b.first || a.index - b.index);
  const taken: TextEdit[] = []; // kept sorted by start; they never conflict with each other
  const applied: number[] = [];
  const skipped: number[] = [];
  const firstAtOrAfter = (start: number) => {
    let lo = 0;
    let hi = taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (taken[mid].start < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const { index } of order) {
    const edits = fixes[index].edits.map((e) => {
      const start = Math.max(0, Math.min(e.start, text.length));
      return { start, end: Math.max(start, Math.min(e.end, text.length)), text: e.text };
    });
    const collides = edits.some((edit, i) => {
      if (edits.some((other, j) => j < i && conflicts(edit, other))) return true;
      const at = firstAtOrAfter(edit.start);
      // Only the neighbour on the left can reach into `edit`; on the right, those starting before its end.
      if (at > 0 && conflicts(taken[at - 1], edit)) return true;
      for (let k = at; k < taken.length && taken[k].start <= edit.end; k++) if (conflicts(taken[k], edit)) return true;
      return false;
    });
    if (collides) {
      skipped.push(index);
      continue;
    }
    for (const edit of edits) taken.splice(firstAtOrAfter(edit.start), 0, edit);
    applied.push(index);
  }
  applied.sort((a, b) => a - b);
  skipped.sort((a, b) => a - b);
  return { text: applyEdits(text, taken).text, applied, skipped };
}
