// The corpus counts each rare character (what mojibake detection asks) and takes a
// document's counts back when it changes or goes; documents keep their counts packed
// (characters joined, counts in one array), so the totals after any edits must be a
// fresh corpus's over the final texts.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Corpus } from '../../server/src/core/corpus';

// Rare by the codec tables (é, 袛, 锟, 鍖), common (中, a), and lone surrogates.
const ALPHABET = ['é', '袛', '锟', '鍖', '中', 'a', '\n', '\ud800', '\udc00'];

describe('corpus: rare character counts', () => {
  it('after sets, replacements and deletions equal a fresh count of the final texts', () => {
    const step = fc.record({ doc: fc.integer({ min: 0, max: 5 }), remove: fc.boolean(), text: fc.array(fc.constantFrom(...ALPHABET), { maxLength: 12 }).map((cs) => cs.join('')) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const corpus = new Corpus();
        const texts = new Map<string, string>();
        for (const s of steps) {
          const uri = `d${s.doc}`;
          if (s.remove) {
            corpus.delete(uri);
            texts.delete(uri);
          } else {
            corpus.set(uri, s.text);
            texts.set(uri, s.text);
          }
          // Counted now and then, so that later changes take counts back.
          corpus.characters.of('é');
        }
        const fresh = new Corpus();
        for (const [uri, text] of texts) fresh.set(uri, text);
        for (const ch of ALPHABET) assert.deepEqual(corpus.characters.of(ch), fresh.characters.of(ch), JSON.stringify(ch));
      }),
      { seed: 4, numRuns: 500 },
    );
  });
});
