// Behaviour of the boilerplate and metadata rules beyond single fixtures: corpus
// evidence, how block and line findings share the Problems panel, the metadata
// header, and a property: safe fixes never remove article text.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Corpus } from '../../server/src/core/corpus';
import { fixText, lintText } from '../../server/src/core/engine';
import { RULES } from '../../server/src/rules';
import { parseMetadataLine, findHeader } from '../../server/src/boilerplate/metadata';
import { SeedDocument } from '../../server/src/core/document';
import { applyEdits } from '../../server/src/core/applyEdits';

const BOILERPLATE = RULES.filter((r) => r.category === 'boilerplate').map((r) => r.id);

const page = (title: string, body: string[], footer: string[]) =>
  ['首页 > 新闻中心', '', title, '', ...body.flatMap((p) => [p, '']), ...footer].join('\n') + '\n';

const FOOTER = ['主办单位：某某市人民政府办公室', '网站维护：某某市大数据中心'];
const A = page('甲市与乙县签署协作协议', ['3月1日，甲市与乙县签署协作协议，双方将在产业、人才、消费等方面深化合作。'], FOOTER);
const B = page('乙县代表团赴甲市考察', ['4月2日，乙县党政代表团赴甲市考察，参观了产业园区和职业院校。'], FOOTER);
const C = page('两地召开联席会议', ['5月3日，两地召开东西部协作联席会议，研究部署年度重点任务。'], FOOTER);

describe('boilerplate-repeated-line (corpus evidence)', () => {
  it('reports a footer line shared by three files with the count and the other files as related locations', () => {
    const corpus = new Corpus();
    corpus.set('a.txt', A);
    corpus.set('b.txt', B);
    corpus.set('c.txt', C);
    const findings = lintText('a.txt', A, { only: ['boilerplate-repeated-line'], corpus });
    const maintained = findings.find((f) => A.slice(f.start, f.end) === '网站维护：某某市大数据中心');
    assert.ok(maintained, 'the shared footer line is reported');
    assert.match(maintained.message, /appears in 3 files/);
    assert.deepEqual(maintained.related!.map((r) => r.uri).sort(), ['b.txt', 'c.txt']);
    for (const r of maintained.related!) assert.equal(corpus.text(r.uri)!.slice(r.start, r.end), '网站维护：某某市大数据中心');
    // Headline and body differ between the files and are never reported.
    for (const f of findings) assert.ok(!A.slice(f.start, f.end).includes('签署协作协议'));
  });

  it('follows the corpus as files change: deleting two files leaves no evidence', () => {
    const corpus = new Corpus();
    corpus.set('a.txt', A);
    corpus.set('b.txt', B);
    corpus.set('c.txt', C);
    assert.ok(lintText('a.txt', A, { only: ['boilerplate-repeated-line'], corpus }).length > 0);
    corpus.delete('b.txt');
    corpus.set('c.txt', '别的内容\n');
    assert.deepEqual(lintText('a.txt', A, { only: ['boilerplate-repeated-line'], corpus }), []);
  });

  it('never reports article body text that two files share (a repost is not boilerplate)', () => {
    const shared = '6月4日，两地联合举办消费帮扶展销会，现场签约金额超过一亿元，带动农户增收。';
    const x = page('展销会在甲市举行', [shared, '展销会为期三天，吸引了大批市民前来选购，多家企业达成合作意向。'], ['版权所有 甲市日报']);
    const y = page('乙县农产品亮相甲市', ['乙县组织二十余家企业参展，带来了茶叶、菌菇等特色农产品，受到市民欢迎。', shared], ['版权所有 乙县融媒体中心']);
    const corpus = new Corpus();
    corpus.set('x.txt', x);
    corpus.set('y.txt', y);
    const findings = lintText('x.txt', x, { only: ['boilerplate-repeated-line'], corpus });
    assert.ok(!findings.some((f) => x.slice(f.start, f.end) === shared));
  });

  it('honours the minFiles option', () => {
    const corpus = new Corpus();
    corpus.set('a.txt', A);
    corpus.set('b.txt', B);
    const config = { rules: {}, options: { 'boilerplate-repeated-line': { minFiles: 3 } } };
    assert.ok(lintText('a.txt', A, { only: ['boilerplate-repeated-line'], corpus }).length > 0);
    assert.deepEqual(lintText('a.txt', A, { only: ['boilerplate-repeated-line'], corpus, config }), []);
  });
});

