// computeLineStarts: the fast path for texts without \r gives what splitting on every kind of
// line break gives.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeLineStarts } from '../../server/src/core/positions';

/** The start of every line, from the lines a split on \r\n, \r and \n gives. */
function byMatch(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index! + m[0].length);
  return starts;
}

describe('computeLineStarts', () => {
  it('finds every line start, with and without \\r', () => {
    for (const text of ['', 'a', '\n', 'a\n', '\na', 'a\n\nb\n', '\r', '\r\n', 'a\r\nb\rc\nd', '\n\r', 'a\r\r\n\n']) {
      assert.deepEqual(computeLineStarts(text), byMatch(text), JSON.stringify(text));
    }
  });

  it('agrees with a split on generated texts (fast-check)', () => {
    const piece = fc.constantFrom('a', 'é', ' ', '\n', '\r', '\r\n', '中');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        assert.deepEqual(computeLineStarts(text), byMatch(text));
        const withoutCr = text.replace(/\r/g, '');
        assert.deepEqual(computeLineStarts(withoutCr), byMatch(withoutCr));
      }),
      { seed: 20261126, numRuns: 500 },
    );
  });
});
