// Which documents contain a given pair of adjacent UTF-16 code units: an inverted
// index, so a search for evidence visits the documents that can hold it instead of
// every document of the workspace (which made checking a workspace quadratic).
//
// Documents get numbers in the order they are first added, and a changed document
// keeps its number, so candidates come back in the corpus's own order. Postings only
// grow (a re-indexed document appends its pairs again); stale entries cost a wasted
// look, never a missed one, and the index is rebuilt when they outnumber the live ones.

/** The pair of code units at `i`, `i + 1` as one exact 32-bit key. */
function pairAt(text: string, i: number): number {
  return ((text.charCodeAt(i) << 16) | text.charCodeAt(i + 1)) >>> 0;
}

export class BigramIndex<T> {
  private readonly postings = new Map<number, number[]>();
  private readonly unsorted = new Set<number>();
  private readonly numbers = new Map<string, number>();
  /** By number: the live document, or undefined once removed. */
  private readonly documents: ({ key: string; text: string; value: T } | undefined)[] = [];
  private livePostings = 0;
  private stalePostings = 0;
  /** Code units indexed since creation: tests count it to show edits cost their own text only. */
  unitsIndexed = 0;

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
      previous.value = value;
      return;
    }
    if (n === undefined) {
      n = this.documents.length;
      this.numbers.set(key, n);
      this.documents.push(undefined);
    }
    if (previous) this.retire(previous.text);
    this.documents[n] = { key, text, value };
    this.index(n, text);
    if (this.stalePostings > Math.max(this.livePostings, 1 << 16)) this.rebuild();
  }

  delete(key: string): void {
    const n = this.numbers.get(key);
    if (n === undefined) return;
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
    const lists = pairs.map((pair) => {
      if (pair.length !== 2) throw new Error('a pair is two UTF-16 code units');
      return this.sortedPostings(pairAt(pair, 0));
    });
    const at = lists.map(() => 0);
    let previous = -1;
    for (;;) {
      // The smallest next document number over the lists: a merge of sorted lists.
      let n = Infinity;
      for (let k = 0; k < lists.length; k++) if (at[k] < lists[k].length && lists[k][at[k]] < n) n = lists[k][at[k]];
      if (n === Infinity) return;
      for (let k = 0; k < lists.length; k++) while (at[k] < lists[k].length && lists[k][at[k]] === n) at[k]++;
      if (n === previous) continue;
      previous = n;
      const doc = this.documents[n];
      // A stale posting (the pair left the document in an edit) is dropped here.
      if (doc && pairs.some((p) => doc.text.includes(p))) yield { key: doc.key, value: doc.value };
    }
  }

  /** A re-indexed document appends its (older, smaller) number: such lists are sorted when next read. */
  private sortedPostings(pair: number): number[] {
    const list = this.postings.get(pair);
    if (!list) return [];
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
      let list = this.postings.get(pair);
      if (!list) this.postings.set(pair, (list = []));
      // One posting per document and pair: all of a document's pairs are added in one pass.
      const last = list[list.length - 1];
      if (last !== n) {
        if (last !== undefined && last > n) this.unsorted.add(pair);
        list.push(n);
        this.livePostings++;
      }
    }
  }

  private retire(text: string): void {
    // Roughly the distinct pairs the old text had: enough to decide when to rebuild.
    const stale = Math.min(text.length, new Set(text).size * 4);
    this.stalePostings += stale;
    this.livePostings = Math.max(0, this.livePostings - stale);
  }

  private rebuild(): void {
    this.postings.clear();
    this.unsorted.clear();
    this.livePostings = 0;
    this.stalePostings = 0;
    this.documents.forEach((doc, n) => {
      if (doc) this.index(n, doc.text);
    });
  }
}
