import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outdated } from '../../scripts/generate';
import { RULES } from '../../server/src/rules';

describe('settings and README follow the rule registry', () => {
  it('package.json and README.md are regenerated from the registry (npm run generate)', () => {
    assert.deepEqual(outdated(), []);
  });

  it('every rule has a settings entry and a README row', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
    const schema = pkg.contributes.configuration.properties['seedCurator.rules'].properties;
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    for (const rule of RULES) {
      assert.ok(schema[rule.id], `no setting for ${rule.id}`);
      assert.ok(readme.includes(`| \`${rule.id}\` |`), `no README row for ${rule.id}`);
    }
  });

  it('rule ids are unique and kebab-case', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z0-9]+)*$/);
  });
});
