import type { CorpusView, RelatedLocation, Rule, RuleFinding } from '../core/types';
import { SeedDocument } from '../core/document';
import { runSteps, StepBudget } from '../core/steps';
import { BigramIndex, TextPositions, type CandidateCursor } from '../encoding/bigram-index';
import { normalise, rawRange, type NormalisedText } from '../encoding/normalised-text';
import { findUnrepairableMojibakeInSteps } from '../encoding/cjk-mojibake';
import { toSimplifiedChar } from '../script/opencc';
import { wordSegments } from '../script/zh-words';
import { commonnessFor, visible } from './mojibake-cjk';

// A lost or garbled span (a `?`/U+FFFD standing for Han characters, perhaps with the
// stray pinyin of a half-removed annotation: `?jié)`; or mojibake no codec restores)
// is filled from another place, in this document or the workspace, where the same
// surroundings occur intact. Surroundings are compared with pinyin annotations and
// HTML entities normalised away, so the rule works on raw text and after those
// repairs alike. Every repair is a guess from evidence: an unsafe quick fix that
// names where the evidence is.

const HAN = /\p{Script=Han}/u;
// Private-use characters beside the marks are byte debris of the same loss (seed 003:
// `?jié)` + U+E313, the orphaned lead byte of 南 read as GB18030).
const LOST = /[\uE000-\uF8FF]*[?\uFFFD]+(?:[a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜêếề]{1,7}\))?[\uE000-\uF8FF]*/gu;
/** How far the surroundings are compared on each side. */
const CONTEXT = 10;
/** Two-sided evidence: at least this many characters of surroundings matched in all. */
const MIN_TWO_SIDED = 4;
/** One-sided evidence: at least this many on the one side. */
const MIN_ONE_SIDED = 5;
const MAX_FILL = 4;
/** Documents holding evidence for one damage that are read before deciding. */
const MAX_EVIDENCE_DOCUMENTS = 32;
/**
 * Candidate documents (they hold the surroundings' character pairs) read for one damage,
 * with or without evidence: without a bound, a damage read every such document, so the
 * work per document grew with the workspace (15k documents read per MB linted in a 1 MB
 * corpus, 145k in a 3 MB one). The first ones read decide.
 */
const MAX_DOCUMENTS_READ = 256;

interface Damage {
  /** View offsets. */
  start: number;
  end: number;
  /** How many characters the marks say were lost; a pinyin remnant means at least one more may be. */
  marks: number;
  remnant: boolean;
  /** Damage that is not `?` marks: unrecoverable mojibake. */
  mojibake: boolean;
}

interface Evidence {
  uri: string;
  view: NormalisedText;
  /** View offsets of the fill in the evidence text. */
  fillStart: number;
  fillEnd: number;
  left: number;
  right: number;
}

/** A document to read for evidence: its URI and view (the pair index's own records). */
interface Source {
  readonly key: string;
  readonly value: NormalisedText;
}

/** Word boundaries (view offsets) of `text` between `from` and `to`, by ICU's dictionary on the Simplified form. */
function wordBoundaries(text: string, from: number, to: number): Set<number> {
  const chars = [...text.slice(from, to)];
  // Character by character, so offsets stay put; a conversion to more than one character keeps the original.
  const simplified = chars.map((ch) => {
    const s = toSimplifiedChar(ch);
    return [...s].length === 1 && s.length === ch.length ? s : ch;
  });
  const bounds = new Set<number>([from]);
  for (const word of wordSegments(simplified.join(''))) bounds.add(from + word.end);
  return bounds;
}

/**
 * The word boundaries within CONTEXT of `q` in a view, as a bit mask over the offsets
 * from max(0, q - CONTEXT): the same window is segmented for every damage whose
 * surroundings occur there, so each view keeps its windows (a few bytes each).
 */
