// The generic fixture runner: every folder test/fixtures/<rule-id>/ holds cases
// <case>.txt with <case>.expected.json (the rule's complete findings, by 1-based line
// and covered text) and optionally <case>.fixed.txt (the text after fixing with that
// rule alone; absent means unchanged). The fixed text is linted again: nothing the
// same fix pass could fix may remain.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixText, lintText, fixEdits } from '../../server/src/core/engine';
import { RULES } from '../../server/src/rules';
import { SeedDocument } from '../../server/src/core/document';

const root = join(__dirname, '..', 'fixtures');

interface Expected {
  findings: { line: number; text: string }[];
  unsafe?: boolean;
}

const ruleIds = new Set(RULES.map((r) => r.id));
const folders = existsSync(root) ? readdirSync(root).filter((d) => ruleIds.has(d)) : [];

describe('rule fixtures', () => {
  it('every rule in the registry has fixtures', () => {
    const missing = RULES.map((r) => r.id).filter((id) => !folders.includes(id));
    assert.deepEqual(missing, []);
  });

  for (const ruleId of folders) {
    describe(ruleId, () => {
      const cases = readdirSync(join(root, ruleId)).filter((f) => f.endsWith('.txt') && !f.endsWith('.fixed.txt'));
      for (const file of cases) {
        const name = file.slice(0, -'.txt'.length);
        it(name, () => {
          const input = readFileSync(join(root, ruleId, file), 'utf8');
          const expected: Expected = JSON.parse(readFileSync(join(root, ruleId, `${name}.expected.json`), 'utf8'));
          const doc = new SeedDocument(file, input);
          const findings = lintText(file, input, { only: [ruleId] });
          const actual = findings.map((f) => ({ line: doc.positionAt(f.start).line + 1, text: input.slice(f.start, f.end) }));
          assert.deepEqual(actual, expected.findings);

          const fixedPath = join(root, ruleId, `${name}.fixed.txt`);
          const want = existsSync(fixedPath) ? readFileSync(fixedPath, 'utf8') : input;
          const result = fixText(file, input, { only: [ruleId], unsafe: expected.unsafe });
          assert.equal(result.text, want);
          assert.ok(result.converged, 'fixing did not reach a fixed point');

          const remaining = fixEdits(lintText(file, result.text, { only: [ruleId] }), expected.unsafe);
          assert.deepEqual(remaining, [], 'the fixed text still has fixable findings');
        });
      }
    });
  }
});
