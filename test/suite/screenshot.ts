// Screenshots of the workbench for UI tests, taken by the runner (test/e2e/run.mjs), which owns the
// browser. Enabled when the runner was started with SEED_CURATOR_SCREENSHOT_DIR (e.g. docs):
//   await screenshot('quick-fix.png');
// The test prints a marker line; the runner sees it in the extension host's console, saves the PNG
// and this promise resolves when the file is there. Without a runner (or without the variable)
// it resolves to undefined at once.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function screenshotsEnabled(): boolean {
  return !!process.env.SEED_CURATOR_SCREENSHOT_DIR;
}

export function screenshot(name: string, timeoutMs = 15_000): Promise<string | undefined> {
  const dir = process.env.SEED_CURATOR_SCREENSHOT_DIR;
  if (!dir) return Promise.resolve(undefined);
  const file = path.resolve(dir, name.endsWith('.png') ? name : `${name}.png`);
  fs.rmSync(file, { force: true });
  return new Promise((resolve, reject) => {
    const watcher = fs.watch(path.dirname(file), () => check());
    const timer = setTimeout(() => done(new Error(`screenshot ${file} not written within ${timeoutMs} ms`)), timeoutMs);
    function done(err?: Error) {
      clearTimeout(timer);
      watcher.close();
      if (err) reject(err);
      else resolve(file);
    }
    function check() {
      if (fs.existsSync(`${file}.failed`)) done(new Error(fs.readFileSync(`${file}.failed`, 'utf8')));
      else if (fs.existsSync(file)) done();
    }
    console.log(`[seed-curator:screenshot] ${file}`);
    check();
  });
}