const boundaryMasks = new WeakMap<NormalisedText, Map<number, number>>();
const MAX_MASKS_PER_VIEW = 4096;
/** The masks by the window's text, for all views: reposts hold the same windows (a mask depends on its window alone). */
const masksByWindow = new Map<string, number>();
const MAX_WINDOWS = 16384;

function boundariesAround(view: NormalisedText, q: number): { from: number; mask: number } {
  const from = Math.max(0, q - CONTEXT);
  let masks = boundaryMasks.get(view);
  // Bounded per view: a view asked about everywhere starts over rather than grow with its text.
  if (!masks || masks.size >= MAX_MASKS_PER_VIEW) boundaryMasks.set(view, (masks = new Map()));
  let mask = masks.get(q);
  if (mask === undefined) {
    const window = view.text.slice(from, Math.min(view.text.length, q + CONTEXT));
    mask = masksByWindow.get(window);
    if (mask === undefined) {
      mask = 0;
      // A window spans at most 2 × CONTEXT code units, so its offsets fit in the mask.
      for (const b of wordBoundaries(window, 0, window.length)) mask |= 1 << b;
      if (masksByWindow.size >= MAX_WINDOWS) masksByWindow.clear();
      masksByWindow.set(window, mask);
    }
    masks.set(q, mask);
  }
  return { from, mask };
}

function isBoundary(bounds: { from: number; mask: number }, offset: number): boolean {
  const k = offset - bounds.from;
  return k >= 0 && k <= 2 * CONTEXT && ((bounds.mask >>> k) & 1) === 1;
}

/** Han or not by BMP code unit: 1 Han, 0 not, -1 not looked up yet. */
const hanUnit = new Int8Array(0x10000).fill(-1);

function isHanUnit(c: number): boolean {
  let h = hanUnit[c];
  if (h < 0) hanUnit[c] = h = HAN.test(String.fromCharCode(c)) ? 1 : 0;
  return h === 1;
}

/** A code unit that is a whole character (not half of a surrogate pair) and not Han: no fill can hold it. */
function plainNonHan(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (Number.isNaN(c)) return true;
  return (c < 0xd800 || c > 0xdfff) && !isHanUnit(c);
}

function isLostMark(ch: string): boolean {
  return ch === '?' || ch === '\uFFFD';
}

/** Code units searched for lost marks between two yields (about half a millisecond); a match counts MATCH_UNITS. */
const DAMAGE_STEP_UNITS = 65536;
const MATCH_UNITS = 128;

