// context-repair finds surroundings through per-view code-unit positions, up to a limit
// in code units; past it, views are scanned. Both ways must give the same findings.
import assert from 'node:assert/strict';
import { Corpus } from '../../server/src/core/corpus';
import { lintText } from '../../server/src/core/engine';
import { positionsLimit } from '../../server/src/rules/context-repair';
import { generateDocuments } from '../../bench/generate';

function contextRepairFindings(): string {
  const docs = generateDocuments({ seed: 11, totalBytes: 200 * 1024 });
  const corpus = new Corpus();
  for (const d of docs) corpus.set(`file:///g/${d.name}`, d.text);
  const all = docs.map((d) => lintText(`file:///g/${d.name}`, d.text, { corpus, only: ['context-repair'] }));
  return JSON.stringify(all);
}

describe('context-repair past its limit of kept positions', function () {
  this.timeout(60000);

  it('scanning gives the same findings as the positions', () => {
    const saved = positionsLimit.codeUnits;
    let scanned: string;
    try {
      positionsLimit.codeUnits = 0;
      scanned = contextRepairFindings();
    } finally {
      positionsLimit.codeUnits = saved;
    }
    const indexed = contextRepairFindings();
    assert.equal(scanned, indexed);
    assert.ok(JSON.parse(indexed).flat().length >= 20, 'the documents have damage to repair');
  });
});
