import type { CorpusCharacterStatistics, CorpusLineStatistics, CorpusView } from './types';
import { computeLineStarts } from './positions';
import { Commonness, tableCommonness } from '../encoding/cjk-commonness';

/** Lines shorter than this (after normalisation) say nothing about boilerplate. */
const MIN_EVIDENCE_LINE_LENGTH = 2;

/** The characters of JavaScript's `\s` (what `trim` also removes). */
function isWhiteSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/** Folds the differences that do not make two lines different lines: outer and repeated white space. */
export function normaliseLine(line: string): string {
  // Most lines are already normal (no white space but single spaces between words): they are
  // returned as they are, without a regex pass and two new strings; lines are normalised
  // several times over per lint (corpus keys, evidence, locations).
  const n = line.length;
  if (n === 0) return line;
  let normal = !isWhiteSpace(line.charCodeAt(0)) && !isWhiteSpace(line.charCodeAt(n - 1));
  for (let i = 1; normal && i < n - 1; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x20) normal = !isWhiteSpace(line.charCodeAt(i + 1));
    else if (isWhiteSpace(c)) normal = false;
  }
  return normal ? line : line.replace(/[\s\u00a0\u3000\ufeff]+/g, ' ').trim();
}

/** The normalised lines of a text that count as evidence, each once. */
export function distinctLines(text: string): Set<string> {
  const starts = computeLineStarts(text);
  const lines = new Set<string>();
  for (let i = 0; i < starts.length; i++) {
    const end = i + 1 < starts.length ? starts[i + 1] : text.length;
    const line = normaliseLine(text.slice(starts[i], end));
    if (line.length >= MIN_EVIDENCE_LINE_LENGTH) lines.add(line);
  }
  return lines;
}

/** Per BMP code unit: 0 not asked yet, 1 rare, 2 not rare (the tables' answer, looked up once per character). */
const bmpRarity = new Uint8Array(0x10000);

function isRareUnit(code: number): boolean {
  let r = bmpRarity[code];
  if (r === 0) bmpRarity[code] = r = tableCommonness(String.fromCharCode(code)) === Commonness.Rare ? 1 : 2;
  return r === 1;
}

/** Occurrences of each character the codec tables rate rare: what mojibake detection asks the corpus. */
function rareCharacters(text: string): Map<string, number> {
  // By code unit with a table, not a string per character through the tables' Sets: this ran
  // at ~0.3 s per MB, most of what counting a document for the corpus cost.
  const counts = new Map<string, number>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    let ch: string;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      ch = text.slice(i, i + 2);
      i++;
      if (tableCommonness(ch) !== Commonness.Rare) continue;
    } else {
      if (!isRareUnit(code)) continue;
      ch = text[i];
    }
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return counts;
}

/**
 * A 53-bit hash of a normalised line, the key the corpus counts lines by (as CCNet
 * does): the statistics hold numbers, never the lines' text, so they do not grow with
 * line length nor keep old versions of edited documents alive through their slices.
 * Two FNV-style 32-bit hashes with different multipliers, each finished with an
 * avalanche step; distinct lines share a key with probability about n² / 2⁵⁴ (for a
 * million distinct lines, 1 in 18,000 that any two of them do).
 */
export function lineKey(normalised: string): number {
  let a = 0x811c9dc5;
  let b = 0x2545f491;
  for (let i = 0; i < normalised.length; i++) {
    const c = normalised.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return finishKey(a, b);
}

/**
 * lineKey(normaliseLine(line)), hashed as the line is read: the corpus's questions come with
 * lines as the text has them, and normalising each first (a pass, sometimes a new string) then
 * hashing it (another pass) was a tenth of the corpus's time in a workspace scan.
 */
export function normalisedLineKey(line: string): number {
  let a = 0x811c9dc5;
  let b = 0x2545f491;
  // White space seen since the last other character, once some other character was seen.
  let space = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (isWhiteSpace(c)) {
      space = started;
      continue;
    }
    if (space) {
      a = Math.imul(a ^ 0x20, 0x01000193);
      b = Math.imul(b ^ 0x20, 0x5bd1e995);
      b ^= b >>> 15;
      space = false;
    }
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
    started = true;
  }
  return finishKey(a, b);
}

