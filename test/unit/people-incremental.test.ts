// The people index re-indexes edited documents from cached lines (word boundaries and the
// Simplified view per line) and applies a workspace scan as one batch. Whatever the path,
// the index must equal one built from scratch over the final texts.
import { strict as assert } from 'node:assert';
import { generateDocuments, randomSource } from '../../bench/generate';
import { WorkspacePeople } from '../../server/src/lsp/people';
import { PeopleIndex } from '../../server/src/people/index';
import { wordFlagCache, wordFlags, WORD_START, INSIDE_WORD } from '../../server/src/people/segments';
import { wordSegments } from '../../server/src/script/zh-words';

/** Everything the index answers, in a comparable form. */
function snapshot(index: PeopleIndex, uris: string[]) {
  return {
    people: index.people(),
    perDocument: uris.map((uri) => ({
      uri,
      mentions: index.mentionsIn(uri),
      statements: index.statementsIn(uri),
      symbols: index.documentSymbols(uri),
      dates: index.datesOf(uri),
    })),
  };
}

function fresh(texts: Map<string, string>): PeopleIndex {
  const index = new PeopleIndex();
  for (const [uri, text] of texts) index.update(uri, text);
  return index;
}

describe('people index: incremental equals from scratch', function () {
  this.timeout(60000);
  const docs = generateDocuments({ seed: 11, files: 12 });
  const lines = docs.flatMap((d) => d.text.split('\n'));
  const statements = ['苏州市委副书记、市长吴庆文出席。', '编辑:时金', '縣委副書記、縣長王中', '上海市委书记陈吉宁会见了代表团。', 'Liu Xiaotao, Director of the Suzhou Foreign Affairs Office'];

  it('after random line edits, one document at a time', function () {
    const rnd = randomSource(5);
    const texts = new Map(docs.map((d, i) => [`file:///d${i}.txt`, d.text]));
    const index = fresh(texts);
    const uris = [...texts.keys()];
    for (let step = 0; step < 60; step++) {
      const uri = uris[Math.floor(rnd() * uris.length)];
      const own = texts.get(uri)!.split('\n');
      const at = Math.floor(rnd() * (own.length + 1));
      const r = rnd();
      if (r < 0.3) own.splice(at, 0, statements[Math.floor(rnd() * statements.length)]);
      else if (r < 0.55) own.splice(at, 1);
      else if (r < 0.8) own.splice(at, 1, lines[Math.floor(rnd() * lines.length)]);
      else own.splice(at, 0, `${own[at] ?? ''}${'王'.repeat(1 + Math.floor(rnd() * 3))}`);
      texts.set(uri, own.join('\n'));
      index.update(uri, texts.get(uri)!);
      if (step % 10 === 9) assert.deepEqual(snapshot(index, uris), snapshot(fresh(texts), uris), `after step ${step}`);
    }
    assert.deepEqual(snapshot(index, uris), snapshot(fresh(texts), uris));
  });

  it('a batch of additions, replacements and removals equals the same changes one by one', function () {
    const texts = new Map(docs.map((d, i) => [`file:///d${i}.txt`, d.text]));
    const batch = new PeopleIndex();
    batch.apply(texts);
    const uris = [...texts.keys()];
    assert.deepEqual(snapshot(batch, uris), snapshot(fresh(texts), uris));

    // 王中 is stated only in a document that leaves while another gains the statement.
    const changes = new Map<string, string | null>([
      [uris[0], null],
      [uris[1], `${texts.get(uris[1])}\n縣委副書記、縣長王中`],
      [uris[2], '上海市委书记陈吉宁会见了代表团。陈吉宁表示欢迎。'],
      ['file:///new.txt', '苏州市委副书记、市长吴庆文出席。会后吴庆文与陈吉宁交谈。'],
    ]);
    batch.apply(changes);
    for (const [uri, text] of changes) {
      if (text === null) texts.delete(uri);
      else texts.set(uri, text);
    }
    const all = [...texts.keys()];
    assert.deepEqual(snapshot(batch, all), snapshot(fresh(texts), all));
    assert.equal(batch.has(uris[0]), false);
    assert.ok(batch.mentionsOf('陈吉宁').some((m) => m.uri === 'file:///new.txt'), 'a name stated in the batch is found in another document of it');
  });

  it('mentions of a person follow edits and removals made after they were asked for', function () {
    const index = new PeopleIndex();
    index.update('file:///a.txt', '苏州市委书记刘小涛会见代表团。\n');
    index.update('file:///b.txt', '会上，刘小涛介绍了苏州的情况。\n');
    index.update('file:///c.txt', '刘小涛表示，两地将深化合作。\n');
    const files = () => index.mentionsOf('刘小涛').map((m) => m.uri);
    assert.deepEqual(files(), ['file:///a.txt', 'file:///b.txt', 'file:///c.txt']);
    index.update('file:///b.txt', '会上，市领导介绍了苏州的情况。\n');
    assert.deepEqual(files(), ['file:///a.txt', 'file:///c.txt']);
    index.remove('file:///c.txt');
    assert.deepEqual(files(), ['file:///a.txt']);
    index.update('file:///d.txt', '刘小涛、刘小涛。\n');
    assert.deepEqual(files(), ['file:///a.txt', 'file:///d.txt', 'file:///d.txt']);
  });

  it('an edit forgets only the persons the edited document names, before or after', function () {
    const index = new PeopleIndex();
    index.update('file:///a.txt', '苏州市委书记刘小涛会见代表团。\n');
    index.update('file:///b.txt', '上海市委书记陈吉宁出席会议。\n');
    index.update('file:///c.txt', '会上，刘小涛与陈吉宁交谈。\n');
    const liu = index.person('刘小涛')!;
    const chen = index.person('陈吉宁')!;
    index.update('file:///a.txt', '苏州市委书记刘小涛会见代表团。\n苏州市长吴庆文出席。\n');
    // 陈吉宁 is not named in a.txt: the same person object answers.
    assert.equal(index.person('陈吉宁'), chen);
    assert.notEqual(index.person('刘小涛'), liu);
    assert.equal(index.person('吴庆文')!.roles[0].uri, 'file:///a.txt');
    // c.txt names both: an edit of it forgets both.
    index.update('file:///c.txt', '会上，刘小涛与陈吉宁再次交谈。\n');
    assert.notEqual(index.person('陈吉宁'), chen);
    assert.deepEqual(index.mentionsOf('陈吉宁').map((m) => m.uri), ['file:///b.txt', 'file:///c.txt']);
    // A document that stops naming someone forgets that person too.
    index.update('file:///b.txt', '上海市领导出席会议。\n');
    assert.deepEqual(index.mentionsOf('陈吉宁').map((m) => m.uri), []);
    assert.equal(index.person('陈吉宁'), undefined);
  });

  it('re-indexing an edit segments only the changed lines', function () {
    const text = docs.map((d) => d.text).join('\n');
    const index = new PeopleIndex();
    index.update('file:///big.txt', text);
    const before = wordFlagCache.misses;
    index.update('file:///big.txt', `${text}\n新的一行文字在这里。`);
    assert.ok(wordFlagCache.misses - before <= 1, `segmented ${wordFlagCache.misses - before} lines for one new line`);
  });

  it('word flags by line agree with ICU segments of each line', function () {
    const text = docs[3].text;
    const flags = wordFlags(text);
    let start = 0;
    for (const line of text.split('\n')) {
      for (const w of wordSegments(line)) {
        assert.ok(flags[start + w.start] & WORD_START, `word start at ${start + w.start}`);
        for (let i = w.start + 1; i < w.end; i++) assert.equal(!!(flags[start + i] & INSIDE_WORD), w.wordLike);
      }
      start += line.length + 1;
    }
  });
});

