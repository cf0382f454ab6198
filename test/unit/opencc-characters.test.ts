// A conversion stage converts a text of one code point from tables of its dictionaries'
// one-character keys, without building opencc-js's trie (21 MB for cn→t): every code point
// must come out as opencc-js's own converter makes it, for each stage and composition used.
import assert from 'node:assert/strict';
import * as OpenCC from 'opencc-js';
import { converter, makeStage, type OpenccLocale } from '../../server/src/script/opencc';

/** Every code point up to the end of the last Han block, lone surrogates included. */
function* codePoints(): Generator<string> {
  for (let cp = 0; cp < 0x32400; cp++) yield String.fromCodePoint(cp);
}

describe('opencc stages on one character', () => {
  it('convert every code point as opencc-js does, stage by stage and composed', function () {
    this.timeout(120000);
    const pairs: Array<[OpenccLocale, OpenccLocale]> = [['cn', 't'], ['t', 'cn'], ['hk', 't'], ['t', 'tw'], ['t', 'hk'], ['cn', 'tw'], ['cn', 'hk'], ['hk', 'cn']];
    for (const [from, to] of pairs) {
      const ours = converter(from, to);
      const direct = OpenCC.Converter({ from, to }) as (text: string) => string;
      let differ = 0;
      let first = '';
      for (const ch of codePoints()) {
        if (ours(ch) === direct(ch)) continue;
        if (differ++ === 0) first = `U+${ch.codePointAt(0)!.toString(16)}: ${ours(ch)} vs ${direct(ch)}`;
      }
      assert.equal(differ, 0, `${from} → ${to}: ${differ} differ, first ${first}`);
    }
  });

  it('build no trie for single characters, and build it for longer text', () => {
    const stage = makeStage('cn', 't');
    assert.equal(stage.convert('发'), '發');
    assert.equal(stage.convert('于'), '於');
    assert.equal(stage.convert('𠀀'), '𠀀');
    assert.equal(stage.built, false);
    assert.equal(stage.convert('头发'), (OpenCC.Converter({ from: 'cn', to: 't' }) as (text: string) => string)('头发'));
    assert.equal(stage.built, true);
  });
});