function* findDamage(view: NormalisedText, model: ReturnType<typeof commonnessFor>): Generator<void, Damage[], void> {
  const text = view.text;
  const out: Damage[] = [];
  const budget = new StepBudget(DAMAGE_STEP_UNITS);
  let searched = 0;
  for (const m of text.matchAll(LOST)) {
    const start = m.index!;
    if (budget.spend(start - searched + MATCH_UNITS)) yield;
    searched = start;
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 2), start);
    const after = text.slice(end, end + 2);
    const hanBefore = before.length > 0 && HAN.test([...before].pop()!);
    const hanAfter = after.length > 0 && HAN.test([...after][0]);
    if (!hanBefore && !hanAfter) continue;
    const marks = [...m[0]].filter(isLostMark).length;
    out.push({ start, end, marks, remnant: /[a-zA-Z\u00c0-\u024f]/.test(m[0]), mojibake: false });
  }
  for (const span of yield* findUnrepairableMojibakeInSteps(text, model)) {
    if (span.repaired !== undefined) continue;
    if (out.some((d) => d.start < span.end && span.start < d.end)) continue;
    out.push({ start: span.start, end: span.end, marks: 0, remnant: false, mojibake: true });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The surroundings of damage all[i] (all sorted by start) on its line, stopping at other damage. */
function surroundings(text: string, all: Damage[], i: number, disjoint: boolean): { left: string; right: string } {
  const d = all[i];
  const within = (o: Damage | undefined, p: number) => o !== undefined && p >= o.start && p < o.end;
  // Disjoint damage sorted by start: walking outwards, the first other damage met is a neighbour.
  const inOther = disjoint ? (p: number) => within(all[i - 1], p) || within(all[i + 1], p) : (p: number) => all.some((o) => o !== d && within(o, p));
  let ls = d.start;
  while (ls > 0 && d.start - ls < CONTEXT && text[ls - 1] !== '\n' && !isLostMark(text[ls - 1]) && !inOther(ls - 1)) ls--;
  let re = d.end;
  while (re < text.length && re - d.end < CONTEXT && text[re] !== '\n' && text[re] !== '\r' && !isLostMark(text[re]) && !inOther(re)) re++;
  return { left: text.slice(ls, d.start), right: text.slice(d.end, re) };
}

function commonSuffix(a: string, aEnd: number, b: string, bEnd: number, max: number): number {
  let n = 0;
  while (n < max && aEnd - n - 1 >= 0 && bEnd - n - 1 >= 0 && a[aEnd - n - 1] === b[bEnd - n - 1]) n++;
  return n;
}

function commonPrefix(a: string, aStart: number, b: string, bStart: number, max: number): number {
  let n = 0;
  while (n < max && aStart + n < a.length && bStart + n < b.length && a[aStart + n] === b[bStart + n]) n++;
  return n;
}

/** A fill must be intact Han text: every code point of text[start, end) Han (half a surrogate pair is not). */
function intactFill(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) {
      if (!isHanUnit(c)) return false;
      continue;
    }
    const low = i + 1 < end ? text.charCodeAt(i + 1) : 0;
    if (c > 0xdbff || low < 0xdc00 || low > 0xdfff) return false;
    if (!HAN.test(text.slice(i, i + 2))) return false;
    i++;
  }
  return true;
}

// The positions of each code unit in the views searched for evidence, so a search
// visits the places a character occurs instead of scanning every candidate document
// for every damage. Four bytes per code unit, kept while the view lives, up to a total
// for the live views: past it, the views without positions are scanned as before
// (no eviction, so a workspace larger than the limit does not rebuild them over and over).
const positionsByView = new WeakMap<NormalisedText, TextPositions>();
/** Code units of positions kept for live views: a view's are given back when it is collected. */
let keptPositions = 0;
const releasePositions = new FinalizationRegistry<number>((size) => {
  keptPositions -= size;
});
/** The limit in code units (tests lower it to check the scanning path). */
export const positionsLimit = { codeUnits: 1 << 23 };

function positionsOf(view: NormalisedText): TextPositions | undefined {
  let positions = positionsByView.get(view);
  if (positions) return positions;
  if (keptPositions + view.text.length > positionsLimit.codeUnits) return undefined;
  positions = new TextPositions(view.text);
  positionsByView.set(view, positions);
  keptPositions += positions.size;
  releasePositions.register(view, positions.size);
  return positions;
}

/** Where offsetsOf's answer lies in the array it returns: [offsetsFrom, offsetsTo). */
let offsetsFrom = 0;
let offsetsTo = 0;

/**
 * The offsets where code unit `unit` occurs in the view, ascending: the returned array
 * from offsetsFrom up to offsetsTo (read them before the next call), so the positions
 * are read in place.
 */
function offsetsOf(view: NormalisedText, unit: number): ArrayLike<number> {
  const positions = positionsOf(view);
  if (positions) {
    positions.range(unit);
    offsetsFrom = positions.from;
    offsetsTo = positions.to;
    return positions.positions;
  }
  const out: number[] = [];
  const ch = String.fromCharCode(unit);
  for (let at = view.text.indexOf(ch); at !== -1; at = view.text.indexOf(ch, at + 1)) out.push(at);
  offsetsFrom = 0;
  offsetsTo = out.length;
  return out;
}

function maxFill(d: Damage): number {
  return Math.min(MAX_FILL, d.mojibake ? MAX_FILL : d.marks + (d.remnant ? 2 : 1));
}

