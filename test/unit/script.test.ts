import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, fixText } from '../../server/src/core/engine';
import { ambiguousOccurrences, convertText, detectVariant } from '../../server/src/script/variant';
import { REPAIRS_BEFORE_CONVERSION } from '../../server/src/rules';
import { converter } from '../../server/src/script/opencc';
import * as OpenCC from 'opencc-js';
import { parseConfig } from '../../server/src/core/config';

const seed = (name: string) => readFileSync(join(__dirname, '..', '..', 'seeds', name), 'utf8');
const S001 = '001_f2b6781d392f61d3.txt';
const S003 = '003_19257488ec84b839.txt';

describe('script variant detection', () => {
  it('tells the converter-made Traditional seeds from the Simplified ones and the English one', () => {
    for (const name of [S001, S003]) {
      const r = detectVariant(seed(name));
      assert.equal(r.variant, 'zh-Hant', name);
      assert.ok(r.converterOutput, name);
      assert.ok(r.traditionalOnly / r.hanCount > 0.25, name);
    }
    for (const name of ['002_e0e838bfc07b6f33.txt', '004_b09956585209fd7f.txt']) {
      const r = detectVariant(seed(name));
      assert.equal(r.variant, 'zh-Hans', name);
      assert.equal(r.traditionalOnly, 0, name);
    }
    assert.equal(detectVariant(seed('000_ad37a12b72859678.txt')).variant, 'none');
  });

  it('calls a half-and-half text mixed', () => {
    assert.equal(detectVariant('上海市委书记李强会见代表团。濟南市委書記劉強出席並講話。').variant, 'mixed');
  });

  it('tells the Taiwan standard from the Hong Kong one by the forms only one of them uses (戶/户, 說/説, 兌/兑)', () => {
    const body = '市政府經濟發展會議舉行，與會領導聽取彙報並講話，強調對口協作項目進展順利。';
    const tw = detectVariant(`${body}臺北市戶政事務所說明：居民可到戶籍地辦理，敘述內容令人喜悅，外幣兌換請到銀行。`);
    const hk = detectVariant(`${body}香港入境處説明：居民可到户籍地辦理，敍述內容令人喜悦，外幣兑換請到銀行。`);
    assert.deepEqual([tw.variant, tw.region], ['zh-Hant', 'tw']);
    assert.deepEqual([hk.variant, hk.region], ['zh-Hant', 'hk']);
  });

  it('counts an astral Han character once and ignores Han characters past the region sample only for the region', () => {
    const r = detectVariant('𠮷野家開店'); // 𠮷 is one code point in two UTF-16 units
    assert.equal(r.hanCount, 5);
    assert.equal(r.traditionalOnly, 1); // 開
    const late = detectVariant(`${'a'.repeat(20000)}香港入境處説明户籍辦理，敍述內容令人喜悦，外幣兑換請到銀行辦理。`);
    assert.equal(late.region, 'generic');
    assert.ok(late.hanCount > 20);
  });
});

describe('opencc converters built from shared stages', () => {
  it('convert exactly as opencc-js does for the same {from, to}', () => {
    const texts = [seed(S001), seed(S003), seed('002_e0e838bfc07b6f33.txt')];
    for (const [from, to] of [['cn', 'tw'], ['cn', 'hk'], ['hk', 'cn'], ['tw', 'cn'], ['cn', 't'], ['t', 'cn'], ['tw', 'hk']] as const) {
      const direct = OpenCC.Converter({ from, to }) as (text: string) => string;
      for (const text of texts) assert.equal(converter(from, to)(text), direct(text), `${from} → ${to}`);
    }
  });
});

