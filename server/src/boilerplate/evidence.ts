// Corpus evidence for the block boundaries (CCNet-style line statistics, kept
// incrementally by core/corpus.ts): a line outside the article body that other
// workspace files hold too is page furniture of a site.
//
// Evidence is weak when another file holds the line, and strong when the line is
// the site's: at least two other files hold it, those files are the page's siblings
// (files sharing at least two of its non-body lines: the same site's template) and it
// is in at least half of the siblings. A line also has to be shared by more files
// than the article's own paragraphs are, so a repost (the same article in several
// files, headline included) gives no evidence about its headline.
import { normaliseLine } from '../core/corpus';
import type { SeedDocument } from '../core/document';
import type { StepBudget } from '../core/steps';
import type { CorpusView, RelatedLocation, RuleContext } from '../core/types';
import type { LineInfo } from './analysis';
import { corpusKey } from './normalise';

export interface LineEvidence {
  /** Other files holding the line. */
  files: number;
  strong: boolean;
}

/** Shorter lines (normalised) say nothing: 首页, 打印. Shared with boilerplate-repeated-line. */
export const MIN_LENGTH = 4;
/** Other files asked about per line: enough to find the siblings, bounded for lines every file holds. */
const SAMPLE = 64;

/** The boilerplate-repeated-line option minFiles: how many files make a line repeated (at least 2). */
export function minFiles(options: Readonly<Record<string, unknown>>): number {
  const raw = options['boilerplate-repeated-line'];
  const n = raw && typeof raw === 'object' ? (raw as { minFiles?: unknown }).minFiles : undefined;
  return typeof n === 'number' && n >= 2 ? Math.floor(n) : 2;
}

/**
 * Sets `shared` on the lines outside the body run `body` that other files hold, yielding
 * when `budget` says (a unit a line, and a unit per file asked about).
 * The corpus may hold an older text of this document (fix-all rounds): its own
 * copy is not counted as another file.
 */
export function* siteEvidenceSteps(
  doc: SeedDocument,
  ctx: RuleContext,
  lines: LineInfo[],
  firstLine: number,
  body: { first: number; last: number },
  budget: StepBudget,
): Generator<void, void, void> {
  const corpus = ctx.corpus;
  const threshold = minFiles(ctx.options);
  if (corpus.size < threshold) return;
  const own = corpus.text(doc.uri);
  const ownKeys = own === undefined ? undefined : own === doc.text ? 'all' : new Set(own.split(/\r?\n/).map(normaliseLine));
  const others = (key: string): number => {
    const n = corpus.lines.documentCount(key);
    const mine = ownKeys === 'all' || (ownKeys !== undefined && ownKeys.has(key));
    return mine ? n - 1 : n;
  };

  // The article's own level of sharing: the median over its paragraphs.
  const paragraphCounts: number[] = [];
  for (let i = body.first; i <= body.last; i++) {
    const l = lines[i];
    if (l.paragraph) paragraphCounts.push(others(corpusKey(doc.lines[i].text)));
    if (budget.spend()) yield;
  }
  paragraphCounts.sort((a, b) => a - b);
  const baseline = paragraphCounts.length ? paragraphCounts[Math.floor(paragraphCounts.length / 2)] : 0;

  const ownNumber = fileNumber(corpus, doc.uri);
  const candidates: { l: LineInfo; files: number; docs: number[] }[] = [];
  for (let i = firstLine; i < lines.length; i++) {
    if (budget.spend()) yield;
    const l = lines[i];
    if (l.empty || l.metadata || l.zone === 'header' || (i >= body.first && i <= body.last)) continue;
    const key = corpusKey(doc.lines[i].text);
    if (key.length < MIN_LENGTH) continue;
    const files = others(key);
    if (files < threshold - 1 || files <= baseline) continue;
    // The sample is the corpus' and the same for every file holding the line: asked once per corpus revision.
    const memo = sharedLineMemo(corpus, key);
    const sample = memo ? (memo.sample ??= sampleOf(corpus, key)) : sampleOf(corpus, key);
    // The other files of the sample, at most SAMPLE of them.
    const docs: number[] = [];
    for (let k = 0; k < sample.length && docs.length < SAMPLE; k++) if (sample[k] !== ownNumber) docs.push(sample[k]);
    candidates.push({ l, files, docs });
    if (budget.spend(docs.length)) yield;
  }
  if (candidates.length === 0) return;

  // Siblings: files holding at least two of the page's shared lines. Counted in an array by
  // file number (a map by URI was most of this function's time).
  const shares = new Int32Array(fileNumbers.get(corpus)!.size);
  let siblings = 0;
  for (const c of candidates) {
    for (const u of c.docs) if (++shares[u] === 2) siblings++;
    if (budget.spend(c.docs.length)) yield;
  }
  for (const c of candidates) {
    let inSiblings = 0;
    for (const u of c.docs) if (shares[u] >= 2) inSiblings++;
    const strong = c.files >= 2 && inSiblings >= 2 && inSiblings * 2 >= Math.min(siblings, SAMPLE);
    c.l.shared = { files: c.files, strong };
    if (budget.spend(c.docs.length)) yield;
  }
}

