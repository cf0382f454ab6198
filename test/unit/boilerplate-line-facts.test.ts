// What the boilerplate analysis works out per line without the general tools: a line's size
// in words is counted once, in the pass that classifies it (countWords), and must be what
// wordSize counts (the measure of the body runs, the headline walk and the blocks); the tests
// of a short line count only as far as they ask; the view is normalised (NFKC) and its white
// space folded by table where a text allows it, and must be what String.prototype.normalize
// and the folding regex give.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { countWords, hanCount, latinWordCount, matchView, toNfkc, wordSize } from '../../server/src/boilerplate/normalise';

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

  it('hanCount and latinWordCount with a limit count up to it', () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 0, max: 12 }), (s, limit) => {
        assert.equal(hanCount(s, limit), Math.min(hanCount(s), limit));
        assert.equal(latinWordCount(s, limit), Math.min(latinWordCount(s), limit));
      }),
      { numRuns: 5000 },
    );
  });

  // Units the table keeps or folds, and neighbours it must leave to ICU: combining marks (which
  // compose with what precedes them), compatibility forms (…, ﬁ, ①, ½), Hangul jamo, half-width
  // katakana, a lone surrogate and an astral character.
  const nfkcPieces = ['a', 'Z', ' ', '1', '中', '国', '，', '（', '）', '：', 'Ａ', '～', '\u3000', '、', '。', '《', '》', '“', '”', '—', '·', '×',
    '…', '\u2011', '\u0301', '\u0308', '\u3099', 'ﬁ', '①', '½', '\u1100', '\u1161', 'ｶ', '\uff9e', '\ud840', '𠀀', '\u00a0', 'e', 'か'];
  const nfkcTexts = fc.array(fc.constantFrom(...nfkcPieces), { maxLength: 30 }).map((p) => p.join(''));

  it('toNfkc is normalize("NFKC")', () => {
    fc.assert(
      fc.property(fc.oneof(nfkcTexts, fc.string({ unit: 'binary', maxLength: 30 })), (s) => {
        assert.equal(toNfkc(s), s.normalize('NFKC'));
      }),
      { numRuns: 20000 },
    );
  });

  // Text without a pinyin annotation, an entity or a Traditional character: the view is the NFKC form with its white space folded.
  const spacePieces = ['a', 'b', '中', '，', ' ', '  ', '\t', '\n', '\u3000', '\u00a0', '\u200b', '\ufeff', '\u2028', '\u1680', '\u2003', '\u0085', '\u180e', 'Ａ'];
  const spaced = fc.array(fc.constantFrom(...spacePieces), { maxLength: 20 }).map((p) => p.join(''));

  it('matchView folds white space as its regex does, also where it skips the regex', () => {
    fc.assert(
      fc.property(spaced, (s) => {
        assert.equal(matchView(s), s.normalize('NFKC').replace(/[\s\u00a0\u3000\ufeff\u200b]+/g, ' ').trim());
      }),
      { numRuns: 20000 },
    );
  });
});
