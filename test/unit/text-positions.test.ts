// TextPositions finds strings by the positions of their rarest code unit; it must find
// exactly what repeated indexOf finds: every occurrence, overlapping ones too, in order.
// Fixed seed: a failure replays identically.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BigramIndex, TextPositions } from '../../server/src/encoding/bigram-index';

function byIndexOf(text: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) out.push(at);
  return out;
}

// Few distinct units, so needles occur often and overlap (aaa in aaaa); a surrogate pair and its halves.
const unit = fc.constantFrom('a', 'b', '中', '文', '?', '\n', '\ud840', '\udc00', '𠀀');
const text = fc.array(unit, { maxLength: 60 }).map((units) => units.join(''));

describe('TextPositions', () => {
  it('finds every occurrence repeated indexOf finds, in the same order', () => {
    fc.assert(
      fc.property(text, fc.array(unit, { minLength: 0, maxLength: 6 }), (t, needleUnits) => {
        const needle = needleUnits.join('');
        const positions = new TextPositions(t);
        assert.deepEqual(positions.occurrences(needle), byIndexOf(t, needle));
        assert.equal(positions.includes(needle), t.includes(needle));
        if (needle) {
          // One code unit's offsets, read from its range.
          const count = positions.range(needle.charCodeAt(0));
          const offsets = [...positions.positions.subarray(positions.from, positions.to)];
          assert.equal(count, offsets.length);
          assert.deepEqual(offsets, byIndexOf(t, needle[0]));
        }
        // A needle taken from the text itself always occurs.
        if (t.length >= 3) assert.deepEqual(positions.occurrences(t.slice(1, 3)), byIndexOf(t, t.slice(1, 3)));
      }),
      { seed: 8, numRuns: 3000 },
    );
  });

  it('finds offsets at both sides of 64K units (short texts keep them in 16 bits, long ones not)', () => {
    for (const n of [0xffff, 0x10000, 0x11000]) {
      const units = new Array<string>(n).fill('a');
      for (const at of [0, 0xfffe, 0xffff, 0x10000, 0x10ffe]) if (at + 1 < n) units[at] = '中';
      units[n - 1] = '文';
      const t = units.join('');
      const positions = new TextPositions(t);
      assert.deepEqual(positions.occurrences('中'), byIndexOf(t, '中'), `length ${n}`);
      assert.deepEqual(positions.occurrences('中a'), byIndexOf(t, '中a'), `length ${n}`);
      assert.deepEqual(positions.occurrences('文'), [n - 1], `length ${n}`);
      assert.equal(positions.occurrences('a').length, byIndexOf(t, 'a').length);
    }
  });

  it('an empty text holds nothing but the empty string', () => {
    const positions = new TextPositions('');
    assert.deepEqual(positions.occurrences('a'), []);
    assert.equal(positions.includes(''), true);
  });
});

describe('BigramIndex.cursorOfSets', () => {
  it('gives exactly the documents holding every pair of some set, in first-added order, through edits and deletes', () => {
    const alphabet = 'abc中文字';
    const word = fc.array(fc.constantFrom(...alphabet), { minLength: 0, maxLength: 14 }).map((units) => units.join(''));
    const pair = fc.tuple(fc.constantFrom(...alphabet), fc.constantFrom(...alphabet)).map(([a, b]) => a + b);
    const step = fc.record({ key: fc.integer({ min: 0, max: 12 }), remove: fc.boolean(), text: word });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.array(fc.array(pair, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), (steps, sets) => {
        const index = new BigramIndex<string>();
        const texts = new Map<string, string>();
        for (const s of steps) {
          const key = `d${s.key}`;
          if (s.remove) {
            index.delete(key);
            texts.delete(key);
          } else {
            index.set(key, s.text, s.text);
            texts.set(key, s.text);
          }
        }
        const expected = [...texts].filter(([, t]) => sets.some((set) => set.every((p) => t.includes(p)))).map(([k]) => k);
        const cursor = index.cursorOfSets(sets);
        const got: string[] = [];
        for (let doc = cursor.next(); doc; doc = cursor.next()) got.push(doc.key);
        assert.deepEqual(got, expected);
      }),
      { seed: 9, numRuns: 2000 },
    );
  });
});
