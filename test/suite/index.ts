// The mocha entry VS Code's extension-test mode loads (`extensionTestsPath`): code-server through
// test/e2e/run.mjs, or desktop VS Code through test/e2e/runTest.ts (@vscode/test-electron).
// It runs every test/suite/*.test.ts and prints one closing line, `vscode-suite: N passed, M failed`.
//
// esbuild bundles this file to dist/test/suite/index.js with the test files inside it (the
// template-literal require below is a glob esbuild resolves at build time); `mocha` and `vscode`
// stay external. If the suite was instead compiled file by file (tsc: index.js next to
// *.test.js), those files are loaded from disk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type MochaType from 'mocha';

function loadMocha(): typeof MochaType {
  // mocha 12 is an ES module with a CommonJS build; require(esm) needs Node >= 20.19.
  let mod: any;
  try {
    mod = require('mocha');
  } catch {
    mod = require('mocha/lib/mocha.cjs');
  }
  return mod.default ?? mod;
}

/** Names (without `.test.ts`) of the suite's test files, from the sources next to the bundle. */
function bundledTestNames(): string[] {
  const candidates = [path.resolve(__dirname, '../../../test/suite'), __dirname];
  for (const dir of candidates) {
    if (!fs.existsSync(dir)) continue;
    const names = fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => f.slice(0, -'.test.ts'.length));
    if (names.length > 0) return names.sort();
  }
  return [];
}

export function run(): Promise<void> {
  const Mocha = loadMocha();
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    // The first test pays for the extension's activation and the language server's start.
    timeout: Number(process.env.SEED_CURATOR_SUITE_TIMEOUT_MS) || 60_000,
    grep: process.env.SEED_CURATOR_SUITE_GREP || undefined,
  });

  const compiled = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  if (compiled.length > 0) {
    for (const f of compiled) mocha.addFile(path.join(__dirname, f));
  } else {
    const names = bundledTestNames();
    if (names.length === 0) return Promise.reject(new Error(`no test files found for ${__dirname}`));
    for (const name of names) {
      const file = path.resolve(__dirname, `../../../test/suite/${name}.test.ts`);
      // What mocha does per file: expose suite/test/setup... on the global, then evaluate the file.
      mocha.suite.emit('pre-require', globalThis, file, mocha);
      try {
        require(`./${name}.test.ts`);
      } catch (e) {
        return Promise.reject(new Error(`cannot load ${name}.test.ts from the bundle (rebuild with node esbuild.mjs?): ${e}`));
      }
      mocha.suite.emit('require', undefined, file, mocha);
      mocha.suite.emit('post-require', globalThis, file, mocha);
    }
  }

  return new Promise((resolve, reject) => {
    const loaded = compiled.length > 0 ? mocha.loadFilesAsync() : Promise.resolve();
    loaded.then(() => {
      // test/e2e/run.mjs shows the extension host's console from this line on.
      console.log('[seed-curator:suite] start');
      const runner = mocha.run((failures) => {
        const passed = runner.stats?.passes ?? 0;
        const failed = runner.stats?.failures ?? failures;
        console.log(`vscode-suite: ${passed} passed, ${failed} failed`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else if (passed === 0) reject(new Error('no test ran'));
        else resolve();
      });
    }, reject);
  });
}