describe('people in the editor: indexing at idle moments in slices', function () {
  this.timeout(60000);
  const docs = generateDocuments({ seed: 13, files: 10 });

  it('a batch indexed a step at a time, with texts changing meanwhile, ends as one indexed at once', function () {
    const sliced = new WorkspacePeople(1e9);
    const texts = new Map(docs.map((d, i) => [`file:///s${i}.txt`, d.text]));
    for (const [uri, text] of texts) sliced.set(uri, text);
    let steps = 0;
    while (sliced.step(0)) {
      steps++;
      // Edits and a deletion arrive while the batch is in progress.
      if (steps === 3) {
        texts.set('file:///s1.txt', '苏州市委副书记、市长吴庆文出席。');
        sliced.set('file:///s1.txt', texts.get('file:///s1.txt')!);
        texts.delete('file:///s2.txt');
        sliced.delete('file:///s2.txt');
      }
    }
    assert.ok(steps > texts.size, `${steps} slices`);
    const uris = [...texts.keys()];
    assert.deepEqual(snapshot(sliced.index, uris), snapshot(fresh(texts), uris));
    assert.deepEqual(sliced.index.mentionsIn('file:///s2.txt'), []);
  });

  it('one large document is indexed in parts: its extraction yields, and the result is the same', function () {
    // About 100 KB of generated news, one document: the parts of its extraction are what lets
    // requests through while a large document being edited is indexed again.
    const text = generateDocuments({ seed: 7, totalBytes: 100 * 1024 }).map((d) => d.text).join('\n\n');
    const index = new PeopleIndex();
    let parts = 0;
    for (const _ of index.steps(new Map([['file:///big.txt', text]]))) parts++;
    assert.ok(parts >= 8, `${parts} parts`);
    assert.deepEqual(snapshot(index, ['file:///big.txt']), snapshot(fresh(new Map([['file:///big.txt', text]])), ['file:///big.txt']));
    assert.ok(index.people().length > 0, 'the document names people');
  });

  it('a query in the middle of a batch finishes it first', function () {
    const people = new WorkspacePeople(1e9);
    const texts = new Map(docs.map((d, i) => [`file:///q${i}.txt`, d.text]));
    for (const [uri, text] of texts) people.set(uri, text);
    people.step(0);
    people.set('file:///q0.txt', '上海市委书记陈吉宁会见了代表团。');
    texts.set('file:///q0.txt', '上海市委书记陈吉宁会见了代表团。');
    assert.equal(people.workspaceSymbols('陈吉宁').length, 1);
    const uris = [...texts.keys()];
    assert.deepEqual(snapshot(people.index, uris), snapshot(fresh(texts), uris));
    assert.equal(people.step(0), false, 'nothing left to do');
  });

  it('a hold (a workspace scan) keeps idle indexing back until released; a query still answers from the texts given', async function () {
    const people = new WorkspacePeople(5, 1);
    const settled = () => new Promise((resolve) => setTimeout(resolve, 60));
    const release = people.hold();
    const texts = new Map(docs.map((d, i) => [`file:///h${i}.txt`, d.text]));
    for (const [uri, text] of texts) people.set(uri, text);
    await settled();
    assert.equal(people.index.people().length, 0, 'nothing indexed while held');
    release();
    release(); // twice is once
    for (let i = 0; i < 100 && people.index.people().length === 0; i++) await settled();
    const uris = [...texts.keys()];
    assert.deepEqual(snapshot(people.index, uris), snapshot(fresh(texts), uris));

    const held = people.hold();
    people.set('file:///h0.txt', '上海市委书记陈吉宁会见了代表团。');
    assert.equal(people.workspaceSymbols('陈吉宁').length, 1);
    held();
  });
});
