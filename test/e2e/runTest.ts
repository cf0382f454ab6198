// The ecosystem's standard runner: downloads a desktop VS Code (@vscode/test-electron) and runs
// the same suite (dist/test/suite/index.js) in it. It needs network access to Microsoft's update
// servers; on machines without it use test/e2e/run.mjs (code-server + headless Chromium).
//   node esbuild.mjs && npx tsx test/e2e/runTest.ts
// Environment: VSCODE_VERSION (default 'stable'), SEED_CURATOR_SUITE_GREP (mocha grep).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const extensionDevelopmentPath = path.resolve(__dirname, '../..');
  const extensionTestsPath = path.join(extensionDevelopmentPath, 'dist/test/suite/index.js');
  // A throwaway workspace holding a copy of seeds/, so the tests may edit files freely.
  const tmp = mkdtempSync(path.join(tmpdir(), 'seed-curator-electron-'));
  const workspace = path.join(tmp, 'workspace');
  cpSync(path.join(extensionDevelopmentPath, 'seeds'), path.join(workspace, 'seeds'), { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        `--user-data-dir=${path.join(tmp, 'user-data')}`,
        `--extensions-dir=${path.join(tmp, 'extensions')}`,
      ],
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error('Failed to run the VS Code tests:', err);
  process.exit(1);
});
