// The pure parts of the editor commands: accepted findings, the corpus report and the exports.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Corpus } from '../../server/src/core/corpus';
import { SeedDocument } from '../../server/src/core/document';
import { fixText, lint } from '../../server/src/core/engine';
import { AcceptedFindings, addAccepted, parseAccepted } from '../../server/src/editor/accepted';
import { documentRecord, peopleTable } from '../../server/src/editor/export';
import { buildCorpusReport, renderReportHtml } from '../../server/src/editor/report';
import type { PeopleReport } from '../../server/src/people/cli-people';

const seed = (name: string) => readFileSync(join(__dirname, '..', '..', 'seeds', name), 'utf8');
const SEEDS = ['000_ad37a12b72859678.txt', '001_f2b6781d392f61d3.txt', '002_e0e838bfc07b6f33.txt', '003_19257488ec84b839.txt', '004_b09956585209fd7f.txt'];

describe('accepted findings', () => {
  const text = 'Headline\n\n全部评论\n\nBody text of the article.\n';
  const uri = 'file:///w/seeds/a.txt';
  const finding = (doc: SeedDocument) => {
    const start = doc.text.indexOf('全部评论');
    return { ruleId: 'boilerplate-comment-stub', start, end: start + 4, message: 'stub', severity: 'warning' as const, fixes: [] };
  };

  it('leaves out an accepted finding, also after lines are added above it, but not once the line is edited', () => {
    const { entries } = parseAccepted(addAccepted([], 'boilerplate-comment-stub', '  全部评论 '));
    const accepted = new AcceptedFindings(entries);
    const doc = new SeedDocument(uri, text);
    assert.deepEqual(accepted.filter(doc, [finding(doc)]), []);
    const moved = new SeedDocument(uri, 'New first line\nAnother\n' + text);
    assert.deepEqual(accepted.filter(moved, [finding(moved)]), []);
    const edited = new SeedDocument(uri, text.replace('全部评论', '全部评论区'));
    assert.equal(accepted.filter(edited, [finding(edited)]).length, 1);
    // Another rule on the same line is still reported.
    assert.equal(accepted.filter(doc, [{ ...finding(doc), ruleId: 'boilerplate-debris' }]).length, 1);
  });

  it('writes entries sorted and once, and reports a malformed file instead of throwing', () => {
    const once = parseAccepted(addAccepted([], 'b-rule', 'line two')).entries;
    const twice = addAccepted([...once, { rule: 'a-rule', line: 'line one' }], 'b-rule', 'line  two');
    assert.deepEqual(parseAccepted(twice).entries, [{ rule: 'a-rule', line: 'line one' }, { rule: 'b-rule', line: 'line two' }]);
    assert.match(parseAccepted('{oops').error ?? '', /not JSON/);
    assert.match(parseAccepted('[]').error ?? '', /expected/);
  });

  it('keeps fix-all from applying the fix of an accepted finding', () => {
    const text = '标题\n\n合作&nbsp;发展。\n\n另一行&middot;内容。\n';
    const plain = fixText('file:///w/a.txt', text);
    assert.equal(plain.fixedByRule['html-entity'], 2);
    const accepted = new AcceptedFindings([{ rule: 'html-entity', line: '合作&nbsp;发展。' }]);
    const kept = fixText('file:///w/a.txt', text, { keepFindings: (d, fs) => accepted.filter(d, fs) });
    assert.equal(kept.fixedByRule['html-entity'], 1);
    assert.ok(kept.text.includes('合作&nbsp;发展。') && !kept.text.includes('&middot;'), kept.text);
  });
});