/** The avalanche steps that end lineKey, from the two running hashes. */
function finishKey(a: number, b: number): number {
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  a = Math.imul(a, 0xc2b2ae35);
  a ^= a >>> 16;
  b ^= b >>> 16;
  b = Math.imul(b, 0x7feb352d);
  b ^= b >>> 15;
  return (b >>> 11) * 0x100000000 + (a >>> 0);
}

/**
 * Calls `visit` for each line of `text` with lineKey(normaliseLine(line)), the normalised
 * line's length and where the line stands without its outer white space (split at \n, a \r
 * before it dropped, trimmed; for a line of white space only, `start` is the line's end and `end` its start).
 * Lines end at \n, and also at \r when `crEnds` (the lines of computeLineStarts; else a \r
 * is white space in the line). The hash is taken as the text is read, as normaliseLine would
 * leave the line: no string per line (counting or locating a document made one for each).
 */
function forEachLineKey(text: string, crEnds: boolean, visit: (key: number, length: number, start: number, end: number) => void): void {
  let a = 0x811c9dc5;
  let b = 0x2545f491;
  // Code units of the normalised line so far, and white space seen since its last other character.
  let length = 0;
  let space = false;
  let lineStart = 0;
  let first = -1;
  let last = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 10 || (c === 13 && crEnds)) {
      // A \r before the \n is not the line's.
      const lineEnd = !crEnds && i > lineStart && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
      visit(finishKey(a, b), length, first < 0 ? lineEnd : first, first < 0 ? lineStart : last + 1);
      a = 0x811c9dc5;
      b = 0x2545f491;
      length = 0;
      space = false;
      lineStart = i + 1;
      first = -1;
      continue;
    }
    if (isWhiteSpace(c)) {
      // Leading white space is dropped, a run inside becomes one space, trailing white space is dropped.
      if (length > 0) space = true;
      continue;
    }
    if (space) {
      a = Math.imul(a ^ 0x20, 0x01000193);
      b = Math.imul(b ^ 0x20, 0x5bd1e995);
      b ^= b >>> 15;
      length++;
      space = false;
    }
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
    length++;
    if (first < 0) first = i;
    last = i;
  }
}

/** The keys of distinctLines(text), each lineKey(line) (test/unit/corpus-lines.test.ts compares). */
export function distinctLineKeys(text: string): Set<number> {
  const keys = new Set<number>();
  // \r\n read as two breaks only adds an empty line, never counted.
  forEachLineKey(text, true, (key, length) => {
    if (length >= MIN_EVIDENCE_LINE_LENGTH) keys.add(key);
  });
  return keys;
}

/** Takes `limit` items of an iterable without copying the rest. */
function firstOf<T>(items: Iterable<T>, limit: number): T[] {
  const out: T[] = [];
  if (limit <= 0) return out;
  for (const item of items) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}

const NO_RARE = { chars: '', counts: new Int32Array(0) };

/** Above this many documents a line's holders are a Set (removal in constant time), below an array. */
const SMALL_HOLDERS = 32;
/** The first location of each line of a document: keys ascending, and the start and end of each. */
interface LocationIndex {
  keys: Float64Array;
  offsets: Int32Array;
}

function locationIndex(text: string): LocationIndex {
  const first = new Map<number, number>();
  const starts: number[] = [];
  const ends: number[] = [];
  forEachLineKey(text, false, (key, _length, start, end) => {
    if (first.has(key)) return;
    first.set(key, starts.length);
    starts.push(start);
    ends.push(end);
  });
  const keys = Float64Array.from(first.keys()).sort();
  const offsets = new Int32Array(keys.length * 2);
  keys.forEach((key, k) => {
    const i = first.get(key)!;
    offsets[2 * k] = starts[i];
    offsets[2 * k + 1] = ends[i];
  });
  return { keys, offsets };
}

