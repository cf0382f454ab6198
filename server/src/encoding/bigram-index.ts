// Which documents contain a given pair of adjacent UTF-16 code units: an inverted
// index, so a search for evidence visits the documents that can hold it instead of
// every document of the workspace (which made checking a workspace quadratic).
//
// Documents get numbers in the order they are first added, and a changed document
// keeps its number, so candidates come back in the corpus's own order. Postings only
// grow (a re-indexed document appends its pairs again); stale entries cost a wasted
// look, never a missed one, and the index is rebuilt when they outnumber the live ones.
//
// A pair's postings are one number while one document holds it (most pairs of a real
// crawl), an array while few do, and beyond that varint-coded gaps in a byte array
// (mostly one byte a document instead of eight).

/** The pair of code units at `i`, `i + 1` as one exact 32-bit key. */
function pairAt(text: string, i: number): number {
  return ((text.charCodeAt(i) << 16) | text.charCodeAt(i + 1)) >>> 0;
}

/** Postings of a pair beyond this many documents are packed. */
const PACK_AFTER = 16;

/** A long posting list: ascending document numbers as varint gaps, plus numbers appended below the top, merged in when read. */
class PackedPostings {
  bytes: Uint8Array;
  used = 0;
  /** The largest number coded so far. */
  top = -1;
  /** The number appended last (a document's pairs are appended once per pass). */
  last = -1;
  late: number[] | undefined;

  constructor(numbers: readonly number[]) {
    this.bytes = new Uint8Array(numbers.length * 2);
    for (const n of numbers) this.push(n);
  }

