import assert from 'node:assert/strict';
import { extractPeople } from '../../server/src/people/extract';
import { documentDates } from '../../server/src/people/dates';
import { PeopleIndex, traditionalName } from '../../server/src/people/index';
import { peopleReport } from '../../server/src/people/cli-people';
import { makeView, originalSpan } from '../../server/src/people/view';
import { peopleCommand } from '../../server/src/people/people-command';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const names = (text: string) => extractPeople(text).statements.map((s) => s.name);
const rolesOf = (text: string, name: string) =>
  extractPeople(text).statements.filter((s) => s.name === name).flatMap((s) => s.roles);

describe('people: name boundaries', () => {
  it('副區長安郁杰 is 副區長 + 安郁杰 (Traditional)', () => {
    const roles = rolesOf('岱岳區委常委、副區長安郁杰;肥城市委副書記付玲參加。', '安郁杰');
    assert.deepEqual(roles.map((r) => r.text), ['岱岳區委常委', '副區長']);
    assert.deepEqual(names('岱岳區委常委、副區長安郁杰;肥城市委副書記付玲參加。'), ['安郁杰', '付玲']);
  });

  it('縣長王中率 is 王中 + 率, with and without the name standing alone elsewhere', () => {
    assert.deepEqual(names('縣委副書記、縣長王中率巫溪黨政代表團赴泰安。'), ['王中']);
    assert.deepEqual(names('縣委副書記、縣長王中率巫溪黨政代表團赴泰安。王中指出,兩地合作不斷深化。'), ['王中']);
  });

  it('a name alone elsewhere in the page decides an ambiguous length', () => {
    // 陈东来调研 reads either way; the page's other mentions decide.
    assert.deepEqual(names('副县长陈东来调研。陈东来指出,要抓好落实。'), ['陈东来']);
    assert.deepEqual(names('副县长陈东来调研。陈东强调,要抓好落实。陈东表示感谢。'), ['陈东']);
  });

  it('a speech verb after a two-character name is not part of it: 李明说,', () => {
    assert.deepEqual(names('副市长李明说,要加强合作。'), ['李明']);
  });

  it('compound surnames: 诸葛宇杰, 欧阳明远', () => {
    assert.deepEqual(names('上海市委常委、市委秘书长诸葛宇杰,副市长彭沉雷参加。'), ['诸葛宇杰', '彭沉雷']);
    assert.deepEqual(names('省委副书记、省长欧阳明远会见。'), ['欧阳明远']);
  });

  it('never a title fragment or a common word as a name', () => {
    assert.deepEqual(names('感谢辽宁省、大连市长期以来的支持。'), []);
    assert.deepEqual(names('市领导高度重视这项工作。'), []);
    assert.deepEqual(names('太原一国企董事长打人被行拘。'), []);
    assert.deepEqual(names('毛主席曾这样说。'), []);
  });

  it('the name ends at verbs and particles: 周艳随团, 于海田主持, 何庆出席, 李峥参加', () => {
    assert.deepEqual(names('普陀区委副书记周艳随团考察。'), ['周艳']);
    assert.deepEqual(names('济南市委副书记、市长于海田主持,武隆区委书记何庆出席并讲话。'), ['于海田', '何庆']);
    assert.deepEqual(names('县政府党组成员李峥参加有关活动。'), ['李峥']);
  });

  it('names without a Han surname run to the punctuation: 兴安盟委书记乌云其木格,', () => {
    assert.deepEqual(names('兴安盟委书记乌云其木格,锡林郭勒盟委副书记、盟长赵卫东参加。'), ['乌云其木格', '赵卫东']);
  });
});