describe('corpus report', () => {
  const corpus = new Corpus();
  const inputs = SEEDS.map((name) => {
    const uri = `file:///w/seeds/${name}`;
    corpus.set(uri, seed(name));
    return { uri, name };
  }).map(({ uri, name }) => {
    const doc = new SeedDocument(uri, seed(name));
    return { uri, path: `seeds/${name}`, doc, findings: lint(doc, { corpus }) };
  });
  const people: PeopleReport = { version: 1, people: [{ name: '张三', aliases: [], kind: 'official', roles: [{ text: '市长', title: '市长', organization: '某市', inferred: false, file: inputs[4].uri, range: { start: { line: 7, character: 2 }, end: { line: 7, character: 4 } }, date: null }], mentions: [{ file: inputs[4].uri, range: { start: { line: 7, character: 2 }, end: { line: 7, character: 4 } } }] }] };
  const report = buildCorpusReport(inputs, people);

  it('counts findings per rule and per file as the lint did', () => {
    const all = inputs.flatMap((i) => i.findings);
    assert.equal(report.totalFindings, all.length);
    for (const row of report.rules) assert.equal(row.findings, all.filter((f) => f.ruleId === row.rule).length, row.rule);
    for (const [i, row] of report.files.entries()) assert.equal(row.findings, inputs[i].findings.length, row.path);
  });

  it('measures damage on the converter-damaged seed 003 and boilerplate on seed 002', () => {
    const byName = (n: string) => report.files.find((f) => f.path.endsWith(n))!;
    assert.ok(byName(SEEDS[3]).damageShare > 0, 'pinyin annotations are damage');
    assert.ok(byName(SEEDS[2]).boilerplateShare > 0, 'seed 002 carries page furniture');
    for (const f of report.files) assert.ok(f.damageShare <= 1 && f.boilerplateShare <= 1, f.path);
  });

  it('lists lines found in several files with the place of the first', () => {
    for (const l of report.repeatedLines) {
      assert.ok(l.files >= 2);
      const input = inputs.find((i) => i.uri === l.first.uri)!;
      assert.equal(input.doc.lineAt(l.first.position.line).text.replace(/\s+/g, ' ').trim(), l.text);
    }
  });

  it('renders HTML with a nonce CSP, no network resources and links to the places', () => {
    const html = renderReportHtml(report, { cspSource: 'vscode-webview:', nonce: 'N0nce', openCommand: 'seedCurator.openLocation' });
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; [^"]*style-src 'nonce-N0nce'/);
    assert.doesNotMatch(html, /<script|https?:\/\//);
    const rule = report.rules[0];
    const args = encodeURIComponent(JSON.stringify([rule.first.uri, rule.first.position.line, rule.first.position.character]));
    assert.ok(html.includes(`href="command:seedCurator.openLocation?${args}"`), 'the busiest rule links to its first finding');
    assert.ok(html.includes('张三') && html.includes('市长'), 'the people table is there');
  });
});

describe('exports', () => {
  it('takes metadata from metadata lines of the cleaned text', () => {
    const record = documentRecord('seeds/x.txt', '标题\n来源:苏州日报\n正文。\n', { 'html-entity': 1 });
    assert.equal(record.metadata.source, '苏州日报');
    assert.equal(record.path, 'seeds/x.txt');
    assert.deepEqual(record.fixedByRule, { 'html-entity': 1 });
  });

  it('writes the people table as CSV with quoting, and as JSONL with one row per role', () => {
    const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 2 } };
    const report: PeopleReport = { version: 1, people: [{ name: 'Li "Wei"', aliases: ['李伟'], kind: 'official', roles: [{ text: 'mayor, acting', title: 'mayor', organization: 'X', inferred: false, file: 'a.txt', range, date: '2024-01-02' }, { text: 'secretary', title: 'secretary', organization: 'Y', inferred: false, file: 'b.txt', range, date: null }], mentions: [{ file: 'a.txt', range }] }] };
    const csv = peopleTable(report, 'csv');
    assert.equal(csv.rows, 2);
    const lines = csv.text.trimEnd().split('\r\n');
    assert.equal(lines[0], 'name,aliases,kind,role,title,organization,date,file,line,mentions');
    assert.equal(lines[1], '"Li ""Wei""",李伟,official,"mayor, acting",mayor,X,2024-01-02,a.txt,3,1');
    const jsonl = peopleTable(report, 'jsonl').text.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(jsonl.map((r) => r.role), ['mayor, acting', 'secretary']);
  });
});