  push(n: number): void {
    this.last = n;
    if (n <= this.top) {
      (this.late ??= []).push(n);
      return;
    }
    let gap = n - this.top;
    this.top = n;
    if (this.used + 5 > this.bytes.length) {
      const grown = new Uint8Array(Math.max(16, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    while (gap >= 0x80) {
      this.bytes[this.used++] = (gap & 0x7f) | 0x80;
      gap >>>= 7;
    }
    this.bytes[this.used++] = gap;
  }

  decode(): number[] {
    const out: number[] = [];
    for (const c = new PackedCursor(this); c.value !== Infinity; c.next()) out.push(c.value);
    return out;
  }

  /** Merges the late numbers in; returns how many duplicates that dropped. */
  settle(): number {
    if (!this.late) return 0;
    const all = this.decode().concat(this.late).sort((a, b) => a - b);
    let w = 0;
    for (let r = 0; r < all.length; r++) if (r === 0 || all[r] !== all[r - 1]) all[w++] = all[r];
    const dropped = all.length - w;
    all.length = w;
    const last = this.last;
    this.used = 0;
    this.top = -1;
    this.late = undefined;
    for (const n of all) this.push(n);
    this.last = last;
    return dropped;
  }
}

/** Reads a settled packed list in order: `value` is the current number, Infinity past the end. */
class PackedCursor {
  value = -1;
  private at = 0;
  constructor(private readonly list: PackedPostings) {
    this.next();
  }

  next(): void {
    if (this.at >= this.list.used) {
      this.value = Infinity;
      return;
    }
    let gap = 0;
    let shift = 0;
    for (;;) {
      const b = this.list.bytes[this.at++];
      gap += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
      shift += 7;
    }
    this.value += gap;
  }
}

/** Reads a sorted array of numbers the way PackedCursor reads a packed list. */
class ArrayCursor {
  value: number;
  private at = 0;
  constructor(private readonly list: readonly number[]) {
    this.value = list.length ? list[0] : Infinity;
  }

  next(): void {
    this.at++;
    this.value = this.at < this.list.length ? this.list[this.at] : Infinity;
  }
}

type Postings = number | number[] | PackedPostings;

interface DocumentRecord<T> {
  key: string;
  text: string;
  value: T;
  /** Indexed again after a change, so postings of pairs its old text had may remain (until a rebuild). */
  replaced: boolean;
}

/**
 * The documents that hold all the pairs of at least one of some sets of pairs, in
 * number order: a merge of the pairs' posting lists.
 */
export class CandidateCursor<T> {
  /** Which of the pairs the document being looked at holds. */
  private readonly held: boolean[];

  constructor(
    private readonly documents: readonly (DocumentRecord<T> | undefined)[],
    /** The distinct pairs, each with its cursor. */
    private readonly pairs: readonly string[],
    private readonly cursors: ReadonlyArray<PackedCursor | ArrayCursor>,
    /** The sets, as indexes into `pairs`. */
    private readonly sets: ReadonlyArray<readonly number[]>,
  ) {
    this.held = pairs.map(() => false);
  }

  /** The next document, or undefined after the last. */
  next(): { readonly key: string; readonly value: T } | undefined {
    const { cursors, held } = this;
    for (;;) {
      // The smallest next document number over the lists.
      let n = Infinity;
      for (const c of cursors) if (c.value < n) n = c.value;
      if (n === Infinity) return undefined;
      for (let k = 0; k < cursors.length; k++) {
        held[k] = cursors[k].value === n;
        while (cursors[k].value === n) cursors[k].next();
      }
      const doc = this.documents[n];
      if (!doc) continue;
      // A stale posting (the pair left the document in an edit) is dropped here; a
      // document indexed once has postings of its own pairs only.
      if (doc.replaced) for (let k = 0; k < held.length; k++) if (held[k] && !doc.text.includes(this.pairs[k])) held[k] = false;
      if (this.sets.some((set) => set.every((k) => held[k]))) return doc;
    }
  }
}

export class BigramIndex<T> {
  private readonly postings = new Map<number, Postings>();
  private readonly unsorted = new Set<number>();
  private readonly numbers = new Map<string, number>();
  /** By number: the live document, or undefined once removed. */
  private readonly documents: (DocumentRecord<T> | undefined)[] = [];
  private livePostings = 0;
  private stalePostings = 0;
  /** Code units indexed since creation: tests count it to show edits cost their own text only. */
  unitsIndexed = 0;
  /** Changes whenever a document is added, changed or removed, so what was found in the index can be kept until then. */
  version = 0;

  has(key: string): boolean {
    return this.numbers.has(key);
  }

  textOf(key: string): string | undefined {
    const n = this.numbers.get(key);
    return n === undefined ? undefined : this.documents[n]?.text;
  }

  valueOf(key: string): T | undefined {
    const n = this.numbers.get(key);
    return n === undefined ? undefined : this.documents[n]?.value;
  }

  keys(): IterableIterator<string> {
    return this.numbers.keys();
  }

  get size(): number {
    return this.numbers.size;
  }

  /** Adds or replaces a document; `text` is what is searched, `value` what candidates return. */
  set(key: string, text: string, value: T): void {
    let n = this.numbers.get(key);
    const previous = n === undefined ? undefined : this.documents[n];
    if (previous && previous.text === text) {
      if (previous.value !== value) this.version++;
      previous.value = value;
      return;
    }
    this.version++;
    if (n === undefined) {
      n = this.documents.length;
      this.numbers.set(key, n);
      this.documents.push(undefined);
    }
    if (previous) this.retire(previous.text);
    this.documents[n] = { key, text, value, replaced: previous !== undefined };
    this.index(n, text);
    if (this.stalePostings > Math.max(this.livePostings, 1 << 16)) this.rebuild();
  }

  delete(key: string): void {
    const n = this.numbers.get(key);
    if (n === undefined) return;
    this.version++;
    const doc = this.documents[n];
    if (doc) this.retire(doc.text);
    this.documents[n] = undefined;
    this.numbers.delete(key);
  }

  /**
   * The documents containing any of `pairs` (each a string of 2 code units), in the
   * order they were first added, each once. Lazy: a caller that stops early pays only
   * for the documents it took.
   */
  *candidates(pairs: readonly string[]): Generator<{ key: string; value: T }> {
    const cursor = this.cursor(pairs);
    for (let doc = cursor.next(); doc; doc = cursor.next()) yield { key: doc.key, value: doc.value };
  }

  /** What candidates() yields, read one at a time without a generator: the index's own records, not to be changed. */
  cursor(pairs: readonly string[]): CandidateCursor<T> {
    return this.cursorOfSets(pairs.map((pair) => [pair]));
  }

  /** The documents that hold every pair of at least one of `sets`, in candidates() order, one at a time. */
  cursorOfSets(sets: ReadonlyArray<readonly string[]>): CandidateCursor<T> {
    const pairs: string[] = [];
    const indexed = sets.map((set) =>
      set.map((pair) => {
        if (pair.length !== 2) throw new Error('a pair is two UTF-16 code units');
        let k = pairs.indexOf(pair);
        if (k < 0) k = pairs.push(pair) - 1;
        return k;
      }),
    );
    const cursors = pairs.map((pair) => {
      const list = this.sortedPostings(pairAt(pair, 0));
      return list instanceof PackedPostings ? new PackedCursor(list) : new ArrayCursor(list);
    });
    return new CandidateCursor(this.documents, pairs, cursors, indexed);
  }

  /** A re-indexed document appends its (older, smaller) number: such lists are sorted when next read. */
  private sortedPostings(pair: number): readonly number[] | PackedPostings {
    const list = this.postings.get(pair);
    if (list === undefined) return [];
    if (typeof list === 'number') return [list];
    if (list instanceof PackedPostings) {
      this.stalePostings += list.settle();
      return list;
    }
    if (this.unsorted.delete(pair)) {
      list.sort((a, b) => a - b);
      let w = 0;
      for (let r = 0; r < list.length; r++) if (r === 0 || list[r] !== list[r - 1]) list[w++] = list[r];
      this.stalePostings += list.length - w;
      list.length = w;
    }
    return list;
  }

  private index(n: number, text: string): void {
    this.unitsIndexed += text.length;
    for (let i = 0; i + 1 < text.length; i++) {
      const pair = pairAt(text, i);
      const list = this.postings.get(pair);
      if (list === undefined) {
        this.postings.set(pair, n);
        this.livePostings++;
        continue;
      }
      // One posting per document and pair: all of a document's pairs are added in one pass.
      const last = typeof list === 'number' ? list : list instanceof PackedPostings ? list.last : list[list.length - 1];
      if (last === n) continue;
      this.livePostings++;
      if (list instanceof PackedPostings) {
        list.push(n);
        continue;
      }
      if (last > n) this.unsorted.add(pair);
      if (typeof list === 'number') this.postings.set(pair, [list, n]);
      else if (list.length < PACK_AFTER) list.push(n);
      else {
        // Packed lists keep their own order: numbers below the top wait in `late`.
        this.unsorted.delete(pair);
        list.push(n);
        this.postings.set(pair, new PackedPostings(list));
      }
    }
  }

  private retire(text: string): void {
    // Roughly the distinct pairs the old text had: enough to decide when to rebuild.
    const stale = Math.min(text.length, distinctCodePoints(text) * 4);
    this.stalePostings += stale;
    this.livePostings = Math.max(0, this.livePostings - stale);
  }

  private rebuild(): void {
    this.postings.clear();
    this.unsorted.clear();
    this.livePostings = 0;
    this.stalePostings = 0;
    this.documents.forEach((doc, n) => {
      if (!doc) return;
      this.index(n, doc.text);
      doc.replaced = false;
    });
  }
}

/** Marks of the code units a text holds while distinctCodePoints counts them: all zero between counts. */
const seenUnits = new Uint8Array(0x10000);

/** `new Set(text).size` without making the set: 0.27 ms instead of 2.4 on a 100 KB document. */
function distinctCodePoints(text: string): number {
  let count = 0;
  let astral: Set<number> | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        (astral ??= new Set()).add(c * 0x10000 + low);
        i++;
        continue;
      }
    }
    if (seenUnits[c] === 0) {
      seenUnits[c] = 1;
      count++;
    }
  }
  for (let i = 0; i < text.length; i++) seenUnits[text.charCodeAt(i)] = 0;
  return count + (astral?.size ?? 0);
}

