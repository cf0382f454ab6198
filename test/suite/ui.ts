// What a person does with the mouse and keyboard, for tests that need the workbench's own UI
// (a notification's Cancel button, the refactor preview, a quick pick, a webview's content).
// The runner (test/e2e/run.mjs) owns the browser: a test prints one marker line with a request,
// the runner carries it out with Playwright and writes the answer as JSON into
// $SEED_CURATOR_E2E_UI_DIR, where this promise picks it up. Without that runner (desktop VS Code
// through @vscode/test-electron) uiAvailable() is false and such tests skip themselves.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type UiRequest =
  /** Waits for a visible element matching `selector` (containing `hasText`) and clicks it. */
  | { action: 'click'; selector: string; hasText?: string; timeoutMs?: number }
  /** Waits for a visible element matching `selector` (containing `hasText`); answers its innerText. */
  | { action: 'text'; selector: string; hasText?: string; timeoutMs?: number }
  /** Waits until no visible element matches `selector` (containing `hasText`). */
  | { action: 'gone'; selector: string; hasText?: string; timeoutMs?: number }
  /** Presses keys in the workbench page (Playwright key names: 'Enter', 'Escape'). */
  | { action: 'press'; key: string }
  /** Waits until the document of some webview frame contains `text`; answers that frame's innerText. */
  | { action: 'webviewText'; text: string; timeoutMs?: number };

export function uiAvailable(): boolean {
  return !!process.env.SEED_CURATOR_E2E_UI_DIR;
}

/** Carries out one request in the workbench; rejects with the runner's error (a timeout, a missing element). */
export function ui(request: UiRequest, timeoutMs = 30_000): Promise<string> {
  const dir = process.env.SEED_CURATOR_E2E_UI_DIR;
  if (!dir) return Promise.reject(new Error('no UI runner (SEED_CURATOR_E2E_UI_DIR is not set)'));
  const id = randomUUID();
  const file = path.join(dir, `${id}.json`);
  return new Promise((resolve, reject) => {
    const watcher = fs.watch(dir, () => check());
    const timer = setTimeout(() => done(new Error(`no answer from the UI runner within ${timeoutMs} ms to ${JSON.stringify(request)}`)), timeoutMs + 5_000);
    function done(err?: Error, value?: string) {
      clearTimeout(timer);
      watcher.close();
      if (err) reject(err);
      else resolve(value ?? '');
    }
    function check() {
      if (!fs.existsSync(file)) return;
      const answer = JSON.parse(fs.readFileSync(file, 'utf8')) as { ok: boolean; value?: string; error?: string };
      fs.rmSync(file, { force: true });
      if (answer.ok) done(undefined, answer.value);
      else done(new Error(`UI ${request.action} failed: ${answer.error}`));
    }
    console.log(`[seed-curator:ui] ${JSON.stringify({ id, timeoutMs, ...request })}`);
  });
}
