// hanBracketMatches finds a pinyin annotation pattern's matches where brackets open; it must give
// exactly the global search's matches, around astral Han characters and brackets of both widths too.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { hanBracketMatches } from '../../server/src/encoding/han-bracket-matches';

// The three patterns the rules and the people view use, globally and sticky.
const PATTERNS = [
  '(\\p{Script=Han})([(（])([a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜêếềńňǹḿ]{1,7})([)）])',
  '(\\p{Script=Han})[(（]([a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜêếềńňǹḿ]{1,7})[)）]',
  '\\p{Script=Han}[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]',
];
const pieces = ['發', '区', '𠮷', '(', '（', ')', '）', 'f', 'ā', 'qū', 'X', ' ', '\n', '?', '\uD842', '\uDFB7'];
const seen = (ms: RegExpExecArray[]) => ms.map((m) => [m.index, ...m]);

describe('hanBracketMatches', () => {
  for (const source of PATTERNS) {
    it(`equals the global search of /${source.slice(0, 30)}…/u on random text`, () => {
      const global = new RegExp(source, 'gu');
      const sticky = new RegExp(source, 'uy');
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
          const text = parts.join('');
          assert.deepEqual(seen(hanBracketMatches(text, sticky)), seen([...text.matchAll(global)]));
        }),
        { numRuns: 4000, seed: 20261124 },
      );
    });
  }

  it('finds annotations after astral and BMP Han characters, with both bracket widths', () => {
    const sticky = new RegExp(PATTERNS[0], 'uy');
    assert.deepEqual(
      hanBracketMatches('𠮷(jí)發（fā）展(zhǎn) (x)', sticky).map((m) => m[0]),
      ['𠮷(jí)', '發（fā）', '展(zhǎn)'],
    );
  });
});
