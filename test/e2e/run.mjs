#!/usr/bin/env node
// Runs the extension's mocha suite inside a real VS Code: code-server 4.139.1 (VS Code 1.139.1,
// installed into .e2e/ by test/e2e/install.sh) driven by Debian's headless Chromium through
// playwright-core. VS Code's own extension-test mode loads `extensionTestsPath` (the same mocha
// `run()` entry @vscode/test-electron would load) in the real extension host and reports the
// exit code back to the page, which hands it to us through `codeAutomationExit`.
//
// Usage: node test/e2e/run.mjs [--extension DIR] [--tests FILE] [--workspace DIR] [--timeout SECONDS]
//   --extension  extensionDevelopmentPath (default: the project root, the folder with package.json)
//   --tests      extensionTestsPath (default: <extension>/dist/test/suite/index.js)
//   --workspace  folder to copy (default: <extension>/seeds); the copy, under its own name, goes in a
//                fresh temp folder, which VS Code opens (so the seeds are at <folder>/seeds/*.txt)
//   --untrusted  workspace trust on and the folder not trusted (restricted mode); runs only the
//                suites whose name starts with "Workspace trust" (test/suite/trust.test.ts)
// Environment:
//   SEED_CURATOR_E2E_DIR          where install.sh put code-server and Node 24 (default: <root>/.e2e)
//   SEED_CURATOR_E2E_TIMEOUT      overall timeout in seconds (default 300)
//   SEED_CURATOR_SCREENSHOT_DIR   if set, tests may call screenshot(name) (test/suite/screenshot.ts);
//                                 PNGs are written there (e.g. docs/)
//   SEED_CURATOR_E2E_VERBOSE=1    also print the browser console and code-server's log
//   SEED_CURATOR_E2E_KEEP=1       keep the temp dir (profiles, logs, workspace copy)
// Tests drive the workbench's own UI (clicks, keys, webview content) through test/suite/ui.ts:
// a marker line `[seed-curator:ui] {json}` in the extension host's console is carried out here with
// Playwright, and the answer written to $SEED_CURATOR_E2E_UI_DIR/<id>.json (a folder of the temp dir).
// The last line printed is always `vscode-suite: N passed, M failed`.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { formatWithOptions } from 'node:util';

const started = Date.now();
const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '../..');
const require = createRequire(join(projectRoot, 'package.json'));

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i !== -1 && process.argv[i + 1]) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : fallback;
}

const extensionPath = resolve(arg('extension', projectRoot));
const testsPath = resolve(arg('tests', join(extensionPath, 'dist/test/suite/index.js')));
const workspaceSource = resolve(arg('workspace', join(extensionPath, 'seeds')));
const timeoutSec = Number(arg('timeout', process.env.SEED_CURATOR_E2E_TIMEOUT || 300));
const e2eDir = resolve(process.env.SEED_CURATOR_E2E_DIR || join(projectRoot, '.e2e'));
const verbose = process.env.SEED_CURATOR_E2E_VERBOSE === '1';
const keep = process.env.SEED_CURATOR_E2E_KEEP === '1';
const untrusted = process.argv.includes('--untrusted');
const screenshotDir = process.env.SEED_CURATOR_SCREENSHOT_DIR
  ? resolve(projectRoot, process.env.SEED_CURATOR_SCREENSHOT_DIR)
  : undefined;
const chromiumPath = process.env.SEED_CURATOR_CHROMIUM || '/usr/bin/chromium';
const node24Bin = join(e2eDir, 'node24/node_modules/node/bin');
const codeServerEntry = join(e2eDir, 'code-server/node_modules/code-server/out/node/entry.js');

const log = (msg) => process.stderr.write(`[run.mjs +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}\n`);

// Counting: the suite's own summary line wins; spec reporter lines are the fallback.
let summary; // { passed, failed }
let specPassing = 0;
let specFailing = 0;
let finished = false;
let suiteStarted = false; // set when the suite's start marker arrives
const preSuite = []; // workbench console lines before it

