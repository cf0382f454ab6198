// Workspace scan through the real server: a generated tree of N seed files, the built
// server initialized on it, timed until the scan's progress ends and every file has
// its diagnostics; peak RSS of the server process from /proc (VmHWM). Then how time
// and memory grow from the smallest to the largest tree (linear: time ratio ≈ file ratio).
//
//   FILES=1000,10000 npx tsx bench/scan.ts       (default FILES=250,1000: minutes, not tens of them)
//   SCAN_THREADS=1 ...                            (the setting seedCurator.scanThreads; default 0: automatic)
//
// The table's digest is a SHA-256 of every file's last publication (the workspace folder's
// path taken out): a change made for speed must leave it as it was.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDocuments, totalBytes, writeDocuments } from './generate';
import { machineLine } from './util';
import { LspSession } from '../test/support/lsp-session';

const FILES = (process.env.FILES ?? '250,1000').split(',').map(Number);
const SCAN_THREADS = Number(process.env.SCAN_THREADS ?? 0);

/** User and system CPU seconds of a process so far, from /proc (NaN elsewhere): steadier than wall time on a shared machine. */
function cpuSeconds(pid: number | undefined): number {
  try {
    // The fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15, in ticks of 1/100 s.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function scan(files: number) {
  const dir = mkdtempSync(join(tmpdir(), 'seed-curator-scan-'));
  try {
    const docs = generateDocuments({ seed: 42, files, tree: true });
    writeDocuments(join(dir, 'seeds'), docs);
    const uris = docs.map((d) => pathToFileURL(join(dir, 'seeds', d.name)).href);
    const t0 = process.hrtime.bigint();
    const session = await LspSession.start({ workspace: dir, settings: { debounceMs: 0, scanThreads: SCAN_THREADS } });
    try {
      // Checked on every message: the count first, or the check of 10,000 uris per publication took the client seconds of the shared cores.
      const scanned = () => session.progressEnded.size > 0 && session.latest.size >= uris.length && uris.every((u) => session.latest.has(u));
      await session.until(() => (scanned() ? true : undefined), `scan of ${files} files`, 3_600_000);
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      const cpu = cpuSeconds(session.child.pid);
      // The people index is built at idle moments after the scan; a workspace symbol query
      // finishes whatever is left of it, so its answer marks the index complete.
      const people = (await session.conn.sendRequest('workspace/symbol', { query: '' })) as unknown[];
      const withPeople = Number(process.hrtime.bigint() - t0) / 1e9;
      const memory = session.memory();
      const diagnostics = uris.reduce((n, u) => n + session.latest.get(u)!.diagnostics.length, 0);
      const folder = pathToFileURL(dir).href;
      const digest = createHash('sha256');
      for (const u of [...uris].sort()) digest.update(JSON.stringify(session.latest.get(u)).replaceAll(folder, ''));
      return { files, bytes: totalBytes(docs), s, cpu, withPeople, people: people.length, peak: memory?.peak ?? NaN, diagnostics, digest: digest.digest('hex').slice(0, 16) };
    } finally {
      await session.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(machineLine());
  console.log(`seedCurator.scanThreads: ${SCAN_THREADS} (${SCAN_THREADS === 0 ? `automatic: ${cpus().length >= 4 ? `${cpus().length - 1} worker threads` : 'the server thread'}` : SCAN_THREADS === 1 ? 'the server thread' : `${SCAN_THREADS} worker threads`})`);
  const rows = [];
  console.log('| files | MB | scan s (incl. server start) | server CPU s | files/s | + people index s | peak RSS MB | diagnostics | people | digest |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const n of FILES) {
    const r = await scan(n);
    rows.push(r);
    console.log(`| ${r.files} | ${(r.bytes / 1048576).toFixed(1)} | ${r.s.toFixed(1)} | ${r.cpu.toFixed(1)} | ${(r.files / r.s).toFixed(0)} | ${r.withPeople.toFixed(1)} | ${(r.peak / 1048576).toFixed(0)} | ${r.diagnostics} | ${r.people} | ${r.digest} |`);
  }
  if (rows.length >= 2) {
    const a = rows[0];
    const b = rows[rows.length - 1];
    console.log(`growth ${a.files} → ${b.files} files (×${(b.files / a.files).toFixed(1)}): time ×${(b.s / a.s).toFixed(2)} (with people ×${(b.withPeople / a.withPeople).toFixed(2)}), peak RSS ×${(b.peak / a.peak).toFixed(2)} (linear time: ×${(b.files / a.files).toFixed(1)})`);
  }
  console.log('goal: 10,000 files in < 20 s and < 500 MB.');
  console.log(`(after: ${machineLine()})`);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
