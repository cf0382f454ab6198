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
   * order they were first added, each once.
   */
  candidates(pairs: readonly string[]): { key: string; value: T }[] {
    const hits = new Set<number>();
    for (const pair of pairs) {
      if (pair.length !== 2) throw new Error('a pair is two UTF-16 code units');
      for (const n of this.postings.get(pairAt(pair, 0)) ?? []) hits.add(n);
    }
    const out: { key: string; value: T }[] = [];
    for (const n of [...hits].sort((a, b) => a - b)) {
      const doc = this.documents[n];
      // A stale posting (the pair left the document in an edit) is dropped here.
      if (doc && pairs.some((p) => doc.text.includes(p))) out.push({ key: doc.key, value: doc.value });
    }
    return out;
  }

  private index(n: number, text: string): void {
    this.unitsIndexed += text.length;
    for (let i = 0; i + 1 < text.length; i++) {
      const pair = pairAt(text, i);
      let list = this.postings.get(pair);
      if (!list) this.postings.set(pair, (list = []));
      // One posting per document and pair: all of a document's pairs are added in one pass.
      if (list[list.length - 1] !== n) {
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
    this.livePostings = 0;
    this.stalePostings = 0;
    this.documents.forEach((doc, n) => {
      if (doc) this.index(n, doc.text);
    });
  }
}
