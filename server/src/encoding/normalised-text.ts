import { decodeEntity } from '../rules/html-entity';

// A view of a text with the converter's noise taken out, for comparing surroundings:
// pinyin annotations after Han characters (發(fā)展 → 發展) dropped, HTML entities
// (also with the & lost: ?middot;) decoded. Every character of the view knows where
// it starts in the raw text, so a span found in the view maps back to raw offsets;
// an annotation belongs to the character before it.

export interface NormalisedText {
  raw: string;
  text: string;
  /** rawStart[i]: raw offset of view character i; rawStart[text.length] === raw.length. */
  rawStart: number[];
}

const HAN = /\p{Script=Han}/u;
const ANNOTATION = /[(（][a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜêếềńňǹḿ]{1,7}[)）]/y;
const ENTITY = /[&?\uFFFD](?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;

export function normalise(raw: string): NormalisedText {
  let text = '';
  const rawStart: number[] = [];
  let i = 0;
  let lastHanEnd = -1;
  while (i < raw.length) {
    const c = raw[i];
    if ((c === '(' || c === '（') && lastHanEnd === i) {
      ANNOTATION.lastIndex = i;
      const m = ANNOTATION.exec(raw);
      if (m) {
        i += m[0].length;
        // Stacked annotations are rare; the next one would need a Han character first.
        continue;
      }
    }
    if (c === '&' || c === '?' || c === '\uFFFD') {
      ENTITY.lastIndex = i;
      const m = ENTITY.exec(raw);
      const decoded = m ? decodeEntity(c === '&' ? m[0] : '&' + m[0].slice(1)) : undefined;
      // A `?` with a numeric reference (?123;) is too likely ordinary text, as html-entity holds.
      if (m && decoded !== undefined && (c === '&' || !m[0].startsWith(c + '#'))) {
        for (let k = 0; k < decoded.length; k++) rawStart.push(i);
        text += decoded;
        i += m[0].length;
        lastHanEnd = HAN.test(decoded.slice(-1)) ? i : -1;
        continue;
      }
    }
    const cp = raw.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    for (let k = 0; k < ch.length; k++) rawStart.push(i);
    text += ch;
    i += ch.length;
    lastHanEnd = HAN.test(ch) ? i : -1;
  }
  rawStart.push(raw.length);
  return { raw, text, rawStart };
}

/** The raw range a view range covers (annotations after its last character included). */
export function rawRange(view: NormalisedText, start: number, end: number): [number, number] {
  return [view.rawStart[start], view.rawStart[end]];
}