describe('people: posts and organisations', () => {
  it('a list of posts before one name gives one role per post', () => {
    const roles = rolesOf('辽宁省委常委、大连市委书记谭作钧出席并讲话。', '谭作钧');
    assert.deepEqual(roles.map((r) => [r.text, r.title, r.organization, r.inferred]), [
      ['辽宁省委常委', '常委', '辽宁省委', false],
      ['大连市委书记', '书记', '大连市委', false],
    ]);
  });

  it('an implicit organisation comes from the nearest place and is flagged inferred', () => {
    const text = '上海市委书记李强,市委副书记、市长应勇会见了由辽宁省委副书记、省长唐一军率领的代表团。';
    const ying = rolesOf(text, '应勇');
    assert.deepEqual(ying.map((r) => [r.title, r.organization, r.inferred]), [['副书记', '上海市委', true], ['市长', '上海市', true]]);
    const tang = rolesOf(text, '唐一军');
    assert.deepEqual(tang.map((r) => [r.title, r.organization]), [['副书记', '辽宁省委'], ['省长', '辽宁省']]);
  });

  it('a county post is resolved from a county named later when none precedes', () => {
    const roles = rolesOf('縣委副書記、縣長王中率團赴泰安市。巫溪縣委副書記黃作盛參加。', '王中');
    assert.deepEqual(roles.map((r) => r.organization), ['巫溪县委', '巫溪县']);
  });

  it('a city name ending in 州 is no prefecture: 州委常委 resolves to the prefecture, not 杭州', () => {
    const roles = rolesOf('黔东南苗族侗族自治州州长罗世荣来杭。杭州市委书记郑国强会见。州委常委、副州长吴晓燕参加。', '吴晓燕');
    assert.deepEqual(roles.map((r) => r.organization), ['黔东南苗族侗族自治州委', '黔东南苗族侗族自治州']);
  });

  it('a post without organisation after one with it inherits it: 党组书记、主任', () => {
    const roles = rolesOf('自治区发展改革委党组书记、主任黎小勇参加。广西壮族自治区党委书记某某。', '黎小勇');
    assert.equal(roles[1].title, '主任');
    assert.equal(roles[1].organization, roles[0].organization);
    assert.ok(roles[1].inferred);
  });

  it('departments joined by 和 stay whole: 自治区文化和旅游厅厅长', () => {
    const roles = rolesOf('自治区文化和旅游厅厅长贾丽华参加。', '贾丽华');
    assert.deepEqual(roles.map((r) => r.text), ['自治区文化和旅游厅厅长']);
  });

  it('names listed after a heading share its role', () => {
    const text = '濟南市領導王宏志、戴龍成、馬保嶺、韓偉、任廣鋒,市政府秘書長韓振國參加活動。';
    assert.deepEqual(names(text), ['王宏志', '戴龙成', '马保岭', '韩伟', '任广锋', '韩振国']);
    assert.deepEqual(rolesOf(text, '韩伟').map((r) => [r.text, r.title, r.organization]), [['濟南市領導', '领导', '济南市']]);
  });

  it('习近平总书记 is an official with the role 总书记 of 中共中央', () => {
    const s = extractPeople('巫溪將深入貫徹落實習近平總書記關於深化東西部協作的重要指示精神。').statements;
    assert.deepEqual(s.map((x) => [x.name, x.kind, x.roles[0].title, x.roles[0].organization]), [['习近平', 'official', '总书记', '中共中央']]);
  });

  it('bylines keep their function: reporter, editor, photographer', () => {
    const s = extractPeople('(摄影:陈正宝 张春海)\n编辑:时金\n消息(记者赵玲)\n(通讯员:宋晓倩)').statements;
    assert.deepEqual(s.map((x) => [x.name, x.kind]), [
      ['陈正宝', 'photographer'], ['张春海', 'photographer'], ['时金', 'editor'], ['赵玲', 'reporter'], ['宋晓倩', 'reporter'],
    ]);
  });
});

describe('people: English pages', () => {
  const text =
    'Pan Xiaogang, Director of the Municipal Government Cooperation and Exchange Office, Secretary of the Party Group, ' +
    'Qiang Pengcheng, deputy director of the Office; Jiang Dongdong, Secretary of the District Party Committee, and Xu Shujie, ' +
    'deputy head of the district. Wang Lihua, Deputy Secretary of the District Party Committee and head of the district, met them. ' +
    'The Symposium on Putuo District was held. (Reporter Jiao Shuyue)';

  it('Name, Title of Organisation, and the roles that follow', () => {
    const s = extractPeople(text).statements;
    const byName = new Map(s.map((x) => [x.name, x]));
    assert.deepEqual([...byName.keys()], ['Pan Xiaogang', 'Qiang Pengcheng', 'Jiang Dongdong', 'Xu Shujie', 'Wang Lihua', 'Jiao Shuyue']);
    assert.deepEqual(byName.get('Pan Xiaogang')!.roles.map((r) => [r.title, r.organization]), [
      ['Director', 'Municipal Government Cooperation and Exchange Office'], ['Secretary', 'Party Group'],
    ]);
    assert.deepEqual(byName.get('Wang Lihua')!.roles.map((r) => r.text), ['Deputy Secretary of the District Party Committee', 'head of the district']);
    assert.equal(byName.get('Jiao Shuyue')!.kind, 'reporter');
  });

  it('capitalised words that are not romanised Chinese names are no people', () => {
    const s = extractPeople('The Symposium, Director of nothing. Putuo District, Secretary of the Party Group.').statements;
    assert.deepEqual(s, []);
  });
});

