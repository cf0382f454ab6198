// The encoding and script rules that lint in parts (checkInSteps): the same findings as check
// wherever the yields fall and whatever runs between the parts, as the language server runs
// other documents' lints and requests there; a large document really is cut into parts; and a
// lint given up halfway (the text changed) leaves nothing behind that changes a later answer.
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { Corpus } from '../../server/src/core/corpus';
import { SeedDocument } from '../../server/src/core/document';
import type { Rule, RuleContext, RuleFinding } from '../../server/src/core/types';
import { RULES } from '../../server/src/rules';
import { generateDocuments } from '../../bench/generate';
import { inParts } from '../support/parts';

const STEPPED = ['context-repair', 'mojibake-cjk', 'date-anomaly', 'script-variant'];
const rule = (id: string): Rule => RULES.find((r) => r.id === id)!;

const documents = generateDocuments({ seed: 11, totalBytes: 200 * 1024 }).map((d) => ({ uri: `file:///g/${d.name}`, text: d.text }));
/** A document of about 100 KB, as the server's background lint meets. */
const large = { uri: 'file:///g/large.txt', text: generateDocuments({ seed: 7, totalBytes: 100 * 1024 }).map((d) => d.text).join('\n\n') };

function corpusOf(docs: ReadonlyArray<{ uri: string; text: string }>): Corpus {
  const corpus = new Corpus();
  for (const d of docs) corpus.set(d.uri, d.text);
  return corpus;
}

const contextOf = (corpus: Corpus): RuleContext => ({ corpus, options: DEFAULT_CONFIG.options });

/** Each document's findings by `id`'s check, in a corpus of its own (no cache of another run answers). */
function reference(id: string, docs: ReadonlyArray<{ uri: string; text: string }>): Map<string, RuleFinding[]> {
  const ctx = contextOf(corpusOf(docs));
  return new Map(docs.map((d) => [d.uri, rule(id).check(new SeedDocument(d.uri, d.text), ctx)]));
}

/** `id`'s findings on `doc` in parts, `between()` run after each part; and how many parts there were. */
function ruleInParts(id: string, doc: { uri: string; text: string }, ctx: RuleContext, between: () => void): { findings: RuleFinding[]; parts: number } {
  const { value, parts } = inParts(rule(id).checkInSteps!(new SeedDocument(doc.uri, doc.text), ctx), between);
  return { findings: value, parts };
}

describe('encoding and script rules in parts', function () {
  this.timeout(120000);

  for (const id of STEPPED) {
    it(`${id}: the same findings as check, with another document's check between every two parts`, () => {
      const all = [...documents, large];
      const expected = reference(id, all);
      const ctx = contextOf(corpusOf(all));
      let k = 0;
      // Another document's check between parts: the caches of the mojibake search and the index change under the paused lint.
      const other = () => {
        const d = documents[k++ % documents.length];
        rule(id).check(new SeedDocument(d.uri, d.text), ctx);
      };
      let found = 0;
      for (const d of [large, ...documents.slice(0, 20)]) {
        const { findings } = ruleInParts(id, d, ctx, other);
        assert.deepEqual(findings, expected.get(d.uri), d.uri);
        found += findings.length;
      }
      assert.ok(found > 0, 'the documents give findings to compare');
    });
  }

  it('cut a 100 KB document into parts', () => {
    const ctx = contextOf(corpusOf([...documents, large]));
    const minimum: Record<string, number> = { 'context-repair': 20, 'mojibake-cjk': 3, 'date-anomaly': 4, 'script-variant': 3 };
    for (const id of STEPPED) {
      const { parts } = ruleInParts(id, large, ctx, () => {});
      assert.ok(parts >= minimum[id], `${id}: ${parts} parts`);
    }
  });

  it('context-repair: the findings do not depend on the order the documents are checked in', () => {
    // The first evidence found decides, and the index gives documents in the order they were added
    // to the corpus, also when the document being checked is left out of the index for a while.
    const expected = reference('context-repair', documents);
    const ctx = contextOf(corpusOf(documents));
    for (const d of [...documents].reverse()) assert.deepEqual(rule('context-repair').check(new SeedDocument(d.uri, d.text), ctx), expected.get(d.uri), d.uri);
  });

  it('context-repair: an edited document lints the same in parts while other documents are checked and edited', () => {
    const corpus = corpusOf([...documents, large]);
    const ctx = contextOf(corpus);
    const repair = rule('context-repair');
    // Indexed at this state of the corpus.
    for (const d of documents.slice(0, 3)) repair.check(new SeedDocument(d.uri, d.text), ctx);
    const texts = new Map([...documents, large].map((d) => [d.uri, d.text]));
    let k = 0;
    for (let round = 0; round < 4; round++) {
      // The large document edited (it stays behind in the index while its own lints run), and now and then another.
      texts.set(large.uri, large.text.replace('\n', `\n编辑${round}\n`));
      corpus.set(large.uri, texts.get(large.uri)!);
      if (round % 2 === 1) {
        const d = documents[round];
        texts.set(d.uri, d.text.replace('。', `。改${round}。`));
        corpus.set(d.uri, texts.get(d.uri)!);
      }
      const expected = reference('context-repair', [...texts].map(([uri, text]) => ({ uri, text })));
      const { findings } = ruleInParts('context-repair', { uri: large.uri, text: texts.get(large.uri)! }, ctx, () => {
        const d = documents[k++ % documents.length];
        repair.check(new SeedDocument(d.uri, texts.get(d.uri)!), ctx);
      });
      assert.deepEqual(findings, expected.get(large.uri), `round ${round}`);
      for (const d of documents.slice(0, 30)) assert.deepEqual(repair.check(new SeedDocument(d.uri, texts.get(d.uri)!), ctx), expected.get(d.uri), `round ${round}, ${d.uri}`);
    }
  });

  it('context-repair: lints given up after any number of parts leave the answers as they were', () => {
    // The originals last, so that the evidence of reposts lies in the documents indexed last.
    const order = [...documents].reverse();
    const corpus = corpusOf([...order, large]);
    const ctx = contextOf(corpus);
    const repair = rule('context-repair');
    const texts = new Map([...order, large].map((d) => [d.uri, d.text]));
    for (let given = 1; given <= 12; given++) {
      // Every document changed, its lines moved, so the index is brought up to date in many parts and a stale one shows.
      for (const d of order) {
        texts.set(d.uri, `${'版\n'.repeat(given)}${d.text}`);
        corpus.set(d.uri, texts.get(d.uri)!);
      }
      const steps = repair.checkInSteps!(new SeedDocument(large.uri, large.text), ctx);
      for (let i = 0; i < given; i++) steps.next();
      const expected = reference('context-repair', [...texts].map(([uri, text]) => ({ uri, text })));
      for (const d of order) assert.deepEqual(repair.check(new SeedDocument(d.uri, texts.get(d.uri)!), ctx), expected.get(d.uri), `given up after ${given} parts, ${d.uri}`);
    }
  });
});