/** Per code unit, how many times a text holds it, then where its positions go: all zero between builds. */
const unitScratch = new Int32Array(0x10000);
/** The distinct code units of the text being indexed, in order of first occurrence. */
const distinctScratch = new Uint16Array(0x10000);

/**
 * Where each code unit of one text occurs: the positions of a text's characters,
 * grouped by character. Finding a string then visits the places its rarest code unit
 * occurs instead of scanning the whole text, which matters when the same documents
 * are searched for many short strings. Two bytes per code unit of a text shorter than
 * 64K units (most documents: the positions of a 10,000-file workspace's views were
 * 48 MB at four bytes), four bytes beyond. A unit's group is found by binary search over
 * the positions themselves (ordered by the unit at each) within the groups of units with
 * its high byte: 257 numbers a text rather than a table of its distinct units and their
 * group starts (12 MB more for the same views; a search over all the positions made
 * context-repair 20% slower).
 */
export class TextPositions {
  /** Every offset of the text, grouped by the code unit there (units ascending), each group ascending (read-only to callers). */
  readonly positions: Int32Array | Uint16Array;
  /** Where the groups of the units with high byte h start in `positions`: byHigh[h] up to byHigh[h + 1]. */
  private readonly byHigh: Int32Array | Uint16Array;
  /** Set by `range`: the unit's offsets are positions[from] up to positions[to]. */
  from = 0;
  to = 0;

