// The character-level helpers of the boilerplate analysis, and what their shortcuts rely on.
import assert from 'node:assert/strict';
import * as OpenCC from 'opencc-js';
import { hanCount, hasHan, hasSubstance, wordSize } from '../../server/src/boilerplate/normalise';
import { isSymbolOnly } from '../../server/src/boilerplate/classify';
import { parseMetadataLine } from '../../server/src/boilerplate/metadata';

describe('boilerplate text helpers', () => {
  it('hanCount counts code points of the Han script: an astral ideograph once, a lone surrogate never', () => {
    assert.equal(hanCount('发展'), 2);
    assert.equal(hanCount('𠀀𠀁 and 的'), 3);
    assert.equal(hanCount('\ud840'), 0);
    assert.equal(hanCount('\udc00\ud840'), 0);
    // Radicals and the iteration mark are Han; the ideographic full stop and full-width letters are not.
    assert.equal(hanCount('⺀々〇。Ａ'), 3);
    assert.equal(wordSize('China’s 发展 plan'), 4);
    assert.equal(hasHan('abc 𠀀'), true);
    assert.equal(hasHan('abc ?'), false);
  });

  it('hasSubstance reads a surrogate pair that dropping ? and U+FFFD joins', () => {
    assert.equal(hasSubstance('??\uFFFD'), false);
    assert.equal(hasSubstance('— · —'), false);
    assert.equal(hasSubstance('?a'), true);
    // U+10000 (a letter) split by a lost character: the line has substance once ? is dropped.
    assert.equal(hasSubstance('\ud800?\udc00'), true);
    assert.equal(hasSubstance('\ud800'), false);
    assert.equal(isSymbolOnly('▲ ● ★'), true);
    assert.equal(isSymbolOnly('▲ ?'), false);
    assert.equal(isSymbolOnly('𝐀'), false);
  });

  it('the Traditional-to-Simplified dictionaries map Han to Han of the same length, as the metadata parser assumes', () => {
    // metadata.ts rejects lines on their non-Han characters before converting them.
    const han = /^\p{Script=Han}$/u;
    let entries = 0;
    for (const dict of (OpenCC.Locale.to as Record<string, unknown[]>).cn.flat() as (string | string[][])[]) {
      const pairs = typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ')) : dict;
      for (const [from, to] of pairs) {
        const a = [...from];
        const b = [...to];
        assert.equal(a.length, b.length, `${from} → ${to}`);
        for (let i = 0; i < a.length; i++) assert.ok(han.test(a[i]) && han.test(b[i]), `${from} → ${to}`);
        entries++;
      }
    }
    assert.ok(entries > 1000, `${entries} entries read`);
  });

  it('parses Traditional credits and labels, and leaves prose with a colon alone', () => {
    assert.deepEqual(parseMetadataLine('通訊員 李四 記者 王五')?.pairs.map((p) => [p.key, p.value]), [
      ['reporter', '李四'],
      ['reporter', '王五'],
    ]);
    assert.deepEqual(parseMetadataLine('發佈時間：2024-05-27 來源：巫溪縣政府')?.pairs.map((p) => [p.key, p.value]), [
      ['date', '2024-05-27'],
      ['source', '巫溪縣政府'],
    ]);
    assert.deepEqual(parseMetadataLine('【字号：大 中 小】 来源：新华社')?.pairs.map((p) => p.key), ['source']);
    assert.equal(parseMetadataLine('5月20日，县长表示：双方将深化合作。'), undefined);
  });
});