describe('blocks and line findings together', () => {
  const text = [
    '下载APP', '登录', '首页 > 要闻', '',
    '甲市与乙县共建产业园',
    '',
    '7月1日，甲市与乙县举行共建产业园签约仪式，双方将共同招引电子信息产业项目，推动园区高质量发展。',
    '',
    '签约仪式后，双方召开座谈会，研究部署下一步重点工作。',
    '',
    '相关新闻', '甲市企业赴乙县考察', '乙县特色农产品进甲市...',
    '版权所有：甲市人民政府', '甲ICP备12345678号',
  ].join('\n');

  it('reports one block before the headline and one after the article', () => {
    const blocks = lintText('t.txt', text, { only: ['boilerplate-block'] });
    assert.equal(blocks.length, 2);
    assert.ok(text.slice(blocks[0].start, blocks[0].end).startsWith('下载APP'));
    assert.ok(text.slice(blocks[0].start, blocks[0].end).endsWith('首页 > 要闻'));
    assert.ok(text.slice(blocks[1].start, blocks[1].end).startsWith('相关新闻'));
    assert.ok(text.slice(blocks[1].start, blocks[1].end).endsWith('甲ICP备12345678号'));
  });

  it('line findings inside a block are hints, so the Problems panel shows the two blocks only', () => {
    const all = lintText('t.txt', text, { only: BOILERPLATE });
    const shown = all.filter((f) => f.severity !== 'hint');
    assert.deepEqual(shown.map((f) => f.ruleId), ['boilerplate-block', 'boilerplate-block']);
    assert.ok(all.length > shown.length);
  });

  it('fix-all leaves exactly the headline and the body', () => {
    const fixed = fixText('t.txt', text, { only: BOILERPLATE }).text;
    assert.equal(
      fixed,
      '甲市与乙县共建产业园\n\n7月1日，甲市与乙县举行共建产业园签约仪式，双方将共同招引电子信息产业项目，推动园区高质量发展。\n\n签约仪式后，双方召开座谈会，研究部署下一步重点工作。',
    );
  });
});

describe('remove all boilerplate in this file', () => {
  const text = [
    '首页 > 要闻', '',
    '甲市与乙县共建产业园', '',
    '7月1日，甲市与乙县举行共建产业园签约仪式，双方将共同招引电子信息产业项目。', '',
    '阅读 1024', '',
    '签约仪式后，双方召开座谈会，研究部署下一步重点工作。', '',
    '- END -', '版权所有：甲市人民政府',
  ].join('\n');

  it('is offered on request only, with the same result as applying every safe fix', () => {
    const findings = lintText('r.txt', text, { only: BOILERPLATE });
    const all = findings.flatMap((f) => f.fixes).filter((f) => f.title.startsWith('Remove all boilerplate'));
    assert.ok(all.length >= 2, 'offered on each finding');
    assert.ok(all.every((f) => f.manual));
    const once = applyEdits(text, all[0].edits).text;
    assert.equal(once, fixText('r.txt', text, { only: BOILERPLATE }).text);
    assert.ok(!once.includes('阅读 1024') && !once.includes('首页') && !once.includes('版权所有'));
    assert.ok(once.includes('甲市与乙县共建产业园') && once.includes('签约仪式后'));
  });
});

