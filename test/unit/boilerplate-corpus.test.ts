// Corpus evidence in the block detection (issue 5, CCNet-style): lines the same
// site's other pages carry decide where the article starts and ends, where no
// pattern knows them; lines several articles share inside their bodies stay.
import assert from 'node:assert/strict';
import { Corpus } from '../../server/src/core/corpus';
import { fixText, lintText } from '../../server/src/core/engine';
import fc from 'fast-check';
import { RULES } from '../../server/src/rules';

const BOILERPLATE = RULES.filter((r) => r.category === 'boilerplate').map((r) => r.id);

// A county portal's template: a banner and a menu no pattern knows (no separators,
// no 首页), the article, and a closing site line. Only the footer line is recognised.
const BANNER = '青禾县人民政府门户网站欢迎您';
const MENU = '政务公开 政务服务 互动交流 走进青禾';
const SITE_LINE = '青禾县融媒体中心 青禾县人民政府办公室';
const FOOTER = '版权所有：青禾县人民政府';

function sitePage(title: string, paragraphs: string[]): string {
  return [BANNER, '', MENU, '', title, '', ...paragraphs.flatMap((p) => [p, '']), SITE_LINE, FOOTER].join('\n') + '\n';
}

const PAGES: Record<string, string> = {
  'qinghe-1.txt': sitePage('青禾县与东部协作城市签署产业合作协议', [
    '6月3日，青禾县与东部协作城市在县城举行产业合作签约仪式，双方将在食品加工、文化旅游等领域深化合作。',
    '根据协议，协作城市将组织企业赴青禾考察，帮助当地建设农产品加工园区，带动群众就近就业。',
  ]),
  'qinghe-2.txt': sitePage('青禾县举办东西部协作消费帮扶展销会', [
    '6月8日，青禾县东西部协作消费帮扶展销会开幕，四十余家企业带来茶叶、菌菇等特色农产品。',
    '展销会为期三天，现场签约金额超过两千万元，进一步拓宽了农产品销售渠道。',
  ]),
  'qinghe-3.txt': sitePage('协作城市教育专家团到青禾县开展帮扶', [
    '6月12日，协作城市教育专家团一行十二人到青禾县开展为期一周的教学帮扶活动。',
    '专家团深入县内五所中小学，开展示范课、专题讲座和教研交流，受到师生欢迎。',
  ]),
};

function corpusOf(pages: Record<string, string>): Corpus {
  const corpus = new Corpus();
  for (const [uri, text] of Object.entries(pages)) corpus.set(uri, text);
  return corpus;
}

