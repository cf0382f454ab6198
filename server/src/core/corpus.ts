import type { CorpusCharacterStatistics, CorpusLineStatistics, CorpusView } from './types';
import { computeLineStarts } from './positions';
import { Commonness, tableCommonness } from '../encoding/cjk-commonness';

/** Lines shorter than this (after normalisation) say nothing about boilerplate. */
const MIN_EVIDENCE_LINE_LENGTH = 2;

/** Folds the differences that do not make two lines different lines: outer and repeated white space. */
export function normaliseLine(line: string): string {
  return line.replace(/[\s\u00a0\u3000\ufeff]+/g, ' ').trim();
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

/** Occurrences of each character the codec tables rate rare: what mojibake detection asks the corpus. */
function rareCharacters(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80 || tableCommonness(ch) !== Commonness.Rare) continue;
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return counts;
}

/** The first place of each normalised line: the trimmed line's offsets, lines split at \n with a \r before it dropped. */
export function lineLocations(text: string): Map<string, { start: number; end: number }> {
  const out = new Map<string, { start: number; end: number }>();
  let start = 0;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const key = normaliseLine(line);
    if (!out.has(key)) {
      const lead = line.length - line.trimStart().length;
      out.set(key, { start: start + lead, end: start + line.trimEnd().length });
    }
    start += raw.length + 1;
  }
  return out;
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

/**
 * The workspace's documents and the statistics rules read from them, kept
 * incrementally: setting or deleting one document touches only its own lines.
 */
export class Corpus implements CorpusView {
  private readonly texts = new Map<string, string>();
  private readonly linesOf = new Map<string, Set<string>>();
  private readonly documentsByLine = new Map<string, Set<string>>();
  private readonly locations = new Map<string, Map<string, { start: number; end: number }>>();
  private readonly rareOf = new Map<string, Map<string, number>>();
  private readonly rareTotals = new Map<string, { count: number; docs: number }>();
  /** Characters read to keep the statistics: grows with what was set, never with the corpus size (tests count it). */
  charactersIndexed = 0;

  readonly lines: CorpusLineStatistics = {
    documentCount: (lineText) => this.documentsByLine.get(normaliseLine(lineText))?.size ?? 0,
    // A line shared by thousands of files must not cost thousands per question: callers say how many they show.
    documentsWith: (lineText, limit = Infinity) => firstOf(this.documentsByLine.get(normaliseLine(lineText)) ?? [], limit),
    // Built on first use per document and dropped when it changes: evidence for thousands of lines costs one pass.
    locate: (uri, normalisedLine) => {
      const text = this.texts.get(uri);
      if (text === undefined) return undefined;
      let index = this.locations.get(uri);
      if (!index) this.locations.set(uri, (index = lineLocations(text)));
      return index.get(normalisedLine);
    },
  };

  readonly characters: CorpusCharacterStatistics = {
    of: (ch) => this.rareTotals.get(ch),
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
    const lines = distinctLines(text);
    this.linesOf.set(uri, lines);
    for (const line of lines) {
      let docs = this.documentsByLine.get(line);
      if (!docs) this.documentsByLine.set(line, (docs = new Set()));
      docs.add(uri);
    }
    this.charactersIndexed += text.length;
    const rare = rareCharacters(text);
    this.rareOf.set(uri, rare);
    for (const [ch, n] of rare) {
      let total = this.rareTotals.get(ch);
      if (!total) this.rareTotals.set(ch, (total = { count: 0, docs: 0 }));
      total.count += n;
      total.docs++;
    }
  }

  delete(uri: string): void {
    if (this.texts.has(uri)) this.revision++;
    this.removeLines(uri);
    this.texts.delete(uri);
  }

  private removeLines(uri: string): void {
    this.locations.delete(uri);
    const previous = this.linesOf.get(uri);
    if (!previous) return;
    for (const line of previous) {
      const docs = this.documentsByLine.get(line);
      if (!docs) continue;
      docs.delete(uri);
      if (docs.size === 0) this.documentsByLine.delete(line);
    }
    this.linesOf.delete(uri);
    for (const [ch, n] of this.rareOf.get(uri) ?? []) {
      const total = this.rareTotals.get(ch)!;
      total.count -= n;
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