/**
 * Reads one source for evidence. With both sides matching (into `both`), the fill is
 * what lies between. With one side matching (into `oneSide`, when given), the fill
 * runs from it to a word boundary of the evidence; returns whether the source holds a
 * side at all (evidence or not). Both kinds start from the places the last character
 * of `left` occurs, which are looked up once.
 */
function readSource(d: Damage, left: string, right: string, source: Source, self: boolean, own: Damage, both: Evidence[], oneSide: Evidence[] | undefined): boolean {
  const e = source.value.text;
  let holds = false;
  const bothSides = left.length > 0 && right.length > 0;
  const tail = oneSide !== undefined && left.length >= MIN_ONE_SIDED;
  if (bothSides || tail) {
    const hits = offsetsOf(source.value, left.charCodeAt(left.length - 1));
    for (let j = offsetsFrom, end = offsetsTo; j < end; j++) {
      const q = hits[j] + 1;
      const l = commonSuffix(e, q, left, left.length, left.length);
      if (bothSides && !(self && q >= own.start && q <= own.end)) {
        for (let n = 1; n <= maxFill(d); n++) {
          if (!intactFill(e, q, q + n)) break;
          const r = commonPrefix(e, q + n, right, 0, right.length);
          if (r >= 1 && l + r >= MIN_TWO_SIDED) both.push({ uri: source.key, view: source.value, fillStart: q, fillEnd: q + n, left: l, right: r });
        }
      }
      // One side: where the last MIN_ONE_SIDED characters of `left` end.
      if (!tail || l < MIN_ONE_SIDED) continue;
      holds = true;
      if (self && q === own.start) continue;
      // The fill starts at q and must be Han: where it cannot, no segmentation is needed.
      if (q >= e.length || plainNonHan(e, q)) continue;
      const bounds = boundariesAround(source.value, q);
      let fillEnd = q + 1;
      while (fillEnd < q + MAX_FILL && !isBoundary(bounds, fillEnd)) fillEnd++;
      if (!isBoundary(bounds, fillEnd) || fillEnd - q > maxFill(d) || !intactFill(e, q, fillEnd)) continue;
      oneSide!.push({ uri: source.key, view: source.value, fillStart: q, fillEnd, left: l, right: 0 });
    }
  }
  if (oneSide !== undefined && right.length >= MIN_ONE_SIDED) {
    // One side: where the first MIN_ONE_SIDED characters of `right` begin, at its first character.
    const hits = offsetsOf(source.value, right.charCodeAt(0));
    for (let j = offsetsFrom, end = offsetsTo; j < end; j++) {
      const q = hits[j];
      const r = commonPrefix(e, q, right, 0, right.length);
      if (r < MIN_ONE_SIDED) continue;
      holds = true;
      if (self && q === own.end) continue;
      // The fill ends at q and must be Han.
      if (q <= 0 || plainNonHan(e, q - 1)) continue;
      const bounds = boundariesAround(source.value, q);
      let start = q - 1;
      while (start > q - MAX_FILL && !isBoundary(bounds, start)) start--;
      if (!isBoundary(bounds, start) || q - start > maxFill(d) || !intactFill(e, start, q)) continue;
      oneSide.push({ uri: source.key, view: source.value, fillStart: start, fillEnd: q, left: 0, right: r });
    }
  }
  return holds;
}

/** What reading another document for surroundings gave (readSource): its evidence of each kind and whether it holds a side. */
interface Reading {
  readonly both: readonly Evidence[];
  readonly oneSide: readonly Evidence[];
  readonly holds: boolean;
}
const NOTHING: Reading = { both: [], oneSide: [], holds: false };

/**
 * Readings of other documents by what they were read for (surroundings, longest fill, whether
 * for one side too), then by the document's view: reposts give many documents the same damage
 * in the same surroundings, and each reads the same candidates (the pipeline bench's 4 MB has
 * 1,618 damages in 162 distinct surroundings, 250,000 documents read). A view's readings go with
 * it; the surroundings kept are bounded, the longest unused dropped first.
 */