describe('boilerplate blocks with corpus evidence', () => {
  const uri = 'qinghe-1.txt';
  const text = PAGES[uri];

  it('without the corpus the banner and menu are not known: the menu is taken for a kicker above the headline', () => {
    const blocks = lintText(uri, text, { only: ['boilerplate-block'] });
    const leading = blocks.find((b) => b.start === 0);
    assert.ok(!leading || !text.slice(leading.start, leading.end).includes(MENU));
    const fixed = fixText(uri, text, { only: BOILERPLATE }).text;
    assert.ok(fixed.includes(MENU), 'fix-all cannot know the menu is furniture');
  });

  it('with the corpus the leading block runs to the headline (safe) and the trailing block takes the site line (a guess)', () => {
    const corpus = corpusOf(PAGES);
    const blocks = lintText(uri, text, { only: ['boilerplate-block'], corpus });
    assert.equal(blocks.length, 2);
    assert.equal(text.slice(blocks[0].start, blocks[0].end), `${BANNER}\n\n${MENU}`);
    assert.equal(text.slice(blocks[1].start, blocks[1].end), `${SITE_LINE}\n${FOOTER}`);
    assert.match(blocks[0].message, /lines other files share 2/);
    assert.match(blocks[0].message, /2 of its lines appear in other workspace files \(up to 3 files\)/);
    // The hover lists where the other files hold them.
    assert.deepEqual([...new Set(blocks[0].related!.map((r) => r.uri))].sort(), ['qinghe-2.txt', 'qinghe-3.txt']);
    for (const r of blocks[0].related!) assert.ok([BANNER, MENU].includes(PAGES[r.uri].slice(r.start, r.end)));
    assert.equal(blocks[0].fixes[0].safe, true, blocks[0].message);
    // After the article, a line every page of the site carries may still be an office's
    // signature: known from the corpus alone, it is offered, not removed by fix-all.
    assert.equal(blocks[1].fixes[0].safe, false, blocks[1].message);
    const fixed = fixText(uri, text, { only: BOILERPLATE, corpus }).text;
    assert.ok(fixed.startsWith('青禾县与东部协作城市签署产业合作协议\n'), fixed);
    assert.ok(fixed.trimEnd().endsWith(`带动群众就近就业。\n\n${SITE_LINE}`), fixed);
  });

  it('the shared lines are also reported one by one with the files that hold them', () => {
    const corpus = corpusOf(PAGES);
    const repeated = lintText(uri, text, { only: ['boilerplate-repeated-line'], corpus });
    const menu = repeated.find((f) => text.slice(f.start, f.end) === MENU);
    assert.ok(menu);
    assert.match(menu.message, /appears in 3 files/);
    assert.deepEqual(menu.related!.map((r) => r.uri).sort(), ['qinghe-2.txt', 'qinghe-3.txt']);
  });

  it('two files sharing a line are weak evidence: the block is reported, but fix-all leaves the line', () => {
    const two = { 'qinghe-1.txt': PAGES['qinghe-1.txt'], 'qinghe-2.txt': PAGES['qinghe-2.txt'] };
    const corpus = corpusOf(two);
    const trailing = lintText(uri, text, { only: ['boilerplate-block'], corpus }).find((b) => text.slice(b.start, b.end).includes(FOOTER))!;
    assert.equal(text.slice(trailing.start, trailing.end), `${SITE_LINE}\n${FOOTER}`);
    assert.equal(trailing.fixes[0].safe, false);
    const fixed = fixText(uri, text, { only: BOILERPLATE, corpus }).text;
    assert.ok(fixed.includes(SITE_LINE), 'one other file is not enough to remove an unrecognised line');
  });

  it('a slogan several articles quote on a line of their own inside the body is never removed', () => {
    const slogan = '绿水青山就是金山银山';
    const article = (title: string, a: string, b: string) =>
      ['首页 > 生态环保', '', title, '', a, '', slogan, '', b, '', '版权所有：某某市生态环境局'].join('\n') + '\n';
    const pages = {
      'e1.txt': article('甲县推进矿山生态修复', '今年以来，甲县投入资金两亿元，对十二处废弃矿山开展生态修复，复绿面积超过三千亩。', '下一步，甲县将建立长效管护机制，巩固修复成果，打造生态旅游线路。'),
      'e2.txt': article('乙镇建成湿地公园', '乙镇依托河道整治工程建成湿地公园，种植水生植物二十余种，水质明显改善。', '湿地公园开放以来，接待游客超过十万人次，带动周边农家乐增收。'),
      'e3.txt': article('丙村发展林下经济', '丙村在生态公益林下种植中药材和食用菌，发展林下经济面积一千余亩。', '村党支部书记表示，将继续探索生态产品价值实现路径，让村民共享绿色红利。'),
    };
    const corpus = corpusOf(pages);
    for (const [u, t] of Object.entries(pages)) {
      const fixed = fixText(u, t, { only: BOILERPLATE, corpus }).text;
      assert.ok(fixed.includes(slogan), `${u}: ${fixed}`);
      const repeated = lintText(u, t, { only: ['boilerplate-repeated-line'], corpus });
      assert.ok(!repeated.some((f) => t.slice(f.start, f.end) === slogan), `${u}: reported`);
    }
  });

  it("a column's recurring headline that every issue on the site carries is still the headline", () => {
    const column = (body: string) => [BANNER, '', '青禾县东西部协作工作周报', '', body, '', FOOTER].join('\n') + '\n';
    const pages = {
      'w1.txt': column('本周，青禾县组织召开东西部协作推进会，研究部署下半年重点工作，确保各项任务按时完成。'),
      'w2.txt': column('本周，协作城市三家企业到青禾县考察，就农产品加工项目达成初步合作意向。'),
      'w3.txt': column('本周，青禾县选派二十名干部赴协作城市挂职学习，为期三个月。'),
    };
    const corpus = corpusOf(pages);
    for (const [u, t] of Object.entries(pages)) {
      const fixed = fixText(u, t, { only: BOILERPLATE, corpus }).text;
      assert.ok(fixed.startsWith('青禾县东西部协作工作周报\n'), `${u}: ${fixed}`);
    }
  });

  it('a repost (the same article, headline included, in several files) gives no evidence about its headline', () => {
    const page = PAGES['qinghe-2.txt'];
    const copies = { 'r1.txt': page, 'r2.txt': page, 'r3.txt': page };
    const corpus = corpusOf(copies);
    const fixed = fixText('r1.txt', page, { only: BOILERPLATE, corpus }).text;
    assert.ok(fixed.includes('青禾县举办东西部协作消费帮扶展销会'), fixed);
    assert.ok(fixed.includes('现场签约金额超过两千万元'), fixed);
  });
});