describe('conversion to Simplified', () => {
  // Expectations read off the seeds by hand.
  const repairedAndConverted = (name: string) => convertText(fixText(name, seed(name), { only: [...REPAIRS_BEFORE_CONVERSION] }).text, { to: 'zh-Hans' }).text;

  it('003: names, posts and places come out in Simplified', () => {
    const out = repairedAndConverted(S003);
    assert.ok(out.includes('濟南市委書記劉強出席並講話') === false);
    assert.ok(out.includes('济南市委书记刘强出席并讲话'));
    assert.ok(out.includes('济南市委副书记、市长于海田主持'));
    assert.ok(out.includes('重庆市武隆区党政代表团'));
    assert.ok(out.includes('济南市领导王宏志、戴龙成、马保岭、韩伟、任广锋'));
  });

  it('001: posts convert and the already-Simplified 干部 stays', () => {
    const out = repairedAndConverted(S001);
    assert.ok(out.includes('县委副书记、县长王中率巫溪党政代表团'));
    assert.ok(out.includes('看望慰问巫溪在泰安挂职干部'));
    assert.ok(out.includes('泰安市委副书记、市长李兰祥'));
  });

  it('never leaves mixed script: no Traditional-only character remains', () => {
    for (const name of [S001, S003]) {
      const r = detectVariant(repairedAndConverted(name));
      assert.equal(r.traditionalOnly, 0, name);
      assert.equal(r.variant, 'zh-Hans', name);
    }
  });

  it('avoids OpenCC traps: place names with 乾, and 著 in Taiwan text', () => {
    assert.equal(convertText('吉林省乾安縣的乾淨水', { to: 'zh-Hans' }).text, '吉林省乾安县的干净水');
    assert.equal(convertText('他看著頭髮', { to: 'zh-Hans', from: 'tw' }).text, '他看着头发');
    // The generic t2s table keeps 著, which is why the region matters.
    assert.equal(convertText('他看著頭髮', { to: 'zh-Hans', from: 'generic' }).text, '他看著头发');
  });

  it('keeps user-protected terms in the form given, whatever script they appear in', () => {
    const out = convertText('劉強出席並講話', { to: 'zh-Hans', protect: ['劉強'] });
    assert.equal(out.text, '劉強出席并讲话');
    assert.equal(out.protectedCount, 1);
  });

  it('lists ambiguous characters with context and outcome before converting', () => {
    const list = ambiguousOccurrences('吉林省乾安縣的乾淨水,以後', { to: 'zh-Hans' });
    const byChar = list.map((o) => `${o.char}→${o.becomes}`);
    assert.deepEqual(byChar, ['乾→乾', '乾→干', '後→后']);
    assert.ok(list[1].context.includes('乾淨'));
  });

  it('keeps the offsets of other findings: lost ? lines stay where they were', () => {
    const text = seed(S001);
    const before = lintText(S001, text, { only: ['lost-character'] }).map((f) => [f.start, f.end]);
    const converted = convertText(text, { to: 'zh-Hans' }).text;
    const after = lintText(S001, converted, { only: ['lost-character'] }).map((f) => [f.start, f.end]);
    assert.deepEqual(after, before);
  });
});

describe('script-variant rule', () => {
  it('states the script of 003 and points to the conversion, without computing it on every lint', () => {
    const text = seed(S003);
    const [finding] = lintText(S003, text, { only: ['script-variant'] });
    assert.match(finding.message, /Traditional \(TW standard\)/);
    assert.match(finding.message, /212 pinyin annotations/);
    assert.match(finding.message, /Target: Simplified; convert with "Seed Curator: Convert to Simplified"/);
    assert.deepEqual(finding.fixes, []);
    assert.equal(fixText(S003, text, { only: ['script-variant'], unsafe: true }).text, text);
  });

  it('targets Traditional when configured, and only states the script when off', () => {
    const text = '上海市委书记李强会见代表团一行。';
    const toHant = lintText('t', text, { only: ['script-variant'], config: parseConfig({ options: { 'script-variant': { target: 'zh-Hant' } } }) });
    assert.match(toHant[0].message, /Target: Traditional; convert with `seed-curator convert --to zh-Hant`/);
    const off = lintText('t', text, { only: ['script-variant'], config: parseConfig({ options: { 'script-variant': { target: 'off' } } }) });
    assert.doesNotMatch(off[0].message, /Target/);
    assert.equal(off[0].severity, 'hint');
  });
});