describe('metadata lines and the metadata header', () => {
  it('parses labels in Simplified, Traditional and English, several to a line', () => {
    assert.deepEqual(parseMetadataLine('信息來源：濟南日報')?.pairs.map((p) => [p.key, p.value]), [['source', '濟南日報']]);
    assert.deepEqual(parseMetadataLine('Author:Shanghai Putuo Time:2022.07.28')?.pairs.map((p) => [p.key, p.value]), [
      ['author', 'Shanghai Putuo'],
      ['date', '2022.07.28'],
    ]);
    assert.deepEqual(parseMetadataLine('（摄影：陈正宝 张春海）')?.pairs.map((p) => [p.key, p.value]), [['photo', '陈正宝 张春海']]);
    assert.equal(parseMetadataLine('时间紧、任务重，会议要求各部门抓紧落实。'), undefined);
    assert.equal(parseMetadataLine('来源于群众的意见建议要认真梳理。'), undefined);
  });

  it('moving all metadata lines builds one header, keeps every value, and a second pass finds nothing to move', () => {
    const text = '甲乙两地签署协议\n发布日期：2024-05-27\n\n5月27日，甲乙两地签署协作协议，双方将深化产业合作。\n\n来源：甲市日报\n编辑：王五\n';
    const once = fixText('m.txt', text, { only: ['metadata-line'], unsafe: true }).text;
    assert.equal(
      once,
      '---\ndate: 2024-05-27\nsource: 甲市日报\neditor: 王五\n---\n甲乙两地签署协议\n\n5月27日，甲乙两地签署协作协议，双方将深化产业合作。\n',
    );
    const header = findHeader(new SeedDocument('m.txt', once));
    assert.deepEqual(header?.entries, [
      { key: 'date', value: '2024-05-27' },
      { key: 'source', value: '甲市日报' },
      { key: 'editor', value: '王五' },
    ]);
    assert.deepEqual(lintText('m.txt', once, { only: ['metadata-line'] }), []);
  });

  it('the header is not page furniture: the block rule leaves it alone', () => {
    const text = '---\nsource: 甲市日报\n---\n甲乙两地签署协议\n\n5月27日，甲乙两地签署协作协议，双方将在产业、人才等方面深化合作。\n';
    assert.deepEqual(lintText('h.txt', text, { only: BOILERPLATE }), []);
  });

  it('fix-all without --unsafe never moves or deletes metadata', () => {
    const text = '甲乙两地签署协议\n\n5月27日，甲乙两地签署协作协议，双方将深化产业合作。\n\n来源：甲市日报\n';
    assert.equal(fixText('s.txt', text).text.includes('来源：甲市日报'), true);
  });
});

describe('property: safe fixes of the boilerplate rules never remove article text', () => {
  const paragraphs = [
    '3月1日，甲市与乙县召开东西部协作联席会议，双方总结了去年的协作成效，部署了今年的重点任务。',
    '会议指出，要持续深化产业协作，推动更多企业到乙县投资兴业，帮助群众稳定增收。',
    '乙县表示，将用好协作资源，抓好项目落地，确保各项协作任务按时完成。',
    '他说：“我们将一如既往地支持乙县发展……”',
    '一、产业协作',
    '会后，代表团一行考察了产业园区。',
    'The two sides agreed to expand cooperation in tourism, agriculture and vocational training.',
  ];
  const furniture = [
    '下载APP', '登录', '首页 > 新闻', '分享到：微信 微博', '全部评论', '暂无评论', '相关新闻', '推荐阅读',
    '版权所有 © 2024 某某网', '京ICP备12345678号', '- END -', '2025-01-01 12:00:00', '0', '阅读 128',
    '某某企业赴乙县考察...', '扫一扫在手机打开当前页', 'Related Articles', 'Privacy Policy',
    '主办单位：某某市人民政府办公室', '2025年8月1日', '用微信扫码二维码', '【打印本页】【关闭窗口】', 'Visits: 12,569,834',
  ];

  it('holds for pages of furniture, a headline, article paragraphs and more furniture', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...furniture), { maxLength: 6 }),
        fc.array(fc.constantFrom(...paragraphs), { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom(...furniture), { maxLength: 8 }),
        fc.boolean(),
        (before, body, after, blankLines) => {
          const sep = blankLines ? '\n\n' : '\n';
          const article = ['甲市与乙县召开协作联席会议', ...body];
          const text = [...before, ...article, ...after].join(sep);
          const fixed = fixText('p.txt', text, { only: BOILERPLATE }).text;
          const kept = fixed.split('\n');
          for (const line of article) assert.ok(kept.includes(line), `lost: ${line}\n--- input:\n${text}\n--- fixed:\n${fixed}`);
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
  });
});
