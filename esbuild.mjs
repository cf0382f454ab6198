// Bundles the extension client, the language server, the CLI and the in-editor test
// suite. Runtime dependencies are bundled; only `vscode` stays external (the editor provides it).
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['vscode'],
};

const builds = [
  { entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist/client' },
  { entryPoints: { server: 'server/src/main.ts' }, outdir: 'dist/server' },
  // piscina stays external: it starts its workers from its own files in node_modules.
  { entryPoints: { cli: 'server/src/cli.ts', 'pool-worker': 'server/src/cli/pool-worker.ts' }, outdir: 'dist/cli', external: [...common.external, 'piscina'] },
  { entryPoints: { index: 'test/suite/index.ts' }, outdir: 'dist/test/suite', external: ['vscode', 'mocha'] },
];

import { existsSync } from 'node:fs';
const present = builds.filter((b) => Object.values(b.entryPoints).every((p) => existsSync(p)));
if (watch) {
  for (const b of present) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(present.map((b) => esbuild.build({ ...common, ...b })));
}