const readings = new Map<string, WeakMap<NormalisedText, Reading>>();
const MAX_SURROUNDINGS_KEPT = 512;

/** The readings kept for `key` (see readings), made the most recently used. */
function readingsFor(key: string): WeakMap<NormalisedText, Reading> {
  let byView = readings.get(key);
  if (byView) readings.delete(key);
  else {
    byView = new WeakMap();
    if (readings.size >= MAX_SURROUNDINGS_KEPT) readings.delete(readings.keys().next().value!);
  }
  readings.set(key, byView);
  return byView;
}

/** readSource of another document than the one checked, read once for each `key` (what `byView` is kept for). */
function readOther(byView: WeakMap<NormalisedText, Reading>, d: Damage, left: string, right: string, source: Source, withOneSide: boolean): Reading {
  let reading = byView.get(source.value);
  if (!reading) {
    const found: Evidence[] = [];
    const foundOneSide: Evidence[] = [];
    const holds = readSource(d, left, right, source, false, d, found, withOneSide ? foundOneSide : undefined);
    reading = found.length === 0 && foundOneSide.length === 0 && !holds ? NOTHING : { both: found, oneSide: foundOneSide, holds };
    byView.set(source.value, reading);
  }
  return reading;
}

/**
 * The candidates for one surroundings, in the index's order, as far as damages have walked
 * them, with their readings by what they were read for: while the index is unchanged, a repost
 * of a damage walks them again from here, without the index's cursor or a look-up per document.
 */
interface Walk {
  readonly sources: Source[];
  /** The candidates past `sources`; undefined once all are taken. */
  rest: CandidateCursor<NormalisedText> | undefined;
  /** By longest fill, and whether for one side too (2 × fill + 1): each source's reading, by its place. */
  readonly readings: Map<number, Reading[]>;
}
/** Per index, the walks by surroundings at its version (all are dropped when it changes), the longest unused first. */
const walksByIndex = new WeakMap<BigramIndex<NormalisedText>, { version: number; walks: Map<string, Walk> }>();

/** The walk of the candidates for `sets` (the pairs of surroundings `key`), kept with the readings. */
function walkFor(index: BigramIndex<NormalisedText>, key: string, sets: string[][]): Walk {
  let kept = walksByIndex.get(index);
  if (!kept || kept.version !== index.version) walksByIndex.set(index, (kept = { version: index.version, walks: new Map() }));
  const walks = kept.walks;
  let walk = walks.get(key);
  if (walk) walks.delete(key);
  else {
    walk = { sources: [], rest: index.cursorOfSets(sets), readings: new Map() };
    if (walks.size >= MAX_SURROUNDINGS_KEPT) walks.delete(walks.keys().next().value!);
  }
  walks.set(key, walk);
  return walk;
}

/** The candidate at place `at` of a walk, taken from the index when first asked; undefined past the last. */
function sourceAt(walk: Walk, at: number): Source | undefined {
  while (at >= walk.sources.length) {
    const next = walk.rest?.next();
    if (!next) {
      walk.rest = undefined;
      return undefined;
    }
    walk.sources.push(next);
  }
  return walk.sources[at];
}

// Per corpus, the documents' views indexed by adjacent pairs, brought up to date when the corpus
// changed, but for one document: the one being checked, whose own search never reads it from the
// index (it reads its own view first and skips it among the candidates). So an edited document is
// not indexed again by its own lints, only when another document is checked (it keeps its number).
interface IndexEntry {
  /** The corpus revision the index holds, but for `behind`. */
  revision: number | undefined;
  /** A document whose text at that revision may not be indexed. */
  behind: string | undefined;
  index: BigramIndex<NormalisedText>;
}
const indexes = new WeakMap<CorpusView, IndexEntry>();

/** Code units indexed between two yields (about a millisecond); a document already indexed counts UNCHANGED_UNITS. */
const INDEX_STEP_UNITS = 16384;
const UNCHANGED_UNITS = 32;