describe('property: with corpus evidence, safe fixes never remove article text', () => {
  // Sites: a template of unrecognised lines (banner, menu, site line) and recognised
  // furniture around each article. Articles: a headline, paragraphs, and lines several
  // articles share (a slogan, a closing formula, an office's signature).
  const unrecognised = ['青禾县人民政府门户网站欢迎您', '政务公开 政务服务 互动交流 走进青禾', '青禾县融媒体中心 青禾县人民政府办公室', '绿色发展 共建共享'];
  const furniture = ['首页 > 新闻中心', '分享到：微信 微博', '相关新闻', '版权所有：青禾县人民政府', '黔ICP备12345678号', '【打印本页】【关闭窗口】'];
  const paragraphs = [
    '6月3日，青禾县与东部协作城市在县城举行产业合作签约仪式，双方将在食品加工、文化旅游等领域深化合作。',
    '根据协议，协作城市将组织企业赴青禾考察，帮助当地建设农产品加工园区，带动群众就近就业。',
    '展销会为期三天，现场签约金额超过两千万元，进一步拓宽了农产品销售渠道。',
    '专家团深入县内五所中小学，开展示范课、专题讲座和教研交流，受到师生欢迎。',
  ];
  const shared = ['绿水青山就是金山银山', '特此通知。', '青禾县人民政府办公室', '2025年8月1日'];
  const headlines = ['青禾县与协作城市签署产业合作协议', '青禾县举办东西部协作消费帮扶展销会', '协作城市教育专家团到青禾县开展帮扶', '青禾县召开东西部协作推进会'];

  it('holds for several pages of one site that share template lines and article lines', () => {
    fc.assert(
      fc.property(
        fc.subarray(unrecognised, { minLength: 1 }),
        fc.subarray(furniture),
        fc.array(fc.tuple(fc.subarray(paragraphs, { minLength: 1 }), fc.subarray(shared), fc.nat(3)), { minLength: 2, maxLength: 4 }),
        (template, recognised, articles) => {
          const top = template.slice(0, Math.ceil(template.length / 2));
          const bottom = template.slice(top.length);
          const pages: Record<string, { text: string; article: string[] }> = {};
          articles.forEach(([paras, sharedLines, at], k) => {
            const body = [...paras];
            body.splice(Math.min(at, body.length), 0, ...sharedLines);
            const article = [headlines[k], ...body];
            const text = [...top, ...recognised.slice(0, 1), '', ...article.flatMap((l) => [l, '']), ...bottom, ...recognised.slice(1)].join('\n') + '\n';
            pages[`p${k}.txt`] = { text, article };
          });
          const corpus = corpusOf(Object.fromEntries(Object.entries(pages).map(([u, p]) => [u, p.text])));
          for (const [u, p] of Object.entries(pages)) {
            const kept = fixText(u, p.text, { only: BOILERPLATE, corpus }).text.split('\n');
            for (const line of p.article) assert.ok(kept.includes(line), `${u} lost: ${line}\n--- input:\n${p.text}\n--- fixed:\n${kept.join('\n')}`);
          }
        },
      ),
      { numRuns: 100, seed: 20261124 },
    );
  });
});