/**
 * Per corpus, a number for every file it ever held, from 0 up, never changed: a line's sample
 * is kept as numbers (SharedLineMemo.sample), valid whatever revision asks.
 */
const fileNumbers = new WeakMap<CorpusView, Map<string, number>>();

function fileNumber(corpus: CorpusView, uri: string): number {
  let numbers = fileNumbers.get(corpus);
  if (!numbers) fileNumbers.set(corpus, (numbers = new Map()));
  let n = numbers.get(uri);
  if (n === undefined) numbers.set(uri, (n = numbers.size));
  return n;
}

/** The first SAMPLE + 1 files holding a line, by fileNumber. */
function sampleOf(corpus: CorpusView, key: string): Int32Array {
  const uris = corpus.lines.documentsWith(key, SAMPLE + 1);
  const sample = new Int32Array(uris.length);
  for (let k = 0; k < uris.length; k++) sample[k] = fileNumber(corpus, uris[k]);
  return sample;
}

/** Where a (normalised) line sits in another document's text. */
function locate(text: string, wanted: string): { start: number; end: number } | undefined {
  let start = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (normaliseLine(line) === wanted) {
      const lead = line.length - line.trimStart().length;
      return { start: start + lead, end: start + line.trimEnd().length };
    }
    start += raw.length + 1;
  }
  return undefined;
}

type Place = { start: number; end: number } | undefined;

/**
 * What the corpus says of one shared (normalised) line, the same for every file that
 * asks until the corpus changes: where other files hold it, and what a rule derives from
 * the corpus alone (the repeated-line rule's first holders and related places).
 */
export interface SharedLineMemo {
  /** The memo of the corpus' revision it belongs to: what it holds counts towards MEMO_LIMIT. */
  owner: { size: number };
  /** Made when a place is first asked (siteEvidence asks for the sample only). */
  places?: Map<string, Place>;
  holders?: string[];
  related?: readonly RelatedLocation[];
  message?: string;
  /** The first SAMPLE + 1 files holding the line, by fileNumber, for the site evidence. */
  sample?: Int32Array;
}

/** Per corpus, for its current revision; started over when the corpus changes or holds MEMO_LIMIT lines and places. */
const corpusMemo = new WeakMap<CorpusView, { revision: number; size: number; byLine: Map<string, SharedLineMemo> }>();
const MEMO_LIMIT = 50_000;

/** The memo of a line for the corpus' current revision; undefined for a corpus without revisions. */
export function sharedLineMemo(corpus: CorpusView, key: string): SharedLineMemo | undefined {
  const revision = corpus.revision;
  if (revision === undefined) return undefined;
  let memo = corpusMemo.get(corpus);
  if (!memo || memo.revision !== revision || memo.size >= MEMO_LIMIT) corpusMemo.set(corpus, (memo = { revision, size: 0, byLine: new Map() }));
  let line = memo.byLine.get(key);
  if (!line) {
    // Every field from the start: one hidden class, whichever rule fills which first.
    memo.byLine.set(key, (line = { owner: memo, places: undefined, holders: undefined, related: undefined, message: undefined, sample: undefined }));
    memo.size++;
  }
  return line;
}

/**
 * Where other files hold a normalised line. Every file holding a shared line asks
 * where the same other files hold it: remembered for the corpus revision, so each
 * place is located once per lint of the workspace rather than once per file asking.
 */
export function placesOf(corpus: CorpusView, key: string, uris: readonly string[], memo = sharedLineMemo(corpus, key)): Place[] {
  if (!memo) return uris.map((uri) => locateIn(corpus, uri, key));
  const places: Place[] = [];
  const known = (memo.places ??= new Map());
  for (const uri of uris) {
    let place = known.get(uri);
    if (place === undefined && !known.has(uri)) {
      place = locateIn(corpus, uri, key);
      known.set(uri, place);
      memo.owner.size++;
    }
    places.push(place);
  }
  return places;
}

function locateIn(corpus: CorpusView, uri: string, key: string): Place {
  return corpus.lines.locate ? corpus.lines.locate(uri, key) : locate(corpus.text(uri) ?? '', key);
}