/** Puts `text` in the index as the text of `uri`; false when it already was. */
function indexText(index: BigramIndex<NormalisedText>, uri: string, text: string): boolean {
  const previous = index.valueOf(uri);
  // The index holds each document's view, so a view lives as long as its document is in this corpus.
  const view = previous && previous.raw === text ? previous : normalise(text);
  index.set(uri, view.text, view);
  return view !== previous;
}

/**
 * The index of `corpus` up to date for every document but `except`, in parts: a yield between
 * documents. Every document is whole in the index at every yield; should the corpus change
 * meanwhile, the index is not taken as up to date, so the next search brings it up to date.
 */
function* indexInSteps(corpus: CorpusView, except: string): Generator<void, BigramIndex<NormalisedText>, void> {
  let entry = indexes.get(corpus);
  if (!entry) indexes.set(corpus, (entry = { revision: undefined, behind: undefined, index: new BigramIndex<NormalisedText>() }));
  const index = entry.index;
  const revision = corpus.revision;
  if (revision !== undefined && entry.revision === revision) {
    // At this revision, `behind` was the one document out of date.
    if (entry.behind !== undefined && entry.behind !== except) {
      const text = corpus.text(entry.behind);
      if (text) indexText(index, entry.behind, text);
      entry.behind = undefined;
    }
    return index;
  }
  const budget = new StepBudget(INDEX_STEP_UNITS);
  const present = new Set<string>();
  let behind: string | undefined;
  for (const uri of corpus.uris()) {
    const text = corpus.text(uri);
    if (!text) continue;
    present.add(uri);
    // A document new to the index is indexed all the same: documents are numbered, and so
    // searched, in the order they are first added.
    if (uri === except && index.has(uri)) {
      if (index.valueOf(uri)!.raw !== text) behind = uri;
      continue;
    }
    if (budget.spend(indexText(index, uri, text) ? text.length : UNCHANGED_UNITS)) yield;
  }
  if (corpus.revision !== revision) return index;
  if (index.size > present.size) for (const uri of [...index.keys()]) if (!present.has(uri)) index.delete(uri);
  entry.revision = revision;
  entry.behind = behind;
  return index;
}

/** The view the up-to-date index already holds for this very text, so a lint does not normalise it again. */
function indexedView(corpus: CorpusView, uri: string, text: string): NormalisedText | undefined {
  const entry = indexes.get(corpus);
  if (!entry || entry.revision === undefined || entry.revision !== corpus.revision) return undefined;
  const view = entry.index.valueOf(uri);
  return view && view.raw === text ? view : undefined;
}

/** Documents read in evidence searches since start: tests check that it does not grow with the workspace. */
export const evidenceSearchWork = { documentsRead: 0 };

/**
 * The sets of pairs of which another document must hold every pair of one set to hold
 * evidence for surroundings `left`/`right` (the index finds those documents). Two-sided
 * evidence matches at least MIN_TWO_SIDED characters with 1 or more on each side: 3 or
 * more of `left`, or 2 of each, or 1 of `left` and 3 or more of `right`. One side is
 * MIN_ONE_SIDED characters of one of them. So a document without the last 3 characters'
 * two pairs, nor the last 2 and the first 2, nor the first 3's two pairs, holds neither,
 * and is skipped unread.
 */
function candidatePairs(left: string, right: string): string[][] {
  const sets: string[][] = [];
  if (left.length >= 3) sets.push([left.slice(-3, -1), left.slice(-2)]);
  if (left.length >= 2 && right.length >= 2) sets.push([left.slice(-2), right.slice(0, 2)]);
  if (right.length >= 3) sets.push([right.slice(0, 2), right.slice(1, 3)]);
  return sets;
}

function basename(uri: string): string {
  return uri.replace(/^.*[\\/]/, '');
}

/** The readings of a walk's sources for what `kind` says (see Walk.readings). */
function readingsAt(walk: Walk, kind: number): Reading[] {
  let kept = walk.readings.get(kind);
  if (!kept) walk.readings.set(kind, (kept = []));
  return kept;
}

