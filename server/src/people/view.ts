// A virtual view of a document for the people extractor: the text without the
// pinyin annotations a Traditional converter leaves behind (`劉強(qiáng)` reads `劉強`),
// in Simplified script, with a map from every view offset back to the original.
// Nothing is edited: extraction runs on the view, offsets are mapped back, so every
// mention and role range is exact in the text as it is on disk.
import { lastAtOrBelow } from '../core/positions';
import { hanBracketMatches } from '../encoding/han-bracket-matches';
import { readingsOf } from '../rules/pinyin-annotation';
import { converter } from '../script/opencc';
import { LineCache } from './segments';

// Tried only where a bracket opens (see encoding/han-bracket-matches).
const ANNOTATION_AT = /(\p{Script=Han})[(（]([a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜêếềńňǹḿ]{1,7})[)）]/uy;

function annotationMatches(text: string): RegExpExecArray[] {
  return hanBracketMatches(text, ANNOTATION_AT);
}

function stripTones(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ü/g, 'v').toLowerCase();
}

/** Answers of `isReadingOf` by `han + ' ' + syllable`: converter pinyin repeats the same few pairs. */
const readingAnswers = new Map<string, boolean>();

/** True when `syllable` is a reading of `han`, tones compared loosely (the other rule decides repairs). */
function isReadingOf(han: string, syllable: string): boolean {
  const key = `${han} ${syllable}`;
  let answer = readingAnswers.get(key);
  if (answer !== undefined) return answer;
  const bare = stripTones(syllable.normalize('NFC'));
  answer = false;
  for (const r of readingsOf(han)) if (stripTones(r) === bare) answer = true;
  if (readingAnswers.size >= 100_000) readingAnswers.clear();
  readingAnswers.set(key, answer);
  return answer;
}

/**
 * A view as the people index keeps it: without the annotation-free text, which `viewText`
 * rebuilds from the original and the cuts (a copy of nearly every annotated document,
 * 30 MB in a scan of 10,000 files). The Simplified text stays, whole or as the lines that
 * conversion changed (`simplifiedText` reads either): rebuilding it means converting.
 */
export interface KeptView {
  /** The original text. */
  readonly original: string;
  /** The text without pinyin annotations, in Simplified script (same length as that text); undefined when `changedLines` stands for it. */
  readonly simplified: string | undefined;
  /**
   * A view whose Simplified form differs in few of its lines (a Simplified page with some
   * Traditional lines): the numbers of those lines and their Simplified forms. Whole copies
   * of such pages were half the Simplified texts kept in a scan of 10,000 generated files.
   */
  readonly changedLines: { numbers: number[]; lines: string[] } | undefined;
  /**
   * Where the view left annotations out, to map view offsets back: the k-th cut is at view
   * offset cutAt[k] and shifts what follows by shift[k] (all cuts up to it). Absent when the
   * view is the original text (no annotations): offsets are the same. A cut list rather than
   * an offset per character: a map of 4 bytes per character was 60 MB in a scan of 10,000 files.
   */
  readonly cuts?: Cuts;
}

/** 16-bit numbers for a text shorter than 64K units (offsets and what cuts remove stay below its length): the index keeps a cut list per annotated document. */
type Cuts = { at: Int32Array | Uint16Array; shift: Int32Array | Uint16Array };

export interface TextView extends KeptView {
  /** The text without pinyin annotations, as written (script unchanged). */
  readonly text: string;
  readonly simplified: string;
}

/** The view's text in Simplified script. */
export function simplifiedText(view: KeptView): string {
  if (view.simplified !== undefined) return view.simplified;
  const lines = viewText(view).split('\n');
  const changed = view.changedLines!;
  for (let k = 0; k < changed.numbers.length; k++) lines[changed.numbers[k]] = changed.lines[k];
  return lines.join('\n');
}

/** What the people index keeps of a view: see KeptView. */
export function keptView(view: TextView): KeptView {
  const { original, text, simplified, cuts } = view;
  if (simplified !== text) {
    // Conversion keeps lengths and line breaks: the lines of both texts pair up.
    const before = text.split('\n');
    const after = simplified.split('\n');
    const numbers: number[] = [];
    const lines: string[] = [];
    let units = 0;
    for (let i = 0; i < after.length; i++) {
      if (after[i] === before[i]) continue;
      numbers.push(i);
      // A copy: a slice would keep the whole Simplified text alive.
      lines.push(after[i].length < 13 ? after[i] : ` ${after[i]}`.slice(1));
      units += after[i].length;
    }
    // Worth it when most of the text is unchanged; else the whole text is one string.
    if (2 * units < simplified.length) return { original, simplified: undefined, changedLines: { numbers, lines }, cuts };
  }
  return { original, simplified, changedLines: undefined, cuts };
}

