// The character-level helpers of the boilerplate analysis, and what their shortcuts rely on.
import assert from 'node:assert/strict';
import * as OpenCC from 'opencc-js';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { hanCount, hasHan, hasSubstance, toSimplified, wordSize } from '../../server/src/boilerplate/normalise';
import { converter } from '../../server/src/script/opencc';
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
    const t2s = (OpenCC.Locale as unknown as { configs: Record<string, Record<string, unknown[]>> }).configs.t2s;
    let entries = 0;
    for (const dict of [...(t2s.normalizationChain ?? []), ...(t2s.segmentation ?? []), ...t2s.conversionChain].flat(2) as (string | string[][])[]) {
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

  it('toSimplified converts exactly as converter(t, cn) does, skipping texts the conversion leaves alone', () => {
    const seeds = path.join(__dirname, '../../seeds');
    const texts = readdirSync(seeds).flatMap((f) => readFileSync(path.join(seeds, f), 'utf8').split('\n'));
    texts.push('發展', '瀋陽', '沈澱物', '乾隆年間', '一目瞭然', '睍', '簡體 abc', '𠀀發', '⿰車車', '');
    // Every Han character of the BMP on its own, and every dictionary key: alone, run together, and between others.
    for (let c = 0x2e80; c < 0x10000; c++) if (hanCount(String.fromCharCode(c)) === 1) texts.push(String.fromCharCode(c));
    const t2s = (OpenCC.Locale as unknown as { configs: Record<string, Record<string, unknown[]>> }).configs.t2s;
    const keys = ([...t2s.normalizationChain, ...t2s.conversionChain].flat(2) as string[]).flatMap((d) => d.split('|').map((e) => e.split(' ')[0]));
    texts.push(...keys, keys.join(''), keys.join('的'), keys.map((k) => `發${k}展`).join(' '));
    const convert = converter('t', 'cn');
    let skipped = 0;
    for (const t of texts) {
      const simplified = toSimplified(t);
      assert.equal(simplified, convert(t), t);
      if (simplified === t) skipped++;
    }
    assert.ok(skipped > 0 && skipped < texts.length);
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
    // Separators that only NFKC or the removal of a glued widget make: a small colon, an
    // ideographic space, a space where 【打印】 stood.
    assert.deepEqual(parseMetadataLine('来源︓新华社')?.pairs.map((p) => [p.key, p.value]), [['source', '新华社']]);
    assert.deepEqual(parseMetadataLine('记者\u3000张三')?.pairs.map((p) => [p.key, p.value]), [['reporter', '张三']]);
    assert.deepEqual(parseMetadataLine('记者【打印】张三')?.pairs.map((p) => [p.key, p.value]), [['reporter', '张三']]);
    assert.equal(parseMetadataLine('记者张三'), undefined);
  });
});