/**
 * The finding for damage `d` of the document whose view is `own`, with surroundings `left`
 * and `right`, from the evidence in that document and in the other documents of `walk` (those
 * that may hold some); undefined without evidence.
 */
function repairOf(doc: SeedDocument, own: Source, d: Damage, left: string, right: string, walk: Walk | undefined): RuleFinding | undefined {
  const view = own.value;
  // Evidence on both sides comes first; only when no document has it does evidence
  // on one side count. Both searches read the same documents in the same order, so
  // one pass over them serves both: the one-sided search runs alongside until some
  // document shows both sides (then it is not needed) or its own cap is reached.
  // Reposts can give thousands of documents the same surroundings; the first
  // MAX_EVIDENCE_DOCUMENTS that hold them decide, so a check stays linear in the workspace.
  const both: Evidence[] = [];
  const oneSide: Evidence[] = [];
  let bothDocuments = 0;
  let oneSideDocuments = 0;
  let bothCapped = false;
  let oneSideCapped = false;
  // One side needs MIN_ONE_SIDED characters of surroundings.
  let oneSideDone = left.length < MIN_ONE_SIDED && right.length < MIN_ONE_SIDED;
  // What the other documents are read for: readings depend on the damage through its longest fill only.
  const longest = maxFill(d);
  const key = `${longest} ${left.length} ${left}${right}`;
  const readAlone = readingsFor(key);
  const readWithOneSide = readingsFor(`+${key}`);
  const alone = walk && readingsAt(walk, 2 * longest);
  const withOneSide = walk && readingsAt(walk, 2 * longest + 1);
  // This document first, then the others; `at` is the other's place in the walk.
  let read = 0;
  let at = -1;
  for (let source: Source | undefined = own; source; source = walk && sourceAt(walk, ++at)) {
    if (source !== own && source.key === doc.uri) continue;
    const self = source === own;
    if (++read > MAX_DOCUMENTS_READ) {
      bothCapped = both.length > 0;
      oneSideCapped = !oneSideDone;
      break;
    }
    evidenceSearchWork.documentsRead++;
    const before = both.length;
    // One-sided evidence found alongside two-sided evidence in this document is never used.
    let holdsOneSide: boolean;
    if (self) holdsOneSide = readSource(d, left, right, source, true, d, both, oneSideDone ? undefined : oneSide);
    else {
      const kept = oneSideDone ? alone! : withOneSide!;
      const reading = (kept[at] ??= readOther(oneSideDone ? readAlone : readWithOneSide, d, left, right, source, !oneSideDone));
      for (const e of reading.both) both.push(e);
      if (!oneSideDone) for (const e of reading.oneSide) oneSide.push(e);
      holdsOneSide = reading.holds;
    }
    if (both.length > before && ++bothDocuments >= MAX_EVIDENCE_DOCUMENTS) {
      bothCapped = true;
      break;
    }
    if (both.length > 0) oneSideDone = true;
    if (oneSideDone) continue;
    // One side is weaker evidence: a document with that side counts even where the fill fails its checks.
    if (holdsOneSide && ++oneSideDocuments >= MAX_EVIDENCE_DOCUMENTS) {
      oneSideCapped = true;
      oneSideDone = true;
    }
  }
  const bothSides = both.length > 0;
  let evidence = bothSides ? both : oneSide;
  const capped = bothSides ? bothCapped : oneSideCapped;
  if (evidence.length === 0) return undefined;
  // The longest surroundings decide; evidence that disagrees at the top is no evidence.
  const score = (e: Evidence) => e.left + e.right;
  const best = Math.max(...evidence.map(score));
  evidence = evidence.filter((e) => score(e) === best);
  const fills = new Set(evidence.map((e) => e.view.text.slice(e.fillStart, e.fillEnd)));
  const [rawStart, rawEnd] = rawRange(view, d.start, d.end);
  const damaged = visible(doc.text.slice(rawStart, rawEnd));
  if (fills.size > 1) {
    return {
      start: rawStart,
      end: rawEnd,
      severity: 'information',
      message: `“${damaged}” is lost text; the same surroundings occur elsewhere but with different text (${[...fills].map((f) => `“${f}”`).join(', ')}), so it is not repaired.`,
      fixes: [],
    };
  }
  const chosen = evidence.find((e) => e.uri === doc.uri) ?? evidence[0];
  const fill = chosen.view.text.slice(chosen.fillStart, chosen.fillEnd);
  const [evStart, evEnd] = rawRange(chosen.view, chosen.fillStart, chosen.fillEnd);
  // From this document, the evidence's own raw text (with the annotations the document
  // still has); from another, the plain characters.
  const sameDocument = chosen.uri === doc.uri;
  const replacement = sameDocument ? chosen.view.raw.slice(evStart, evEnd) : fill;
  const ctxStart = chosen.fillStart - chosen.left;
  const ctxEnd = chosen.fillEnd + chosen.right;
  const [relStart, relEnd] = rawRange(chosen.view, ctxStart, ctxEnd);
  const intact = chosen.view.text.slice(ctxStart, ctxEnd);
  const where = sameDocument
    ? `line ${doc.positionAt(evStart).line + 1}`
    : `${basename(chosen.uri)} line ${new SeedDocument(chosen.uri, chosen.view.raw).positionAt(evStart).line + 1}`;
  const others = evidence.length > 1 ? ` (${evidence.length}${capped ? ' or more' : ''} places agree)` : '';
  const what = d.mojibake ? 'unrecoverable mojibake' : d.remnant ? 'lost characters with a stray pinyin remnant' : `${d.marks === 1 ? 'a lost character' : 'lost characters'}`;
  const related: RelatedLocation[] = [{ uri: chosen.uri, start: relStart, end: relEnd, message: `Intact: “${intact}”` }];
  return {
    start: rawStart,
    end: rawEnd,
    severity: bothSides ? 'warning' : 'information',
    message: `“${damaged}” is ${what}; ${where} has the same ${bothSides ? 'surroundings on both sides' : chosen.left ? 'text before it' : 'text after it'} intact: “${intact}”${others}. Probably “${fill}”.`,
    related,
    fixes: [{ title: `Restore “${fill}” from ${where}`, safe: false, edits: [{ start: rawStart, end: rawEnd, text: replacement }] }],
  };
}