describe('people: view and dates', () => {
  it('pinyin annotations are skipped virtually and offsets stay exact in the original', () => {
    const text = '濟南市委書記劉強(qiáng)出席,市委副書記、市長(zhǎng)于海田主持。';
    const s = extractPeople(text).statements;
    assert.deepEqual(s.map((x) => [x.name, text.slice(x.start, x.end)]), [['刘强', '劉強'], ['于海田', '于海田']]);
    const mayor = s[1].roles[1];
    assert.equal(mayor.text, '市長');
    assert.equal(text.slice(mayor.start, mayor.end), '市長');
    const v = makeView(text);
    assert.equal(v.text.includes('('), false);
    assert.equal(v.simplified.length, v.text.length);
    // Every character of the view maps back to the same character of the text.
    for (let i = 0; i < v.text.length; i++) {
      const o = originalSpan(v, i, i + 1);
      assert.equal(text.slice(o.start, o.end), v.text[i], `view offset ${i}`);
    }
    assert.deepEqual(originalSpan(v, v.text.length, v.text.length), { start: text.length, end: text.length });
  });

  it('document dates: metadata, dateline, and the event date of the lead', () => {
    assert.deepEqual(documentDates('标题\n日期:2024-05-27\n正文'), { published: '2024-05-27' });
    assert.deepEqual(documentDates('Author:Shanghai Putuo Time:2022.07.28\n\nOn the afternoon of July 28, the meeting'), { published: '2022-07-28', event: '2022-07-28' });
    assert.deepEqual(documentDates('2025-03-04 17:30:59\n\n3月3日,上海市普陀区党政代表团来苏州考察。'), { published: '2025-03-04', event: '2025-03-03' });
    assert.deepEqual(documentDates('發布日期:2024-01-03\n12月30日,會議召開。'), { published: '2024-01-03', event: '2023-12-30' });
    assert.deepEqual(documentDates('没有日期的页面'), {});
  });
});

describe('people index', () => {
  const a = '濟南市委書記劉強(qiáng)出席並講話。劉強(qiáng)表示歡迎。';
  const b = '会见中,刘强说,两地要加强合作。同时金融业也要发展。';
  const c = '编辑:时金\n';

  it('one person across scripts, aliases keep the other-script forms, mentions exact', () => {
    const index = new PeopleIndex();
    index.update('a', a);
    index.update('b', b);
    const p = index.person('劉強')!;
    assert.equal(p.key, '刘强');
    assert.ok(p.aliases.includes('劉強'));
    const mentions = index.mentionsOf('刘强');
    assert.deepEqual(mentions.map((m) => [m.uri, m.written]), [['a', '劉強'], ['a', '劉強'], ['b', '刘强']]);
    for (const m of mentions) assert.equal((m.uri === 'a' ? a : b).slice(m.start, m.end), m.written);
    assert.equal(index.personAt('b', b.indexOf('刘强') + 1)?.person.key, '刘强');
    assert.equal(index.personAt('b', 0), undefined);
  });

  it('is incremental: a new name is found in other documents, and forgotten when its statement goes', () => {
    const index = new PeopleIndex();
    index.update('a', a);
    index.update('b', b);
    // 时金 inside 同时金融 is no mention, even once 时金 is known.
    index.update('c', c);
    assert.deepEqual(index.mentionsOf('时金').map((m) => m.uri), ['c']);
    index.update('a', '没有人。');
    assert.equal(index.person('刘强'), undefined);
    assert.deepEqual(index.mentionsIn('b'), []);
    index.update('a', a);
    assert.deepEqual(index.mentionsIn('b').map((m) => m.key), ['刘强']);
    index.remove('a');
    assert.deepEqual(index.mentionsIn('b'), []);
    assert.equal(index.has('a'), false);
  });

  it('finds people by either script or pinyin; first role statement by date', () => {
    const index = new PeopleIndex();
    index.update('later', '2025-01-02\n济南市委书记刘强出席。');
    index.update('earlier', '2023-05-06\n市委副书记、市长刘强主持。济南市委书记某人。');
    assert.deepEqual(index.findPeople('liuqiang').map((p) => p.key), ['刘强']);
    assert.deepEqual(index.findPeople('劉').map((p) => p.key), ['刘强']);
    assert.deepEqual(index.findPeople('Liu Qiang').map((p) => p.key), ['刘强']);
    const first = index.firstRoleStatement('刘强')!;
    assert.equal(first.uri, 'earlier');
    assert.equal(first.date, '2023-05-06');
  });

  it('document symbols list people, organisations and places', () => {
    const index = new PeopleIndex();
    index.update('d', '上海市委书记李强,市委副书记、市长应勇出席。');
    const symbols = index.documentSymbols('d');
    assert.deepEqual(symbols.filter((s) => s.kind === 'person').map((s) => s.name), ['李强', '应勇']);
    assert.ok(symbols.some((s) => s.kind === 'organization' && s.name === '上海市委'));
    assert.ok(symbols.some((s) => s.kind === 'place' && s.name === '上海市'));
  });

  it('completes a post from a division the page names outside any post, also in its short form', () => {
    const [statement] = extractPeople('记者来到黔东南州采访。州长罗世荣出席。').statements;
    assert.equal(statement.name, '罗世荣');
    assert.deepEqual(statement.roles.map((r) => [r.title, r.organization, r.inferred]), [['州长', '黔东南州', true]]);
  });

  it('a division name that starts inside a word is no place: 城市中区域 holds no 市中区', () => {
    const index = new PeopleIndex();
    index.update('d', '老城市中区域的改造,市长应勇出席。');
    assert.deepEqual(index.documentSymbols('d').filter((s) => s.kind === 'place'), []);
    assert.equal(index.statementsIn('d')[0].roles[0].organization, '');
  });
});

