// The one place where string offsets become LSP positions and back.
// JavaScript strings are UTF-16, as LSP positions are by default, so a character
// index is the code-unit distance from the start of its line: an astral character
// (a CJK Extension B ideograph, an emoji) counts 2, exactly as LSP wants.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Offsets at which each line starts; line breaks are \r\n, \n or \r. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  // Most texts break lines with \n alone: indexOf finds those several times faster than a loop
  // over the code units (fix-all builds a document, and its line starts, after every change).
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Index of the last element of ascending `sorted` that is at most `value`; -1 when none is. */
export function lastAtOrBelow(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function offsetToPosition(lineStarts: readonly number[], textLength: number, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, textLength));
  // lineStarts[0] is 0, so some line starts at or before any offset.
  const line = lastAtOrBelow(lineStarts, clamped);
  return { line, character: clamped - lineStarts[line] };
}

export function positionToOffset(lineStarts: readonly number[], text: string, position: Position): number {
  if (position.line < 0) return 0;
  if (position.line >= lineStarts.length) return text.length;
  const lineStart = lineStarts[position.line];
  const nextStart = position.line + 1 < lineStarts.length ? lineStarts[position.line + 1] : text.length;
  // A character past the line's end stops before the line break, as LSP specifies.
  let lineEnd = nextStart;
  if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 10) lineEnd--;
  if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
  return Math.min(lineStart + Math.max(0, position.character), lineEnd);
}

export function offsetsToRange(lineStarts: readonly number[], textLength: number, start: number, end: number): Range {
  return { start: offsetToPosition(lineStarts, textLength, start), end: offsetToPosition(lineStarts, textLength, end) };
}