export const contextRepair: Rule = {
  id: 'context-repair',
  description: 'A lost or garbled span whose surroundings occur intact elsewhere in the document or the workspace, repaired from there (an unsafe fix that names its evidence).',
  category: 'encoding',
  defaultSeverity: 'warning',
  check(doc, ctx) {
    return runSteps(this.checkInSteps!(doc, ctx));
  },
  // Parts: the search for damage by stretches of text, the index by documents, then one damage at a time.
  *checkInSteps(doc, ctx) {
    const view = indexedView(ctx.corpus, doc.uri, doc.text) ?? normalise(doc.text);
    yield;
    const damages = yield* findDamage(view, commonnessFor(ctx.corpus));
    if (damages.length === 0) return [];
    const findings: RuleFinding[] = [];
    const own: Source = { key: doc.uri, value: view };
    const disjoint = damages.every((d, k) => k === 0 || damages[k - 1].end <= d.start);
    let index: BigramIndex<NormalisedText> | undefined;
    for (let i = 0; i < damages.length; i++) {
      yield;
      const { left, right } = surroundings(view.text, damages, i, disjoint);
      const sets = candidatePairs(left, right);
      if (sets.length > 0) index ??= yield* indexInSteps(ctx.corpus, doc.uri);
      // A walk is of the index as it is in this part (walks are dropped when it changes).
      const walk = sets.length === 0 ? undefined : walkFor(index!, `${left.length} ${left}${right}`, sets);
      const finding = repairOf(doc, own, damages[i], left, right, walk);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};