function finish(code, reason) {
  if (finished) return;
  finished = true;
  if (!suiteStarted && !verbose && preSuite.length) {
    process.stderr.write(`--- workbench console before the suite started (last ${preSuite.length} lines) ---\n${preSuite.join('\n')}\n---\n`);
  }
  let { passed, failed } = summary ?? { passed: specPassing, failed: specFailing };
  if (reason) {
    console.log(`vscode-suite error: ${reason}`);
    if (code !== 0 && failed === 0) failed = 1; // the run itself failed; never report it as green
  } else if (code !== 0 && failed === 0) {
    failed = 1;
  }
  return cleanup().catch((e) => log(`cleanup: ${e}`)).then(() => {
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)}s, exit code ${code}`);
    console.log(`vscode-suite: ${passed} passed, ${failed} failed`);
    process.exit(code);
  });
}

function fail(reason) {
  return finish(1, reason);
}

for (const [what, path] of [
  ['Node 24 (run: bash test/e2e/install.sh)', join(node24Bin, 'node')],
  ['code-server (run: bash test/e2e/install.sh)', codeServerEntry],
  ['Chromium (run: bash test/e2e/install.sh, or set SEED_CURATOR_CHROMIUM)', chromiumPath],
  ['extension package.json', join(extensionPath, 'package.json')],
  ['compiled test entry (run: node esbuild.mjs)', testsPath],
  ['workspace folder', workspaceSource],
]) {
  if (!existsSync(path)) {
    console.log(`vscode-suite error: missing ${what}: ${path}`);
    console.log('vscode-suite: 0 passed, 1 failed');
    process.exit(1);
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'seed-curator-e2e-'));
const dirs = {
  userData: join(tmp, 'user-data'),
  extensions: join(tmp, 'extensions'),
  xdg: join(tmp, 'xdg'),
  chromium: join(tmp, 'chromium-profile'),
  workspace: join(tmp, 'workspace'), // opened as the folder; holds a copy of the seeds folder
  ui: join(tmp, 'ui'), // answers to the tests' UI requests (test/suite/ui.ts)
};
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
for (const x of ['config', 'data', 'cache', 'state']) mkdirSync(join(dirs.xdg, x), { recursive: true });
// The copy keeps the folder's name (seeds/), so the extension's default globs (**/seeds/**/*.txt,
// relative to the workspace folder) find the files as in a user's project.
cpSync(workspaceSource, join(dirs.workspace, basename(workspaceSource)), { recursive: true });
if (screenshotDir) mkdirSync(screenshotDir, { recursive: true });
// A quiet workbench: no welcome page, chat panel, gallery lookups or telemetry (screenshots show the editor).
mkdirSync(join(dirs.userData, 'User'), { recursive: true });
writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  // --untrusted: trust is on and never asked for at start, so the folder opens in restricted mode.
  'security.workspace.trust.enabled': untrusted,
  'security.workspace.trust.startupPrompt': 'never',
}, null, 2));

let server; // code-server child (process group leader)
let context; // playwright browser context

async function cleanup() {
  if (context) await Promise.race([context.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  if (server && server.exitCode === null && server.signalCode === null) {
    const gone = new Promise((r) => server.once('exit', r));
    try { process.kill(-server.pid, 'SIGTERM'); } catch {}
    const t = await Promise.race([gone.then(() => 'exited'), new Promise((r) => setTimeout(() => r('timeout'), 5000))]);
    if (t === 'timeout') try { process.kill(-server.pid, 'SIGKILL'); } catch {}
  }
  // The group may still hold children (file watcher) after the leader exited.
  if (server) try { process.kill(-server.pid, 'SIGKILL'); } catch {}
  if (!keep) rmSync(tmp, { recursive: true, force: true });
  else log(`kept ${tmp}`);
}

process.on('SIGINT', () => fail('interrupted (SIGINT)'));
process.on('SIGTERM', () => fail('terminated (SIGTERM)'));
process.on('SIGHUP', () => fail('hung up (SIGHUP)'));
process.on('uncaughtException', (e) => fail(`runner crashed: ${e?.stack || e}`));
process.on('unhandledRejection', (e) => fail(`runner crashed: ${e?.stack || e}`));
const overall = setTimeout(
  () => fail(`timed out after ${timeoutSec}s (no exit code from the extension host); rerun with SEED_CURATOR_E2E_VERBOSE=1`),
  timeoutSec * 1000,
);

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

const port = await freePort();
const env = {
  ...process.env,
  PATH: `${node24Bin}:${process.env.PATH}`,
  XDG_CONFIG_HOME: join(dirs.xdg, 'config'),
  XDG_DATA_HOME: join(dirs.xdg, 'data'),
  XDG_CACHE_HOME: join(dirs.xdg, 'cache'),
  XDG_STATE_HOME: join(dirs.xdg, 'state'),
  SEED_CURATOR_E2E: '1',
  SEED_CURATOR_E2E_UI_DIR: dirs.ui,
  ...(untrusted ? { SEED_CURATOR_E2E_UNTRUSTED: '1', SEED_CURATOR_SUITE_GREP: '^Workspace trust' } : {}),
  ...(screenshotDir ? { SEED_CURATOR_SCREENSHOT_DIR: screenshotDir } : {}),
};
delete env.VSCODE_IPC_HOOK_CLI; // never talk to an outer VS Code
const serverLog = createWriteStream(join(tmp, 'code-server.log'));
const serverArgs = [
  codeServerEntry,
  '--auth', 'none',
  '--bind-addr', `127.0.0.1:${port}`,
  '--disable-telemetry',
  '--disable-update-check',
  ...(untrusted ? [] : ['--disable-workspace-trust']),
  '--disable-getting-started-override',
  '--vscode-option', 'enable-smoke-test-driver',
  '--user-data-dir', dirs.userData,
  '--extensions-dir', dirs.extensions,
];
// detached: true makes the child call setsid(): its own session and process group, so the whole
// group (server, extension host, file watcher, language server) can be killed together.
server = spawn(join(node24Bin, 'node'), serverArgs, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'], cwd: tmp });
let serverTail = '';
for (const s of [server.stdout, server.stderr]) {
  s.on('data', (b) => {
    serverLog.write(b);
    serverTail = (serverTail + b).slice(-4000);
    if (verbose) process.stderr.write(`[code-server] ${b}`);
  });
}
server.on('exit', (code, signal) => {
  if (!finished) fail(`code-server exited early (code ${code}, signal ${signal}); its last output:\n${serverTail}`);
});
log(`code-server ${server.pid} on 127.0.0.1:${port}, temp dir ${tmp}`);

// Wait for /healthz (polling here is fine; the tests themselves never sleep).
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    const r = await fetch(`${base}/healthz`);
    if (r.ok) break;
  } catch {}
  if (i > 600) await fail(`code-server did not answer ${base}/healthz within 60s:\n${serverTail}`);
  if (finished) await new Promise(() => {});
  await new Promise((r) => setTimeout(r, 100));
}
log('code-server healthy');

const { chromium } = require('playwright-core');
context = await chromium.launchPersistentContext(dirs.chromium, {
  executablePath: chromiumPath,
  headless: true,
  // Our own handlers close the browser and kill the server group (Playwright's would just exit).
  handleSIGINT: false,
  handleSIGTERM: false,
  handleSIGHUP: false,
  env,
  viewport: { width: 1400, height: 900 },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
});
const page = context.pages()[0] ?? (await context.newPage());
page.on('crash', () => fail('the Chromium page crashed'));
context.on('close', () => { if (!finished) fail('Chromium closed unexpectedly'); });

const pendingShots = new Set();

// --- UI requests of the tests (test/suite/ui.ts) ---------------------------------------------------
const locate = (req) => {
  let loc = page.locator(req.selector);
  if (req.hasText) loc = loc.filter({ hasText: req.hasText });
  return loc.first();
};

/** Every frame's URL and the start of its text: what a failed webview lookup reports. */
async function describeFrames() {
  const out = [];
  for (const frame of page.frames()) {
    let text;
    try { text = await frame.evaluate(() => (document.body ? document.body.innerText : '<no body>')); } catch (e) { text = `<${String(e).split('\n')[0]}>`; }
    out.push(`${frame.url().slice(0, 160)} :: ${JSON.stringify(String(text).slice(0, 80))}`);
  }
  return out.join('\n  ');
}

/** Waits for the element; on a timeout says what the page had instead and keeps a screenshot. */
async function visible(req, timeout) {
  const loc = locate(req);
  try {
    await loc.waitFor({ state: 'visible', timeout });
    return loc;
  } catch (e) {
    const shot = join(dirs.ui, `failed-${req.id}.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    const count = await page.locator(req.selector).count().catch(() => -1);
    const toasts = await page.locator('.notifications-toasts').innerText({ timeout: 1000 }).catch(() => '');
    throw new Error(`${String(e?.message ?? e).split('\n')[0]}; ${count} elements match ${req.selector} without the text filter; notifications: ${JSON.stringify(toasts.slice(0, 300))}; screenshot ${shot}`);
  }
}

