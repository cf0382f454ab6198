// A virtual view of a document for the people extractor: the text without the
// pinyin annotations a Traditional converter leaves behind (`劉強(qiáng)` reads `劉強`),
// in Simplified script, with a map from every view offset back to the original.
// Nothing is edited: extraction runs on the view, offsets are mapped back, so every
// mention and role range is exact in the text as it is on disk.
import { readingsOf } from '../rules/pinyin-annotation';
import { converter } from '../script/opencc';
import { LineCache } from './segments';

const ANNOTATION = /(\p{Script=Han})[(（]([a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜêếềńňǹḿ]{1,7})[)）]/gu;

function stripTones(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ü/g, 'v').toLowerCase();
}

/** True when `syllable` is a reading of `han`, tones compared loosely (the other rule decides repairs). */
function isReadingOf(han: string, syllable: string): boolean {
  const bare = stripTones(syllable.normalize('NFC'));
  for (const r of readingsOf(han)) if (stripTones(r) === bare) return true;
  return false;
}

export interface TextView {
  /** The original text. */
  readonly original: string;
  /** The text without pinyin annotations, as written (script unchanged). */
  readonly text: string;
  /** `text` in Simplified script, same length as `text`. */
  readonly simplified: string;
  /** toOriginal[i] is the original offset of view offset i; toOriginal[text.length] = original.length. */
  readonly toOriginal: Int32Array;
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

const simplifiedLines = new LineCache<string>(toSimplifiedSameLength);

/**
 * `toSimplifiedSameLength` line by line (no conversion phrase spans a line break), each line
 * cached by its text: re-indexing an edited document converts only the lines that changed.
 */
export function toSimplifiedByLine(text: string): string {
  const parts: string[] = [];
  let start = 0;
  for (;;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    parts.push(simplifiedLines.get(text.slice(start, end)));
    if (end >= text.length) break;
    start = end + 1;
  }
  return parts.join('\n');
}

export function makeView(original: string): TextView {
  const parts: string[] = [];
  const map: number[] = [];
  let last = 0;
  for (const m of original.matchAll(ANNOTATION)) {
    const [, han, syllable] = m;
    if (!isReadingOf(han, syllable)) continue;
    const annStart = m.index! + han.length;
    const annEnd = m.index! + m[0].length;
    parts.push(original.slice(last, annStart));
    for (let i = last; i < annStart; i++) map.push(i);
    last = annEnd;
  }
  parts.push(original.slice(last));
  for (let i = last; i < original.length; i++) map.push(i);
  map.push(original.length);
  const text = parts.join('');
  return { original, text, simplified: toSimplifiedByLine(text), toOriginal: Int32Array.from(map) };
}

/** Original offsets of a view span [start, end): end maps to just after the last character. */
export function originalSpan(view: TextView, start: number, end: number): { start: number; end: number } {
  if (end <= start) return { start: view.toOriginal[start], end: view.toOriginal[start] };
  return { start: view.toOriginal[start], end: view.toOriginal[end - 1] + 1 };
}
