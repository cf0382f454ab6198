// Word boundaries for the people index, one line at a time.
//
// The index asks two things of ICU's word segmentation (script/zh-words): where words
// start (a division name must start a word) and whether a dictionary word runs over a
// position (同时金融 holds 时金 only across words). Both are kept as one byte per UTF-16
// unit. A line break always ends a word, so each line is segmented on its own and its
// flags are cached by the line's text: re-indexing an edited document segments only the
// lines that changed, and lines many documents share (boilerplate) are segmented once.
// Segmenting by line is also what a from-scratch index does, so an incremental answer
// is the same as a fresh one.
import { lastAtOrBelow } from '../core/positions';
import { wordSegments } from '../script/zh-words';

/** A word starts at this offset. */
export const WORD_START = 1;
/** A word-like (dictionary) word started before this offset and runs over it. */
export const INSIDE_WORD = 2;

const allLineCaches: Array<LineCache<unknown>> = [];

/** Empties every line cache (benches measure a first pass over new text so). */
export function clearLineCaches(): void {
  for (const c of allLineCaches) c.clear();
}

/**
 * Values computed from one line of text, kept for the recently used lines up to a number of
 * characters (a few large documents' worth, whatever the workspace size). Two generations
 * rather than an exact LRU order: a hit in the current one is a single lookup (no reordering
 * of the map), a hit in the previous one moves the line up, and when the current generation
 * fills, the previous one is dropped whole.
 */
export class LineCache<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();
  private currentChars = 0;
  /** Lines computed (not answered from the cache), for tests. */
  misses = 0;

  constructor(
    private readonly compute: (line: string) => V,
    private readonly limitChars = 4_000_000,
  ) {
    allLineCaches.push(this as LineCache<unknown>);
  }

  get(line: string): V {
    const hit = this.current.get(line);
    if (hit !== undefined) return hit;
    let value = this.previous.get(line);
    if (value === undefined) {
      value = this.compute(line);
      this.misses++;
    }
    // Each generation holds at most half the characters allowed.
    if (this.currentChars > this.limitChars / 2) {
      this.previous = this.current;
      this.current = new Map();
      this.currentChars = 0;
    }
    this.current.set(ownCopy(line), value);
    this.currentChars += line.length + 16;
    return value;
  }

  clear(): void {
    this.current.clear();
    this.previous.clear();
    this.currentChars = 0;
  }
}

/**
 * A line as a key of its own: a slice of 13 units or more shares the string it was cut from
 * (V8's sliced strings), so a cached line would keep its whole text alive, also one the
 * caller has dropped (the people index's view texts: 8 MB after a 10,000-file scan). The
 * concatenation is flattened when sliced: the key then shares a copy one unit longer.
 */
function ownCopy(line: string): string {
  return line.length < 13 ? line : ` ${line}`.slice(1);
}

/** Splits at \n (the break itself not part of any line) and calls `each` with every line and its offset. */
export function forEachLine(text: string, each: (line: string, start: number) => void): void {
  let start = 0;
  for (;;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    each(text.slice(start, end), start);
    if (end >= text.length) return;
    start = end + 1;
  }
}

export const wordFlagCache = new LineCache<Uint8Array>((line) => {
  const flags = new Uint8Array(line.length);
  for (const w of wordSegments(line)) {
    flags[w.start] |= WORD_START;
    if (w.wordLike) for (let i = w.start + 1; i < w.end; i++) flags[i] |= INSIDE_WORD;
  }
  return flags;
});

/** WORD_START and INSIDE_WORD flags for every UTF-16 unit of `text`, segmented line by line. */
export function wordFlags(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  forEachLine(text, (line, start) => {
    if (line) out.set(wordFlagCache.get(line), start);
    // The line break is a segment of its own.
    if (start + line.length < text.length) out[start + line.length] |= WORD_START;
  });
  return out;
}

/**
 * The same flags as `wordFlags(text)`, each line segmented only when a position in it is
 * first asked for. The extractor reads flags only where a division name or a known
 * person's name starts, so most lines of a new text are never handed to ICU, whose
 * segmentation is the dearest step of a first pass.
 */
export class LazyWordFlags {
  /** Start of each line, in order. */
  private readonly lineStarts: number[] = [];
  private readonly lines: Array<Uint8Array | undefined> = [];

  constructor(private readonly text: string) {
    for (let start = 0; ; ) {
      this.lineStarts.push(start);
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      start = end + 1;
    }
  }

  /** WORD_START and INSIDE_WORD at UTF-16 offset `i` (0 outside the text). */
  at(i: number): number {
    const text = this.text;
    if (i < 0 || i >= text.length) return 0;
    // The line break is a segment of its own.
    if (text.charCodeAt(i) === 10) return WORD_START;
    const starts = this.lineStarts;
    const lo = lastAtOrBelow(starts, i);
    let flags = this.lines[lo];
    if (flags === undefined) {
      const start = starts[lo];
      const end = lo + 1 < starts.length ? starts[lo + 1] - 1 : text.length;
      flags = this.lines[lo] = wordFlagCache.get(text.slice(start, end));
    }
    return flags[i - starts[lo]];
  }
}
