import type { CorpusLineStatistics, CorpusView } from './types';
import { computeLineStarts } from './positions';

/** Lines shorter than this (after normalisation) say nothing about boilerplate. */
const MIN_EVIDENCE_LINE_LENGTH = 2;

/** Folds the differences that do not make two lines different lines: outer and repeated white space. */
export function normaliseLine(line: string): string {
  return line.replace(/[\s\u00a0\u3000\ufeff]+/g, ' ').trim();
}

function distinctLines(text: string): Set<string> {
  const starts = computeLineStarts(text);
  const lines = new Set<string>();
  for (let i = 0; i < starts.length; i++) {
    const end = i + 1 < starts.length ? starts[i + 1] : text.length;
    const line = normaliseLine(text.slice(starts[i], end));
    if (line.length >= MIN_EVIDENCE_LINE_LENGTH) lines.add(line);
  }
  return lines;
}

/**
 * The workspace's documents and the statistics rules read from them, kept
 * incrementally: setting or deleting one document touches only its own lines.
 */
export class Corpus implements CorpusView {
  private readonly texts = new Map<string, string>();
  private readonly linesOf = new Map<string, Set<string>>();
  private readonly documentsByLine = new Map<string, Set<string>>();

  readonly lines: CorpusLineStatistics = {
    documentCount: (lineText) => this.documentsByLine.get(normaliseLine(lineText))?.size ?? 0,
    documentsWith: (lineText) => [...(this.documentsByLine.get(normaliseLine(lineText)) ?? [])],
  };

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
    this.removeLines(uri);
    this.texts.set(uri, text);
    const lines = distinctLines(text);
    this.linesOf.set(uri, lines);
    for (const line of lines) {
      let docs = this.documentsByLine.get(line);
      if (!docs) this.documentsByLine.set(line, (docs = new Set()));
      docs.add(uri);
    }
  }

  delete(uri: string): void {
    this.removeLines(uri);
    this.texts.delete(uri);
  }

  private removeLines(uri: string): void {
    const previous = this.linesOf.get(uri);
    if (!previous) return;
    for (const line of previous) {
      const docs = this.documentsByLine.get(line);
      if (!docs) continue;
      docs.delete(uri);
      if (docs.size === 0) this.documentsByLine.delete(line);
    }
    this.linesOf.delete(uri);
  }
}

/** A corpus of one document, for linting a lone file or text. */
export function singleDocumentCorpus(uri: string, text: string): Corpus {
  const corpus = new Corpus();
  corpus.set(uri, text);
  return corpus;
}
