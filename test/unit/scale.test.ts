// Work that must not grow with the workspace (issue 8): linting one document of a
// large corpus, or editing it, reads O(1) other documents for the corpus-level rules
// (no per-lint recount of rare characters, no full list of every file holding a
// shared line), and updating the corpus reads only the text that changed. Counted as
// work done, never timed.
import { strict as assert } from 'node:assert';
import { Corpus } from '../../server/src/core/corpus';
import { lintText } from '../../server/src/core/engine';
import type { CorpusView } from '../../server/src/core/types';
import { generateDocuments } from '../../bench/generate';

/** The corpus seen through a counter of the documents a rule reads. */
function counting(corpus: Corpus): { view: CorpusView; reads: () => number; reset: () => void } {
  let reads = 0;
  const view: CorpusView = {
    get size() {
      return corpus.size;
    },
    *uris() {
      for (const uri of corpus.uris()) {
        reads++;
        yield uri;
      }
    },
    text: (uri) => {
      reads++;
      return corpus.text(uri);
    },
    lines: {
      documentCount: (line) => corpus.lines.documentCount(line),
      documentsWith: (line, limit) => {
        const docs = corpus.lines.documentsWith(line, limit);
        reads += docs.length;
        return docs;
      },
      locate: (uri, line) => corpus.lines.locate!(uri, line),
    },
    characters: corpus.characters,
  };
  return { view, reads: () => reads, reset: () => (reads = 0) };
}

/** The same documents without the corpus's incremental statistics: rules fall back to counting themselves. */
function plainView(corpus: Corpus): CorpusView {
  return { size: corpus.size, uris: () => corpus.uris(), text: (u) => corpus.text(u), lines: { documentCount: corpus.lines.documentCount, documentsWith: corpus.lines.documentsWith } };
}

const ONLY = ['mojibake-cjk', 'boilerplate-repeated-line'];

describe('corpus-level work per lint does not grow with the workspace', function () {
  this.timeout(60000);
  const docs = generateDocuments({ seed: 3, files: 400 });
  const corpus = new Corpus();
  for (const d of docs) corpus.set(`file:///ws/${d.name}`, d.text);
  const uri = `file:///ws/${docs[0].name}`;

  it('generated documents share lines across far more files than a lint may read', function () {
    // Otherwise the reads bound below would hold trivially.
    const shared = docs[0].text.split('\n').map((l) => corpus.lines.documentCount(l));
    assert.ok(Math.max(...shared) > 60, `most-shared line is in ${Math.max(...shared)} files`);
  });

  it('reads at most a constant number of other documents per lint, also after edits', function () {
    const { view, reads, reset } = counting(corpus);
    let text = docs[0].text;
    for (let edit = 0; edit < 10; edit++) {
      text = `${text}\n编辑${edit}`;
      corpus.set(uri, text);
      reset();
      lintText(uri, text, { corpus: view, only: ONLY });
      // repeated-line reads up to 22 files per shared line it reports; never the 400 of the corpus per line.
      assert.ok(reads() < corpus.size, `edit ${edit}: ${reads()} document reads for a corpus of ${corpus.size}`);
    }
  });

  it('an edit indexes only the edited text', function () {
    const before = corpus.charactersIndexed;
    const text = `${docs[1].text}\n改动`;
    corpus.set(`file:///ws/${docs[1].name}`, text);
    assert.equal(corpus.charactersIndexed - before, text.length);
  });

  it('gives the same findings as rules counting the corpus themselves', function () {
    for (const d of docs.slice(0, 25)) {
      const u = `file:///ws/${d.name}`;
      const text = corpus.text(u)!;
      assert.deepEqual(lintText(u, text, { corpus, only: ONLY }), lintText(u, text, { corpus: plainView(corpus), only: ONLY }), d.name);
    }
  });

  it('keeps character counts right when documents change and leave', function () {
    const small = new Corpus();
    const rare = '鍖'; // GB2312 level 2: rated rare by the codec tables
    small.set('a', `${rare}${rare}`);
    small.set('b', rare);
    assert.deepEqual(small.characters.of(rare), { count: 3, docs: 2 });
    small.set('a', 'plain');
    assert.deepEqual(small.characters.of(rare), { count: 1, docs: 1 });
    small.delete('b');
    assert.equal(small.characters.of(rare), undefined);
  });
});
