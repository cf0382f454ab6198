import { decodeEntity } from '../rules/html-entity';

// A view of a text with the converter's noise taken out, for comparing surroundings:
// pinyin annotations after Han characters (發(fā)展 → 發展) dropped, HTML entities
// (also with the & lost: ?middot;) decoded. Every character of the view knows where
// it starts in the raw text, so a span found in the view maps back to raw offsets;
// an annotation belongs to the character before it.
//
// Views are kept for every document of the workspace (context-repair's index), so
// they are compact: a text without annotations or entities is its own view (the same
// string), and the offset map holds one entry per stretch copied or entity decoded,
// not one number per character.

export interface NormalisedText {
  raw: string;
  text: string;
  /**
   * The view as pieces, three numbers each: view offset where the piece starts, raw
   * offset it comes from, and 1 for a decoded entity (all its characters start at the
   * entity) or 0 for a copied stretch (raw and view advance together). Sorted, no
   * empty pieces. Typed numbers rather than an array of them: context-repair keeps a view
   * of every document, and their pieces as arrays were 23 MB in a scan of 10,000 files;
   * 16 bits for a text shorter than 64K units (its offsets are), 32 beyond. Not to be
   * changed (views without entities or annotations share one).
   */
  pieces: Int32Array | Uint16Array;
}

/** The pieces of a text that is its own view: one copied stretch, or none for the empty text. */
const WHOLE = Uint16Array.of(0, 0, 0);
const NONE = new Uint16Array(0);

const HAN = /\p{Script=Han}/u;
const ANNOTATION = /[(（][a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜêếềńňǹḿ]{1,7}[)）]/y;
const ENTITY = /[&?\uFFFD](?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;
/** The only characters where the view can differ from the raw text. */
const SPECIAL = /[(（&?\uFFFD]/g;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Is the code point of a copied stretch (starting at `from`) that ends at `end` a Han character? */
function hanEndsAt(raw: string, from: number, end: number): boolean {
  if (end <= from) return false;
  const last = raw.charCodeAt(end - 1);
  if (isLow(last) && end - 2 >= from && isHigh(raw.charCodeAt(end - 2))) return HAN.test(raw.slice(end - 2, end));
  return HAN.test(raw[end - 1]);
}

export function normalise(raw: string): NormalisedText {
  const parts: string[] = [];
  const pieces: number[] = [];
  let viewLength = 0;
  // The copied stretch in progress starts at raw offset `copyFrom`.
  let copyFrom = 0;
  // What ends at `copyFrom` when the stretch is still empty: a decoded entity whose last
  // character is Han (an annotation may follow it), or anything else.
  let hanBeforeCopy = false;
  const endCopy = (at: number) => {
    if (at > copyFrom) {
      pieces.push(viewLength, copyFrom, 0);
      parts.push(raw.slice(copyFrom, at));
      viewLength += at - copyFrom;
    }
  };
  SPECIAL.lastIndex = 0;
  for (let m = SPECIAL.exec(raw); m; m = SPECIAL.exec(raw)) {
    const i = m.index;
    const c = m[0];
    if (c === '(' || c === '（') {
      const afterHan = i > copyFrom ? hanEndsAt(raw, copyFrom, i) : hanBeforeCopy;
      if (!afterHan) continue;
      ANNOTATION.lastIndex = i;
      const a = ANNOTATION.exec(raw);
      if (!a) continue;
      endCopy(i);
      copyFrom = i + a[0].length;
      // Stacked annotations are rare; the next one would need a Han character first.
      hanBeforeCopy = false;
      SPECIAL.lastIndex = copyFrom;
      continue;
    }
    ENTITY.lastIndex = i;
    const e = ENTITY.exec(raw);
    const decoded = e ? decodeEntity(c === '&' ? e[0] : '&' + e[0].slice(1)) : undefined;
    // A `?` with a numeric reference (?123;) is too likely ordinary text, as html-entity holds.
    if (!e || decoded === undefined || (c !== '&' && e[0].startsWith(c + '#'))) continue;
    endCopy(i);
    if (decoded.length > 0) {
      pieces.push(viewLength, i, 1);
      parts.push(decoded);
      viewLength += decoded.length;
    }
    copyFrom = i + e[0].length;
    hanBeforeCopy = HAN.test(decoded.slice(-1));
    SPECIAL.lastIndex = copyFrom;
  }
  if (pieces.length === 0) return { raw, text: raw, pieces: raw.length > 0 ? WHOLE : NONE };
  endCopy(raw.length);
  // The view is never longer than the raw text (an entity decodes to fewer units than it has).
  return { raw, text: parts.join(''), pieces: raw.length < 0x10000 ? Uint16Array.from(pieces) : Int32Array.from(pieces) };
}

/** The raw offset where view character `i` starts (the raw length for the view's end). */
export function rawOffset(view: NormalisedText, i: number): number {
  if (i >= view.text.length) return view.raw.length;
  const p = view.pieces;
  // The last piece starting at or before i.
  let lo = 0;
  let hi = p.length / 3 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p[mid * 3] <= i) lo = mid;
    else hi = mid - 1;
  }
  const viewStart = p[lo * 3];
  const rawStart = p[lo * 3 + 1];
  if (p[lo * 3 + 2] === 1) return rawStart;
  // A copied stretch: the second half of a surrogate pair starts where its first half does.
  const t = view.text;
  if (i > viewStart && isLow(t.charCodeAt(i)) && isHigh(t.charCodeAt(i - 1))) return rawStart + (i - 1 - viewStart);
  return rawStart + (i - viewStart);
}

/** The raw range a view range covers (annotations after its last character included). */
export function rawRange(view: NormalisedText, start: number, end: number): [number, number] {
  return [rawOffset(view, start), rawOffset(view, end)];
}