async function carryOut(req) {
  const timeout = Number(req.timeoutMs) || 20_000;
  switch (req.action) {
    case 'click': {
      const loc = await visible(req, timeout);
      await loc.click({ timeout });
      return '';
    }
    case 'text': {
      const loc = await visible(req, timeout);
      return loc.innerText({ timeout });
    }
    case 'gone':
      await locate(req).waitFor({ state: 'hidden', timeout });
      return '';
    case 'press':
      await page.keyboard.press(req.key);
      return '';
    case 'webviewText': {
      // A webview is an iframe (VS Code's host page) holding another iframe with the content; the
      // content document is swapped in when ready, so every frame is searched until one has the text.
      const asked = Date.now();
      const deadline = asked + timeout;
      for (let polls = 1; ; polls++) {
        for (const frame of page.frames()) {
          if (frame === page.mainFrame()) continue;
          let text = '';
          try { text = await frame.evaluate(() => (document.body ? document.body.innerText : '')); } catch { continue; }
          if (text.includes(req.text)) {
            log(`webview text ${JSON.stringify(req.text)} found after ${Date.now() - asked} ms (poll ${polls}) in ${frame.url().slice(0, 120)}`);
            return text;
          }
        }
        if (polls === 1) log(`webview text ${JSON.stringify(req.text)} not there yet; frames:\n  ${await describeFrames()}`);
        if (Date.now() > deadline) throw new Error(`no webview frame shows ${JSON.stringify(req.text)} within ${timeout} ms; frames:\n  ${await describeFrames()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    default:
      throw new Error(`unknown UI action ${req.action}`);
  }
}

let uiQueue = Promise.resolve();
function onUiRequest(json) {
  let req;
  try { req = JSON.parse(json); } catch (e) { log(`bad UI request ${json}: ${e}`); return; }
  const answer = (body) => {
    const file = join(dirs.ui, `${req.id}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(body));
    renameSync(`${file}.tmp`, file);
  };
  // One at a time, in the order the tests asked.
  uiQueue = uiQueue
    .then(() => carryOut(req))
    .then((value) => answer({ ok: true, value }), (e) => { log(`UI ${req.action} failed: ${e}`); answer({ ok: false, error: String(e?.message ?? e) }); });
}

let exitResolve;
const exited = new Promise((r) => (exitResolve = r));

function onSuiteLine(line) {
  const m = /^vscode-suite: (\d+) passed, (\d+) failed/.exec(line.trim());
  if (m) { summary = { passed: Number(m[1]), failed: Number(m[2]) }; return; }
  const p = /^\s*(\d+) passing\b/.exec(line);
  if (p) specPassing = Number(p[1]);
  const f = /^\s*(\d+) failing\b/.exec(line);
  if (f) specFailing = Number(f[1]);
  const uiReq = /^\[seed-curator:ui\] (\{.*\})$/.exec(line.trim());
  if (uiReq) { onUiRequest(uiReq[1]); return; }
  const shot = /^\[seed-curator:screenshot\] (.+\.png)$/.exec(line.trim());
  if (shot && screenshotDir) {
    const target = isAbsolute(shot[1]) ? shot[1] : join(screenshotDir, shot[1]);
    const partial = `${target}.partial.png`;
    const job = page.screenshot({ path: partial })
      .then(() => cpSync(partial, target))
      .then(() => rmSync(partial, { force: true }))
      .then(() => log(`screenshot ${target}`))
      .catch((e) => { log(`screenshot failed: ${e}`); writeFileSync(`${target}.failed`, String(e)); })
      .finally(() => pendingShots.delete(job));
    pendingShots.add(job);
  }
}

// VS Code's smoke-test driver hands the workbench's and the extension host's console to
// codeAutomationLog, and the test run's exit code to codeAutomationExit. The suite prints a start
// marker (test/suite/index.ts): before it, lines are the workbench's start-up chatter and only
// shown with SEED_CURATOR_E2E_VERBOSE=1 or when the run fails before the suite started.
const START_MARKER = '[seed-curator:suite] start';
const NOISE = /^\[(AgentHost|AgentHost:remote|ChatModelSelection|AccountPolicyGate)\]/;
await context.exposeFunction('codeAutomationLog', (type, args) => {
  if (process.env.SEED_CURATOR_E2E_RAW) process.stderr.write(`RAW ${type} ${JSON.stringify(args)}\n`);
  const text = formatWithOptions({ colors: false }, ...(Array.isArray(args) ? args : [args]));
  const isError = type === 'error' || type === 'warn';
  // Errors of the workbench itself (browser side) carry stack frames into its bundle.
  const fromWorkbench = /https?:\/\/127\.0\.0\.1:\d+\/stable-[0-9a-f]+\/static\//.test(text);
  for (const line of text.split('\n')) {
    if (line.trim() === START_MARKER) { suiteStarted = true; continue; }
    onSuiteLine(line);
    const trimmed = line.trim();
    if (/^\[seed-curator:(screenshot|ui)\]/.test(trimmed)) continue;
    if (/^vscode-suite: \d+ passed, \d+ failed/.test(trimmed)) continue; // printed last, by us
    if (!suiteStarted || fromWorkbench || NOISE.test(trimmed)) {
      if (verbose) process.stderr.write(`[workbench ${type}] ${line}\n`);
      else { preSuite.push(`[workbench ${type}] ${line}`); if (preSuite.length > 400) preSuite.shift(); }
      continue;
    }
    (isError ? process.stderr : process.stdout).write(`${line}\n`);
  }
});
await context.exposeFunction('codeAutomationExit', (code) => exitResolve(Number(code)));
if (verbose) {
  page.on('console', (m) => process.stderr.write(`[browser ${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => process.stderr.write(`[browser pageerror] ${e}\n`));
}

const authority = `127.0.0.1:${port}`;
const payload = [
  ['extensionDevelopmentPath', `vscode-remote://${authority}${extensionPath}`],
  ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
];
const url = `${base}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
log(`opening workbench: folder ${dirs.workspace}, extension ${extensionPath}, tests ${testsPath}`);
await page.goto(url, { waitUntil: 'domcontentloaded' });

const code = await exited;
log(`extension host reported exit code ${code}`);
await Promise.all([...pendingShots]);
await finish(code);
