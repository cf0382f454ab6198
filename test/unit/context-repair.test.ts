// context-repair with the workspace as evidence, and its place in fix-all on seed 003.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixText, lintText } from '../../server/src/core/engine';
import { Corpus } from '../../server/src/core/corpus';
import { evidenceSearchWork } from '../../server/src/rules/context-repair';

const SEED_003 = '003_19257488ec84b839.txt';
const seed003 = readFileSync(join(__dirname, '..', '..', 'seeds', SEED_003), 'utf8');

describe('context-repair', () => {
  it('repairs from another document of the workspace and names that file', () => {
    const corpus = new Corpus();
    const damaged = '会议强调,要聚焦?·武隆东西部协作联席会议确定的任务。\n';
    corpus.set('file:///ws/a.txt', damaged);
    corpus.set('file:///ws/b.txt', '两地召开济南·武隆东西部协作联席会议。\n');
    const [finding] = lintText('file:///ws/a.txt', damaged, { only: ['context-repair'], corpus });
    assert.equal(damaged.slice(finding.start, finding.end), '?');
    assert.equal(finding.fixes[0].safe, false);
    assert.equal(finding.fixes[0].edits[0].text, '济南');
    assert.match(finding.fixes[0].title, /b\.txt line 1/);
    assert.equal(finding.related?.[0].uri, 'file:///ws/b.txt');
    const b = corpus.text('file:///ws/b.txt')!;
    assert.ok(b.slice(finding.related![0].start, finding.related![0].end).includes('济南·武隆东西部'));
  });

  it('reads a bounded number of candidate documents per damage, however many hold the surroundings', () => {
    // 600 documents hold every pair of characters around the damage, in other words, never the surroundings themselves.
    const corpus = new Corpus();
    const damaged = '会议强调,要聚焦?·武隆东西部协作联席会议确定的任务。\n';
    corpus.set('file:///ws/a.txt', damaged);
    for (let i = 0; i < 600; i++) corpus.set(`file:///ws/c${i}.txt`, `第${i}篇:要聚会,聚焦点,甲·武器,武隆县,隆东村,东西部,西部协,协作组。\n`);
    const before = evidenceSearchWork.documentsRead;
    assert.deepEqual(lintText('file:///ws/a.txt', damaged, { only: ['context-repair'], corpus }), []);
    const read = evidenceSearchWork.documentsRead - before;
    assert.ok(read > 0 && read <= 257, `documents read: ${read}`);
  });

  it('reposts of one damage read the evidence documents as they are now, after an edit of one', () => {
    // Reposts share surroundings, and what reading a document for them gave is kept: never past an edit of that document.
    const damaged = '会议强调,要聚焦?·武隆东西部协作联席会议确定的任务。\n';
    const corpus = new Corpus();
    for (let i = 0; i < 4; i++) corpus.set(`file:///ws/repost${i}.txt`, `转载${i}\n${damaged}`);
    corpus.set('file:///ws/b.txt', '两地召开济南·武隆东西部协作联席会议。\n');
    const fill = (i: number) => lintText(`file:///ws/repost${i}.txt`, corpus.text(`file:///ws/repost${i}.txt`)!, { only: ['context-repair'], corpus })[0]?.fixes[0].edits[0].text;
    assert.equal(fill(0), '济南');
    assert.equal(fill(1), '济南');
    // The same text to compare with (annotations are left out of it), other raw offsets.
    corpus.set('file:///ws/b.txt', '两地召开济(jì)南·武隆东西部协作联席会议。\n');
    const [annotated] = lintText('file:///ws/repost1.txt', corpus.text('file:///ws/repost1.txt')!, { only: ['context-repair'], corpus });
    assert.equal(corpus.text('file:///ws/b.txt')!.slice(annotated.related![0].start, annotated.related![0].end), '济(jì)南·武隆东西部协作联席');
    corpus.set('file:///ws/b.txt', '两地召开重庆·武隆东西部协作联席会议。\n');
    assert.equal(fill(2), '重庆');
    corpus.delete('file:///ws/b.txt');
    assert.equal(fill(3), undefined);
  });

  it('without the other document there is no evidence and no finding', () => {
    const damaged = '会议强调,要聚焦?·武隆东西部协作联席会议确定的任务。\n';
    assert.deepEqual(lintText('a.txt', damaged, { only: ['context-repair'] }), []);
  });

  it('short one-sided surroundings are not evidence', () => {
    const text = '山海情。\n共赴山?\n';
    assert.deepEqual(lintText('a.txt', text, { only: ['context-repair'] }), []);
  });

  const titleOf = (text: string) => text.split('\n').find((l) => l.includes('共赴山'))!;

  it('seed 003, fix-all with unsafe fixes: the title reads 共赴山海”魯渝協 and the body 聚焦濟南·武隆', () => {
    const fixed = fixText(SEED_003, seed003, { unsafe: true }).text;
    assert.match(titleOf(fixed), /共赴山海”魯渝協作交流$/);
    assert.ok(fixed.includes('要聚焦濟南·武隆東西部協作聯席會議確定'), 'body');
  });

  it('seed 003, safe fix-all leaves the lost characters for a person to confirm', () => {
    const fixed = fixText(SEED_003, seed003).text;
    assert.match(titleOf(fixed), /共赴山\?”魯渝協作交流$/);
    assert.ok(fixed.includes('要聚焦?jié)'));
  });
});
