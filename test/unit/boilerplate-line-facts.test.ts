// What the boilerplate analysis keeps per distinct line in place of recounting it: a line's
// size in words is counted once, in the pass that classifies it (countWords), and must be
// what wordSize counts, the measure the body runs, the headline walk and the blocks use.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { countWords, hanCount, latinWordCount, wordSize } from '../../server/src/boilerplate/normalise';

// Letters, apostrophes, Han (BMP and astral), surrogate halves and separators: where word and character counts can disagree.
const pieces = ['a', 'Z', 'don', "'", '’', 't', '中', '國', '𠀀', '𪚥', '\ud840', '\udc00', ' ', '\n', '?', '1', 'é', 'İ', '—', '，'];
const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(''));

describe('boilerplate line facts', () => {
  it('countWords counts what hanCount and latinWordCount count, so their sum is wordSize', () => {
    fc.assert(
      fc.property(fc.oneof(texts, fc.string({ unit: 'binary', maxLength: 40 })), (s) => {
        const counts = countWords(s, { han: 0, latin: 0 });
        assert.deepStrictEqual(counts, { han: hanCount(s), latin: latinWordCount(s) });
        assert.equal(counts.han + counts.latin, wordSize(s));
      }),
      { numRuns: 5000 },
    );
  });
});