/** The view's annotation-free text: the original itself without cuts, else the original between them. */
export function viewText(view: KeptView): string {
  const cuts = view.cuts;
  if (!cuts) return view.original;
  const parts: string[] = [];
  let from = 0;
  for (let k = 0; k < cuts.at.length; k++) {
    // The cut's original span: its view offset shifted by the cuts before it, then by its own length.
    parts.push(view.original.slice(from, cuts.at[k] + (k === 0 ? 0 : cuts.shift[k - 1])));
    from = cuts.at[k] + cuts.shift[k];
  }
  parts.push(view.original.slice(from));
  return parts.join('');
}

/** `viewText(view).slice(start, end)` without rebuilding the whole text. */
export function viewSlice(view: KeptView, start: number, end: number): string {
  const cuts = view.cuts;
  if (!cuts || end <= start) return view.original.slice(start, Math.max(start, end));
  const o = originalSpan(view, start, end);
  // No cut inside: one stretch of the original.
  if (o.end - o.start === end - start) return view.original.slice(o.start, o.end);
  let out = '';
  for (let i = start; i < end; i++) out += view.original[toOriginal(cuts, i)];
  return out;
}

/** Simplified form with exactly the same UTF-16 length: phrase conversion when it keeps lengths, else per character. */
export function toSimplifiedSameLength(text: string): string {
  const whole = converter('hk', 'cn')(text);
  if (whole.length === text.length) return whole;
  let out = '';
  const one = converter('hk', 'cn');
  for (const ch of text) {
    const s = one(ch);
    out += s.length === ch.length ? s : ch;
  }
  return out;
}

/** Each line's Simplified form, or null when conversion leaves it as it is (no copy kept, no comparison needed). */
const simplifiedLines = new LineCache<string | null>((line) => {
  const simplified = toSimplifiedSameLength(line);
  return simplified === line ? null : simplified;
});

/**
 * `toSimplifiedSameLength` line by line (no conversion phrase spans a line break), each line
 * cached by its text: re-indexing an edited document converts only the lines that changed.
 */
export function toSimplifiedByLine(text: string): string {
  const parts: string[] = [];
  let changed = false;
  let start = 0;
  for (;;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    const simplified = simplifiedLines.get(line);
    if (simplified !== null) changed = true;
    parts.push(simplified ?? line);
    if (end >= text.length) break;
    start = end + 1;
  }
  // A text already Simplified is returned as it is: no copy.
  return changed ? parts.join('\n') : text;
}

export function makeView(original: string): TextView {
  // The annotations left out: [start, end) of each, in order.
  const cuts: number[] = [];
  for (const m of annotationMatches(original)) {
    const [, han, syllable] = m;
    if (!isReadingOf(han, syllable)) continue;
    cuts.push(m.index! + han.length, m.index! + m[0].length);
  }
  // No annotations (most documents): the view is the text itself, and no offset map is kept.
  if (cuts.length === 0) return { original, text: original, simplified: same(original, toSimplifiedByLine(original)), changedLines: undefined };
  const small = original.length < 0x10000;
  const cutAt = small ? new Uint16Array(cuts.length / 2) : new Int32Array(cuts.length / 2);
  const shift = small ? new Uint16Array(cuts.length / 2) : new Int32Array(cuts.length / 2);
  const parts: string[] = [];
  let last = 0;
  let removed = 0;
  for (let k = 0; k <= cuts.length; k += 2) {
    const end = k < cuts.length ? cuts[k] : original.length;
    parts.push(original.slice(last, end));
    if (k < cuts.length) {
      removed += cuts[k + 1] - cuts[k];
      // The view offset where the cut falls: its original start less what earlier cuts removed.
      cutAt[k / 2] = cuts[k] - (removed - (cuts[k + 1] - cuts[k]));
      shift[k / 2] = removed;
      last = cuts[k + 1];
    }
  }
  const text = parts.join('');
  return { original, text, simplified: same(text, toSimplifiedByLine(text)), changedLines: undefined, cuts: { at: cutAt, shift } };
}

/** The original offset of view offset `i`: shifted by every cut at or before it. */
function toOriginal(cuts: Cuts, i: number): number {
  const last = lastAtOrBelow(cuts.at, i);
  return last < 0 ? i : i + cuts.shift[last];
}

/** `converted`, or `text` itself when they are equal (a Simplified document keeps one string, not two). */
function same(text: string, converted: string): string {
  return converted === text ? text : converted;
}

/** Original offsets of a view span [start, end): end maps to just after the last character. */
export function originalSpan(view: KeptView, start: number, end: number): { start: number; end: number } {
  const cuts = view.cuts;
  if (!cuts) return { start, end: Math.max(start, end) };
  const from = toOriginal(cuts, start);
  if (end <= start) return { start: from, end: from };
  return { start: from, end: toOriginal(cuts, end - 1) + 1 };
}
