// The normalised view context-repair compares surroundings in: its text and its map
// back to raw offsets, checked against a plain reference that walks the raw text one
// code point at a time and records the raw start of every view character.
import assert from 'node:assert/strict';
import { decodeEntity } from '../../server/src/rules/html-entity';
import { normalise, rawOffset, rawRange } from '../../server/src/encoding/normalised-text';
import { randomSource } from '../../bench/generate';

const HAN = /\p{Script=Han}/u;
const ANNOTATION = /[(（][a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜêếềńňǹḿ]{1,7}[)）]/y;
const ENTITY = /[&?\uFFFD](?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;

/** Reference: annotations after a Han character dropped, entities decoded, one raw start per view code unit. */
function reference(raw: string): { text: string; rawStart: number[] } {
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
        continue;
      }
    }
    if (c === '&' || c === '?' || c === '\uFFFD') {
      ENTITY.lastIndex = i;
      const m = ENTITY.exec(raw);
      const decoded = m ? decodeEntity(c === '&' ? m[0] : '&' + m[0].slice(1)) : undefined;
      if (m && decoded !== undefined && (c === '&' || !m[0].startsWith(c + '#'))) {
        for (let k = 0; k < decoded.length; k++) rawStart.push(i);
        text += decoded;
        i += m[0].length;
        lastHanEnd = HAN.test(decoded.slice(-1)) ? i : -1;
        continue;
      }
    }
    const ch = String.fromCodePoint(raw.codePointAt(i)!);
    for (let k = 0; k < ch.length; k++) rawStart.push(i);
    text += ch;
    i += ch.length;
    lastHanEnd = HAN.test(ch) ? i : -1;
  }
  rawStart.push(raw.length);
  return { text, rawStart };
}

// Pieces that meet every branch: annotations (half- and full-width, stacked, after
// non-Han), entities (named, numeric, with & lost to ? or U+FFFD, decoding to Han, to
// astral characters, to nothing known), surrogate pairs (Han from Extension B, emoji)
// and lone surrogates.
const PIECES = [
  '發', '展', '中', '国', 'a', 'Z', ' ', '\n', '。', '(', ')', '（', '）', '(fā)', '(zhǎn)', '（guó）', '(fā)(zhǎn)',
  '(abcdefgh)', '(1)', '&nbsp;', '&amp;', '?middot;', '\uFFFDmiddot;', '&#20013;', '&#x56FD;', '?#123;', '&#128512;',
  '&#x20000;', '&bogus;', '&', '?', '\uFFFD', ';', '𠀀', '𠀀(fā)', '😀', '\uD840', '\uDC00', '&#xD800;', '&lt;(fā)',
];

function randomText(rnd: () => number, pieces: number): string {
  let s = '';
  for (let k = 0; k < pieces; k++) s += PIECES[Math.floor(rnd() * PIECES.length)];
  return s;
}

function assertSameAsReference(raw: string): void {
  const ref = reference(raw);
  const view = normalise(raw);
  assert.equal(view.raw, raw);
  assert.equal(view.text, ref.text, JSON.stringify(raw));
  for (let i = 0; i <= ref.text.length; i++) assert.equal(rawOffset(view, i), ref.rawStart[i], `${JSON.stringify(raw)} at ${i}`);
}

describe('normalised text', () => {
  it('drops annotations after Han characters and decodes entities, mapping back to raw offsets', () => {
    const raw = '發(fā)展&nbsp;中?middot;国';
    const view = normalise(raw);
    assert.equal(view.text, '發展 中·国');
    assert.deepEqual(rawRange(view, 1, 2), [raw.indexOf('展'), raw.indexOf('&')]);
    assert.deepEqual(rawRange(view, 4, 5), [raw.indexOf('?'), raw.indexOf('国')]);
    assert.equal(rawOffset(view, view.text.length), raw.length);
  });

  it('is the raw text itself when there is nothing to normalise', () => {
    const raw = '两地召开济南·武隆东西部协作联席会议 (2024) & more?';
    assert.equal(normalise(raw).text, raw);
    assertSameAsReference(raw);
    assertSameAsReference('');
  });

  it('agrees with the reference past 64K units (short texts keep their pieces in 16 bits)', () => {
    const rnd = randomSource(9);
    const long = Array.from({ length: 2200 }, () => randomText(rnd, 12)).join('\n');
    assert.ok(long.length > 0x10000 + 1000, `${long.length}`);
    const ref = reference(long);
    const view = normalise(long);
    assert.equal(view.text, ref.text);
    // Every offset, without a message made per offset (the text is long).
    const wrong = ref.rawStart.findIndex((start, i) => rawOffset(view, i) !== start);
    assert.equal(wrong, -1, `first wrong offset ${wrong}`);
  });

  it('agrees with the character-by-character reference on 3,000 generated texts', () => {
    const rnd = randomSource(8);
    for (let n = 0; n < 3000; n++) assertSameAsReference(randomText(rnd, 1 + Math.floor(rnd() * 24)));
  });
});
