// Language-server latency through the real protocol: spawns the built server
// (dist/server/server.js --stdio; run `node esbuild.mjs` first) and times, from the
// client's side, didOpen → publishDiagnostics, didChange → publishDiagnostics, hover
// and code action. The debounce is set to 0 through the `seedCurator.debounceMs`
// setting, so the figures are the server's work plus the protocol, no waiting.
//
// A document whose complete lint is slow gets two publications per edit: a provisional
// one first (line-local rules exact, the other rules' findings carried over from the last
// complete lint), then the complete one; the server's `seedCurator/analysed`
// notification says which. "first" times the first publication, "complete" the complete
// one. Hover is timed twice: sent at once after the first publication (it waits for any
// background lint step in progress) and after the complete one.
//
//   SAMPLES=20 SIZES_KB=10,100 TRANSPORT=stdio npm run bench:lsp      (defaults shown; or node-ipc)
//
// npm run bench:lsp bundles this file and runs it with plain Node: under tsx, the client's own
// loader added milliseconds to the tail of every round trip.
import { machineLine, percentile } from './util';
import { generateDocuments } from './generate';
import { LspSession, type PublishParams } from '../test/support/lsp-session';

const SIZES_KB = (process.env.SIZES_KB ?? '10,100').split(',').map(Number);
const SAMPLES = Number(process.env.SAMPLES ?? 20);

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/** Generated seed text of about `kb` KB: whole generated documents joined. */
function documentOf(kb: number, seed: number): string {
  return generateDocuments({ seed, totalBytes: kb * 1024 }).map((d) => d.text).join('\n\n');
}

/** The server's notification after each publication for an open document. */
interface Analysed { uri: string; version: number; complete: boolean }
const analysed: Array<Analysed & { at: bigint }> = [];
const waiters = new Set<() => void>();

/** When the complete analysis of a version was announced; an older server announces none, its one publication is complete. */
function completeAnalysis(uri: string, version: number, since: bigint, published: bigint): Promise<bigint> {
  if (analysed.length === 0) return Promise.resolve(published);
  const find = () => analysed.find((a) => a.uri === uri && a.version === version && a.complete && a.at >= since)?.at;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no complete analysis of ${uri} v${version}`)), 120_000);
    const check = () => {
      const at = find();
      if (at === undefined) return;
      clearTimeout(timer);
      waiters.delete(check);
      resolve(at);
    };
    waiters.add(check);
    check();
  });
}

async function measure(session: LspSession, kb: number) {
  const open: number[] = [];
  const openComplete: number[] = [];
  const change: number[] = [];
  const complete: number[] = [];
  const hoverBusy: number[] = [];
  const hover: number[] = [];
  const action: number[] = [];
  const floor: number[] = [];
  const text = documentOf(kb, 7);
  for (let i = 0; i < SAMPLES; i++) {
    const uri = `file:///bench/lsp-${kb}kb-${i}.txt`;
    // Each sample opens a document of its own (distinct text, so no cached analysis answers).
    const mine = `${text}\n样本${i}\n`;
    let since = session.published.length;
    let t0 = process.hrtime.bigint();
    session.open(uri, mine, 1);
    await session.nextPublication(uri, 1, since);
    const openedAt = process.hrtime.bigint();
    open.push(ms(t0));
    // A large document's first publication after opening holds the line rules' findings; the edit
    // below comes once the complete analysis is out, as when a person reads before typing.
    openComplete.push(Number((await completeAnalysis(uri, 1, t0, openedAt)) - t0) / 1e6);

    // An edit in the middle of the text: a new line, as typing Enter would make.
    const middle = mine.indexOf('\n', Math.floor(mine.length / 2));
    // Sent as an editor sends it: the inserted text at its position (the server syncs incrementally).
    const at = { line: mine.slice(0, middle).split('\n').length - 1, character: middle - (mine.lastIndexOf('\n', middle - 1) + 1) };
    since = session.published.length;
    t0 = process.hrtime.bigint();
    session.changeRange(uri, { start: at, end: at }, `\n编辑${i}`, 2);
    const published: PublishParams = await session.nextPublication(uri, 2, since);
    const firstAt = process.hrtime.bigint();
    change.push(ms(t0));
    const changed = t0;

    const diagnostic = published.diagnostics.find((d) => d.code !== 'script-variant') ?? published.diagnostics[0];
    if (diagnostic) {
      t0 = process.hrtime.bigint();
      await session.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: diagnostic.range.start });
      hoverBusy.push(ms(t0));
    }
    complete.push(Number((await completeAnalysis(uri, 2, changed, firstAt)) - changed) / 1e6);
    if (diagnostic) {
      t0 = process.hrtime.bigint();
      await session.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: diagnostic.range.start });
      hover.push(ms(t0));
      t0 = process.hrtime.bigint();
      await session.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [{ ...diagnostic, source: 'seed-curator' }], only: ['quickfix'] },
      });
      action.push(ms(t0));
      // The same round trip for a request the server answers without work (a hover on a
      // document it does not know): the floor the client, the pipe and the scheduler set.
      t0 = process.hrtime.bigint();
      await session.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///bench/unknown.txt' }, position: { line: 0, character: 0 } });
      floor.push(ms(t0));
    }
    session.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
  return { open, openComplete, change, complete, hoverBusy, hover, action, floor, bytes: Buffer.byteLength(text) };
}

async function main(): Promise<void> {
  console.log(machineLine());
  // TRANSPORT=node-ipc: the other transport the server offers (stdio by default, as the VS Code extension and other editors use).
  const transport = process.env.TRANSPORT === 'node-ipc' ? 'node-ipc' : 'stdio';
  const session = await LspSession.start({ settings: { debounceMs: 0 }, transport });
  session.conn.onNotification('seedCurator/analysed', (a: Analysed) => {
    analysed.push({ ...a, at: process.hrtime.bigint() });
    for (const check of [...waiters]) check();
  });
  try {
    // Warm-up: the first document pays for loading dictionaries and JIT.
    await measure(session, 10).catch(() => undefined);
    console.log(`\ntransport ${transport}; debounce 0 ms (seedCurator.debounceMs); ${SAMPLES} samples per size; times in ms from the client's side`);
    console.log('| size | didOpen→first diagnostics p50 / p99 | didOpen→complete p50 / p99 | didChange→first diagnostics p50 / p99 | didChange→complete p50 / p99 | hover at once p50 / p99 | hover after complete p50 / p99 | code action p50 / p99 | empty request (round-trip floor) p50 / p99 |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const kb of SIZES_KB) {
      const r = await measure(session, kb);
      const cell = (xs: number[]) => (xs.length ? `${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 99).toFixed(1)}` : 'n/a');
      console.log(`| ${(r.bytes / 1024).toFixed(0)} KB | ${cell(r.open)} | ${cell(r.openComplete)} | ${cell(r.change)} | ${cell(r.complete)} | ${cell(r.hoverBusy)} | ${cell(r.hover)} | ${cell(r.action)} | ${cell(r.floor)} |`);
    }
    console.log(`goals: didOpen and didChange p99 < 50 ms at 100 KB, hover p99 < 5 ms. (p99 of ${SAMPLES} samples is their maximum or close to it.)`);
  } finally {
    await session.stop();
  }
  console.log(`(after: ${machineLine()})`);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