function findLocation(index: LocationIndex, key: number): { start: number; end: number } | undefined {
  let lo = 0;
  let hi = index.keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = index.keys[mid];
    if (k === key) return { start: index.offsets[2 * mid], end: index.offsets[2 * mid + 1] };
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/**
 * The workspace's documents and the statistics rules read from them, kept
 * incrementally: setting or deleting one document touches only its own lines.
 * Documents are numbered; a line is its key (lineKey), and the documents holding it
 * are one number, an array of numbers or, for lines many hold, a Set, each in the
 * order the documents took the line.
 */
export class Corpus implements CorpusView {
  private readonly texts = new Map<string, string>();
  private readonly numbers = new Map<string, number>();
  private readonly uriOf: (string | undefined)[] = [];
  private readonly freeNumbers: number[] = [];
  /** By document number: the keys of its distinct lines. */
  private readonly linesOf: (Float64Array | undefined)[] = [];
  private readonly documentsByLine = new Map<number, number | number[] | Set<number>>();
  /** Line locations of the documents asked about, by key. */
  private readonly locations = new Map<string, LocationIndex>();
  /**
   * By document: its rare characters and their counts, to take back when it changes; the
   * characters joined, two code units each (a pair, or one unit and a NUL: a lone surrogate
   * must not pair up with the next one). Not a Map per document: those were 8 MB in a scan
   * of 10,000 files.
   */
  private readonly rareOf = new Map<string, { chars: string; counts: Int32Array }>();
  private readonly rareTotals = new Map<string, { count: number; docs: number }>();
  /**
   * Documents set but not yet counted: the statistics are brought up to date when first
   * asked, so a lint whose rules never ask (a lone file, most rule selections) pays nothing.
   */
  private readonly pending = new Set<string>();
  private indexed = 0;
  /** Characters read to keep the statistics: grows with what was set, never with the corpus size (tests count it). */
  get charactersIndexed(): number {
    this.flush();
    return this.indexed;
  }

  readonly lines: CorpusLineStatistics = {
    documentCount: (lineText) => {
      this.flush();
      const holders = this.documentsByLine.get(normalisedLineKey(lineText));
      return holders === undefined ? 0 : typeof holders === 'number' ? 1 : Array.isArray(holders) ? holders.length : holders.size;
    },
    // A line shared by thousands of files must not cost thousands per question: callers say how many they show.
    documentsWith: (lineText, limit = Infinity) => {
      this.flush();
      const holders = this.documentsByLine.get(normalisedLineKey(lineText));
      if (holders === undefined) return [];
      if (typeof holders === 'number') return limit >= 1 ? [this.uriOf[holders]!] : [];
      // Pushed, not map(): map()'s arrays are of another elements kind than the one-holder
      // literal above, and the evidence code that filters and walks both was deoptimised
      // and compiled again on meeting the second kind in the first lint.
      const uris: string[] = [];
      for (const n of firstOf(holders, limit)) uris.push(this.uriOf[n]!);
      return uris;
    },
    // Built on first use per document and dropped when it changes: evidence for thousands of lines costs one pass.
    locate: (uri, normalisedLine) => {
      const text = this.texts.get(uri);
      if (text === undefined) return undefined;
      let index = this.locations.get(uri);
      if (!index) this.locations.set(uri, (index = locationIndex(text)));
      return findLocation(index, lineKey(normalisedLine));
    },
  };

  readonly characters: CorpusCharacterStatistics = {
    of: (ch) => {
      this.flush();
      return this.rareTotals.get(ch);
    },
  };

  /** Bumped by every change of the documents. */
  revision = 0;

  get size(): number {
    return this.texts.size;
  }

  uris(): Iterable<string> {
    return this.texts.keys();
  }

  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  set(uri: string, text: string): void {
    if (this.texts.get(uri) === text) return;
    this.revision++;
    this.removeLines(uri);
    this.texts.set(uri, text);
    let n = this.numbers.get(uri);
    if (n === undefined) {
      n = this.freeNumbers.pop() ?? this.uriOf.length;
      this.numbers.set(uri, n);
      this.uriOf[n] = uri;
    }
    this.pending.add(uri);
  }

  private flush(): void {
    if (this.pending.size === 0) return;
    for (const uri of this.pending) this.count(uri, this.numbers.get(uri)!, this.texts.get(uri)!);
    this.pending.clear();
  }

  private count(uri: string, n: number, text: string): void {
    const keys = distinctLineKeys(text);
    this.linesOf[n] = Float64Array.from(keys);
    for (const key of keys) {
      const holders = this.documentsByLine.get(key);
      if (holders === undefined) this.documentsByLine.set(key, n);
      else if (typeof holders === 'number') this.documentsByLine.set(key, [holders, n]);
      else if (Array.isArray(holders)) {
        holders.push(n);
        if (holders.length > SMALL_HOLDERS) this.documentsByLine.set(key, new Set(holders));
      } else holders.add(n);
    }
    this.indexed += text.length;
    const rare = rareCharacters(text);
    this.rareOf.set(uri, rare.size === 0 ? NO_RARE : { chars: [...rare.keys()].map((ch) => (ch.length === 1 ? `${ch}\0` : ch)).join(''), counts: Int32Array.from(rare.values()) });
    for (const [ch, count] of rare) {
      let total = this.rareTotals.get(ch);
      if (!total) this.rareTotals.set(ch, (total = { count: 0, docs: 0 }));
      total.count += count;
      total.docs++;
    }
  }

  delete(uri: string): void {
    if (this.texts.has(uri)) this.revision++;
    this.removeLines(uri);
    this.texts.delete(uri);
    const n = this.numbers.get(uri);
    if (n !== undefined) {
      this.numbers.delete(uri);
      this.uriOf[n] = undefined;
      this.freeNumbers.push(n);
    }
  }

  private removeLines(uri: string): void {
    this.locations.delete(uri);
    // Never counted: nothing to take back.
    if (this.pending.delete(uri)) return;
    const n = this.numbers.get(uri);
    const previous = n === undefined ? undefined : this.linesOf[n];
    if (n === undefined || !previous) return;
    for (const key of previous) {
      const holders = this.documentsByLine.get(key);
      if (holders === undefined) continue;
      if (typeof holders === 'number') {
        if (holders === n) this.documentsByLine.delete(key);
      } else if (Array.isArray(holders)) {
        const i = holders.indexOf(n);
        if (i !== -1) holders.splice(i, 1);
        if (holders.length === 1) this.documentsByLine.set(key, holders[0]);
      } else {
        holders.delete(n);
        if (holders.size === 0) this.documentsByLine.delete(key);
      }
    }
    this.linesOf[n] = undefined;
    const rare = this.rareOf.get(uri) ?? NO_RARE;
    for (let k = 0; k < rare.counts.length; k++) {
      const ch = rare.chars[2 * k + 1] === '\0' ? rare.chars[2 * k] : rare.chars.slice(2 * k, 2 * k + 2);
      const total = this.rareTotals.get(ch)!;
      total.count -= rare.counts[k];
      total.docs--;
      if (total.docs === 0) this.rareTotals.delete(ch);
    }
    this.rareOf.delete(uri);
  }
}

/** A corpus of one document, for linting a lone file or text. */
export function singleDocumentCorpus(uri: string, text: string): Corpus {
  const corpus = new Corpus();
  corpus.set(uri, text);
  return corpus;
}