describe('people report (CLI contract)', () => {
  it('has the contract shape with ranges, aliases and dates', () => {
    const text = '2025-03-04 17:30:59\n3月3日,苏州市委书记刘小涛会见普陀区委书记胡广杰一行。刘小涛表示感谢。';
    const r = peopleReport([{ path: 'x.txt', text }]);
    assert.equal(r.version, 1);
    const liu = r.people.find((p) => p.name === '刘小涛')!;
    assert.deepEqual(liu.aliases, ['劉小濤']);
    assert.equal(liu.kind, 'official');
    assert.deepEqual(liu.roles.map((x) => [x.text, x.title, x.organization, x.file, x.date]), [['苏州市委书记', '书记', '苏州市委', 'x.txt', '2025-03-03']]);
    const line = text.split('\n')[1];
    assert.deepEqual(liu.roles[0].range, { start: { line: 1, character: line.indexOf('苏州') }, end: { line: 1, character: line.indexOf('刘小涛') } });
    assert.deepEqual(liu.mentions.map((m) => m.range.start), [{ line: 1, character: line.indexOf('刘小涛') }, { line: 1, character: line.lastIndexOf('刘小涛') }]);
    assert.deepEqual(r.people.map((p) => p.name), ['刘小涛', '胡广杰']);
  });
});

describe('people: Traditional aliases', () => {
  it('converts names but keeps characters a converter would get wrong in names', () => {
    assert.equal(traditionalName('刘小涛'), '劉小濤');
    assert.equal(traditionalName('于海田'), '于海田');
    assert.equal(traditionalName('安郁杰'), '安郁傑');
  });
});

describe('people command', () => {
  it('prints the JSON contract for the files named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'people-'));
    writeFileSync(join(dir, 'a.txt'), '日期:2024-05-27\n濟南市委書記劉強(qiáng)出席。\n');
    const out: string[] = [];
    const code = await peopleCommand.run({ values: { format: 'json' }, positionals: ['a.txt'], io: { cwd: dir, stdout: (s) => void out.push(String(s)), stderr: () => {} } });
    assert.equal(code, 0);
    const report = JSON.parse(out.join(''));
    assert.equal(report.version, 1);
    assert.deepEqual(report.people.map((p: { name: string; aliases: string[] }) => [p.name, p.aliases]), [['刘强', ['劉強']]]);
    assert.equal(report.people[0].roles[0].text, '濟南市委書記');
    assert.equal(report.people[0].roles[0].date, '2024-05-27');
  });
});