  constructor(readonly text: string) {
    const n = text.length;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (unitScratch[c]++ === 0) distinctScratch[count++] = c;
    }
    // A typed array sorts numerically, natively.
    const distinct = distinctScratch.slice(0, count).sort();
    // Offsets of a text shorter than 64K units fit in 16 bits (and so do group starts, up to n).
    const small = n < 0x10000;
    this.byHigh = small ? new Uint16Array(257) : new Int32Array(257);
    // From here on, the next free slot for each unit's positions.
    let next = 0;
    let high = 0;
    for (const c of distinct) {
      while (high <= c >> 8) this.byHigh[high++] = next;
      const k = unitScratch[c];
      unitScratch[c] = next;
      next += k;
    }
    while (high <= 256) this.byHigh[high++] = n;
    this.positions = small ? new Uint16Array(n) : new Int32Array(n);
    for (let i = 0; i < n; i++) this.positions[unitScratch[text.charCodeAt(i)]++] = i;
    for (const c of distinct) unitScratch[c] = 0;
  }

  /** Code units held, for memory accounting. */
  get size(): number {
    return this.positions.length;
  }

  /** The first index of positions[lo, hi) whose unit is at least `unit` (hi when none is). */
  private firstAtLeast(unit: number, lo: number, hi: number): number {
    const { positions, text } = this;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (text.charCodeAt(positions[mid]) < unit) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Finds the offsets of `unit` (into `from` and `to`) and returns how many there are. */
  range(unit: number): number {
    const end = this.byHigh[(unit >> 8) + 1];
    const from = this.firstAtLeast(unit, this.byHigh[unit >> 8], end);
    this.from = from;
    this.to = from < end && this.text.charCodeAt(this.positions[from]) === unit ? this.firstAtLeast(unit + 1, from + 1, end) : from;
    return this.to - this.from;
  }

  /** Every offset where `needle` occurs (overlapping ones too), ascending: what repeated indexOf would find. */
  occurrences(needle: string): number[] {
    const out: number[] = [];
    if (!needle) return out;
    // The needle's rarest code unit decides where to look.
    let pick = -1;
    let fewest = Infinity;
    let from = 0;
    let to = 0;
    for (let k = 0; k < needle.length; k++) {
      const count = this.range(needle.charCodeAt(k));
      if (count === 0) return out;
      if (count < fewest) {
        fewest = count;
        pick = k;
        from = this.from;
        to = this.to;
      }
    }
    const last = this.text.length - needle.length;
    for (let j = from; j < to; j++) {
      const at = this.positions[j] - pick;
      if (at < 0 || at > last) continue;
      if (needle.length === 1 || this.text.startsWith(needle, at)) out.push(at);
    }
    return out;
  }

  /** Does the text contain `needle`? */
  includes(needle: string): boolean {
    if (!needle) return true;
    return this.occurrences(needle).length > 0;
  }
}
