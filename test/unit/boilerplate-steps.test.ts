// The boilerplate analysis and rules in parts (analysisSteps, checkInSteps): the same analysis
// and findings as the synchronous path wherever the yields fall and whatever runs between the
// parts (the language server lints other documents there), one analysis shared by the rules
// whichever path made it, and a large document really cut into parts.
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { Corpus } from '../../server/src/core/corpus';
import { SeedDocument } from '../../server/src/core/document';
import { lint, lintSteps } from '../../server/src/core/engine';
import { runSteps } from '../../server/src/core/steps';
import type { Rule, RuleContext, RuleFinding } from '../../server/src/core/types';
import { analyse, analysisSteps, type Analysis } from '../../server/src/boilerplate/analysis';
import { RULES } from '../../server/src/rules';
import { generateDocuments } from '../../bench/generate';
import { inParts } from '../support/parts';

const BOILERPLATE_RULES = RULES.filter((r) => r.category === 'boilerplate' || r.id === 'metadata-line');

// Generated pages share their sites' furniture, so corpus evidence takes part.
const documents = generateDocuments({ seed: 11, totalBytes: 120 * 1024 }).map((d) => ({ uri: `file:///g/${d.name}`, text: d.text }));
/** About 100 KB, as the server's background lint meets. */
const large = { uri: 'file:///g/large.txt', text: generateDocuments({ seed: 7, totalBytes: 100 * 1024 }).map((d) => d.text).join('\n\n') };
const all = [...documents, large];

function contextOf(docs: ReadonlyArray<{ uri: string; text: string }>): RuleContext {
  const corpus = new Corpus();
  for (const d of docs) corpus.set(d.uri, d.text);
  return { corpus, options: DEFAULT_CONFIG.options };
}

const fresh = (d: { uri: string; text: string }) => new SeedDocument(d.uri, d.text);

describe('boilerplate analysis in parts', function () {
  this.timeout(120000);

  it('cuts a 100 KB document into several parts, and gives the analysis analyse gives', () => {
    const ctx = contextOf(all);
    const { value, parts } = inParts(analysisSteps(fresh(large), ctx));
    assert.ok(parts > 5, `only ${parts} parts`);
    assert.deepStrictEqual(value, analyse(fresh(large), ctx));
  });

  it('yields on a document of a few hundred lines too', () => {
    const text = Array.from({ length: 300 }, (_, i) => `第${i}段：协作双方将在食品加工、文化旅游等领域深化合作，带动群众就近就业。\n`).join('\n');
    assert.ok(inParts(analysisSteps(new SeedDocument('file:///p.txt', text))).parts > 1);
  });

  it('is the same analysis with other documents analysed between every two parts', () => {
    const ctx = contextOf(all);
    let k = 0;
    // Another document's analysis between parts: the caches of lines, views and corpus keys change under the paused one.
    const other = () => analyse(fresh(documents[k++ % documents.length]), ctx);
    for (const d of [large, ...documents.slice(0, 15)]) {
      const expected = analyse(fresh(d), contextOf(all));
      assert.deepStrictEqual(inParts(analysisSteps(fresh(d), ctx), other).value, expected, d.uri);
    }
  });

  it('leaves its analysis for the rules after it, and a run given up halfway leaves none', () => {
    const ctx = contextOf(all);
    const doc = fresh(large);
    const given: Generator<void, Analysis, void> = analysisSteps(doc, ctx);
    for (let i = 0; i < 3; i++) given.next();
    given.return(undefined as never);
    const made = runSteps(analysisSteps(doc, ctx));
    assert.notStrictEqual(made, undefined);
    assert.strictEqual(analyse(doc, ctx), made);
    assert.deepStrictEqual(made, analyse(fresh(large), contextOf(all)));
  });
});

describe('boilerplate rules in parts', function () {
  this.timeout(120000);

  for (const rule of BOILERPLATE_RULES) {
    it(`${rule.id}: the same findings as check, computing the analysis itself in parts`, () => {
      const ctx = contextOf(all);
      let k = 0;
      const other = () => analyse(fresh(documents[k++ % documents.length]), ctx);
      let found = 0;
      for (const d of [large, ...documents.slice(0, 15)]) {
        const expected: RuleFinding[] = rule.check(fresh(d), contextOf(all));
        const { value } = inParts((rule as Required<Rule>).checkInSteps(fresh(d), ctx), other);
        assert.deepStrictEqual(value, expected, d.uri);
        found += expected.length;
      }
      if (rule.id !== 'boilerplate-caption-residue' && rule.id !== 'boilerplate-duplicate-title') assert.ok(found > 0, 'nothing found: the test shows nothing');
    });
  }

  it('a lint in parts gives what lint gives', () => {
    const ctx = contextOf(all);
    const only = BOILERPLATE_RULES.map((r) => r.id);
    for (const d of [large, ...documents.slice(0, 5)]) {
      const { value, parts } = inParts(lintSteps(fresh(d), { corpus: ctx.corpus, only }));
      assert.deepStrictEqual(value, lint(fresh(d), { corpus: ctx.corpus, only }), d.uri);
      // A yield after each rule, and more inside the first one's analysis of the large document.
      if (d === large) assert.ok(parts > only.length + 5, `only ${parts} parts`);
    }
  });
});
