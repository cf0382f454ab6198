// `check` and `fix` with a worker pool (the built CLI, --jobs 2) print exactly what the
// single-process run (--jobs 1) prints: same JSON, same diff, same summary.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDocuments, writeDocuments } from '../../bench/generate';

const CLI = join(__dirname, '..', '..', 'dist', 'cli', 'cli.js');

describe('check and fix with a worker pool', function () {
  this.timeout(180000);
  let dir: string;
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  before(function () {
    if (!existsSync(join(__dirname, '..', '..', 'dist', 'cli', 'pool-worker.js'))) this.skip();
    dir = mkdtempSync(join(tmpdir(), 'seed-curator-pool-'));
    writeDocuments(join(dir, 'seeds'), generateDocuments({ seed: 23, files: 30, tree: true }));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('check --format json is identical with --jobs 2 and --jobs 1', function () {
    const one = run('check', 'seeds', '--format', 'json', '--jobs', '1');
    const two = run('check', 'seeds', '--format', 'json', '--jobs', '2');
    assert.equal(JSON.parse(one.out).files.length, 30);
    assert.ok(JSON.parse(one.out).files.some((f: { diagnostics: unknown[] }) => f.diagnostics.length > 0));
    assert.equal(two.out, one.out);
    assert.equal(two.err, one.err);
    assert.equal(two.code, one.code);
  });

  it('fix (diff and summary) is identical with --jobs 2 and --jobs 1', function () {
    const one = run('fix', 'seeds', '--jobs', '1');
    const two = run('fix', 'seeds', '--jobs', '2');
    assert.match(one.err, /would change/);
    assert.equal(two.out, one.out);
    assert.equal(two.err, one.err);
  });

  it('rejects a --jobs that is not a count', function () {
    assert.equal(run('check', 'seeds', '--jobs', 'many').code, 2);
  });
});
