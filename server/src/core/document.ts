import type { Line } from './types';
import { computeLineStarts, offsetToPosition, positionToOffset, offsetsToRange, type Position, type Range } from './positions';

/** An immutable seed text with line access and offset/position conversion. */
export class SeedDocument {
  private starts: number[] | undefined;
  private cachedLines: Line[] | undefined;

  constructor(readonly uri: string, readonly text: string) {}

  /** Offsets at which each line starts, computed when first asked (a fix-all makes a document per change, and a rule may not need them). */
  get lineStarts(): number[] {
    return (this.starts ??= computeLineStarts(this.text));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineAt(index: number): Line {
    const start = this.lineStarts[index];
    let end = index + 1 < this.lineStarts.length ? this.lineStarts[index + 1] : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return { index, start, end, text: this.text.slice(start, end) };
  }

  /** All lines, computed once. */
  get lines(): readonly Line[] {
    if (!this.cachedLines) {
      const lines: Line[] = new Array(this.lineCount);
      for (let i = 0; i < lines.length; i++) lines[i] = this.lineAt(i);
      this.cachedLines = lines;
    }
    return this.cachedLines;
  }

  /** Index of the line holding `offset`. */
  lineIndexAt(offset: number): number {
    return offsetToPosition(this.lineStarts, this.text.length, offset).line;
  }

  positionAt(offset: number): Position {
    return offsetToPosition(this.lineStarts, this.text.length, offset);
  }

  offsetAt(position: Position): number {
    return positionToOffset(this.lineStarts, this.text, position);
  }

  rangeOf(start: number, end: number): Range {
    return offsetsToRange(this.lineStarts, this.text.length, start, end);
  }
}
