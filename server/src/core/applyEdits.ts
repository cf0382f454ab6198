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
