// Fuzz run (issue 9): generated and mutated seed documents through lint and fix-all
// (safe and unsafe), counting crashes, hangs and broken invariants. Deterministic:
// document i is `fc.sample(anyDocument, { seed: SEED + i, numRuns: 1 })[0]`, so any
// failure it prints can be replayed with `--from i --count 1`.
//
//   npm run fuzz -- [--count 100000] [--seed 20260109] [--from 0] [--workers 2]
//                   [--budget-ms 2000] [--unsafe-every 4] [--idempotence-every 10]
//                   [--save-dir DIR]
//   npm run fuzz -- --input DIR/seed-S-doc-I.txt [--input …]   (re-time saved documents, per rule)
//
// Every document: lint (finding and fix invariants) and safe fix-all (converges, no
// lone surrogates made); every 4th also fix-all --unsafe, every 10th also fixes twice
// (idempotence). The property tests check all of it on every document of their slice.
//
// A document that takes more CPU time than the budget counts as a hang (CPU, not wall-clock
// time: on a shared machine a document can wait seconds for a core; the 79 "hangs" of a
// 100,000-document run at load 8-16 on two cores took 150-480 ms each alone). One over the
// budget in wall-clock time only is counted apart, as slow under load. A worker silent for
// 10 × the budget is killed, its document counted as a hang, and restarted after it.
//
// Every hang and crash is identified by seed and index, its input saved to
// DIR/seed-S-doc-I.txt (with a .json beside it: what happened, time, length, load
// average, flags), and listed in DIR/failures.json; the five slowest documents are saved
// too. After the run each hang is re-timed alone in a fresh process, so a hang caused
// by load on the machine tells itself from a slow rule. DIR defaults to
// $TMPDIR/seed-curator-fuzz.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import fc from 'fast-check';
import { lintText, fixText } from '../server/src/core/engine';
import { RULES } from '../server/src/rules';
import { mutatedSeed, seedDocument, SEED_TEXTS } from '../test/support/arbitraries';
import { checkDocument, REACH_ORDER, type Reach, type Violation } from '../test/support/invariants';

interface Options {
  count: number;
  seed: number;
  from: number;
  workers: number;
  budgetMs: number;
  idempotenceEvery: number;
  unsafeEvery: number;
  saveDir: string;
}

function parseArgs(argv: string[]): Options & { child: number | undefined; input: string[] } {
  const o = {
    count: 100_000, seed: 20260109, from: 0, workers: 2, budgetMs: 2000, idempotenceEvery: 10, unsafeEvery: 4,
    saveDir: path.join(os.tmpdir(), 'seed-curator-fuzz'), child: undefined as number | undefined, input: [] as string[],
  };
  for (let i = 0; i < argv.length; i++) {
    const value = Number(argv[i + 1]);
    switch (argv[i]) {
      case '--save-dir': o.saveDir = path.resolve(argv[i + 1]); i++; break;
      case '--input': o.input.push(argv[i + 1]); i++; break;
      case '--count': o.count = value; i++; break;
      case '--seed': o.seed = value; i++; break;
      case '--from': o.from = value; i++; break;
      case '--workers': o.workers = Math.max(1, value); i++; break;
      case '--budget-ms': o.budgetMs = value; i++; break;
      case '--idempotence-every': o.idempotenceEvery = Math.max(1, value); i++; break;
      case '--unsafe-every': o.unsafeEvery = Math.max(1, value); i++; break;
      case '--child': o.child = value; i++; break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return o;
}

// Mostly short generated documents; one in ten a whole seed file with mutated lines
// (five times dearer to check, but the only shape that exercises the article analysis).
const fuzzArbitrary = fc.oneof({ weight: 9, arbitrary: seedDocument }, { weight: 1, arbitrary: mutatedSeed });

export function fuzzDocument(seed: number, index: number): string {
  return fc.sample(fuzzArbitrary, { seed: seed + index, numRuns: 1 })[0];
}

type FromChild =
  | { type: 'start'; index: number }
  | { type: 'done'; index: number; ms: number; cpuMs: number; length: number; violations: Violation[]; crash?: string }
  | { type: 'reach'; reach: [string, Reach][] }
  | { type: 'finished' };

/** Warm up (dictionaries, codec tables, the JIT) so the first documents are not taken for hangs. */
function warmUp(): void {
  for (const text of SEED_TEXTS) {
    lintText('file:///warm-up.txt', text);
    fixText('file:///warm-up.txt', text, { unsafe: true });
  }
  checkDocument(SEED_TEXTS[0], { unsafe: true, idempotence: true });
}

/** Worker: documents first, first + step, first + 2·step… below `end`. */
function runChild(o: Options, first: number, step: number, end: number): void {
  const send = (m: FromChild) => process.send!(m);
  const reach = new Map<string, Reach>();
  warmUp();
  for (let index = first; index < end; index += step) {
    send({ type: 'start', index });
    const text = fuzzDocument(o.seed, index);
    const t = performance.now();
    const cpu = process.cpuUsage();
    let violations: Violation[] = [];
    let crash: string | undefined;
    try {
      violations = checkDocument(text, { unsafe: index % o.unsafeEvery === 0, idempotence: index % o.idempotenceEvery === 0, reach });
    } catch (error) {
      crash = error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 4).join(' | ') : String(error);
    }
    const used = process.cpuUsage(cpu);
    send({ type: 'done', index, ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, length: text.length, violations, crash });
  }
  send({ type: 'reach', reach: [...reach] });
  send({ type: 'finished' });
}

interface Failure {
  index: number;
  what: string;
}

/** A hang or crash, identified for replay. */
interface Incident {
  kind: 'hang' | 'crash';
  seed: number;
  index: number;
  what: string;
  /** Time the document took in its worker (for a killed worker: the time it was silent). */
  ms: number;
  length: number;
  /** 1-minute load average when it happened: a hang under load may be the machine, not the rule. */
  load: number;
  unsafe: boolean;
  idempotence: boolean;
  file: string;
  /** Time it takes alone in a fresh process after the run (undefined: not re-timed; Infinity: still over 10 × budget). */
  aloneMs?: number;
}

const fileBase = (seed: number, index: number) => `seed-${seed}-doc-${index}`;

/** Saves document `index`'s text (regenerated: generation is deterministic) and what happened to it. */
function saveDocument(o: Options, index: number, info: Record<string, unknown>): string {
  mkdirSync(o.saveDir, { recursive: true });
  const file = path.join(o.saveDir, `${fileBase(o.seed, index)}.txt`);
  writeFileSync(file, fuzzDocument(o.seed, index));
  writeFileSync(file.replace(/\.txt$/, '.json'), JSON.stringify({ seed: o.seed, index, ...info }, null, 2) + '\n');
  return file;
}

/** Checks saved documents in this process, as the worker did, then times each rule's lint on them; one JSON line each. */
function runInput(files: string[]): void {
  // The worker's warm-up, so the time compares with the one the worker measured.
  warmUp();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    let flags = { unsafe: true, idempotence: true };
    try {
      const info = JSON.parse(readFileSync(file.replace(/\.txt$/, '.json'), 'utf8'));
      flags = { unsafe: info.unsafe !== false, idempotence: info.idempotence !== false };
    } catch {
      // No sidecar: check with every option.
    }
    const t = performance.now();
    const violations = checkDocument(text, flags);
    const ms = performance.now() - t;
    const perRule = RULES.map((rule) => {
      const s = performance.now();
      lintText('file:///fuzz.txt', text, { only: [rule.id] });
      return { rule: rule.id, ms: performance.now() - s };
    }).sort((x, y) => y.ms - x.ms);
    const fixStart = performance.now();
    fixText('file:///fuzz.txt', text, { unsafe: flags.unsafe });
    const fixMs = performance.now() - fixStart;
    console.log(JSON.stringify({ file, length: text.length, lines: text.split(/\r\n|\r|\n/).length, ms, fixMs, violations, slowestRules: perRule.slice(0, 5) }));
  }
}

/**
 * Re-times saved documents in one fresh process (one warm-up), each given `limitMs` after the
 * previous answer; one that overruns is Infinity, and the rest go on in a new process.
 */
async function timeAlone(files: string[], limitMs: number): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  let queue = files;
  while (queue.length) {
    const batch = queue;
    await new Promise<void>((resolve) => {
      const child = fork(__filename, batch.flatMap((f) => ['--input', f]), { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
      let buffer = '';
      // The first limit also covers start-up and warm-up.
      let timer = setTimeout(() => child.kill('SIGKILL'), limitMs + 60_000);
      child.stdout!.on('data', (d) => {
        buffer += String(d);
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          try {
            const r = JSON.parse(line);
            times.set(r.file, r.ms);
            clearTimeout(timer);
            timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
          } catch {
            // not a result line
          }
        }
      });
      child.on('exit', () => {
        clearTimeout(timer);
        const left = batch.filter((f) => !times.has(f));
        if (left.length) times.set(left[0], Infinity);
        queue = left.slice(1);
        resolve();
      });
    });
  }
  return times;
}

async function runParent(o: Options): Promise<number> {
  const end = o.from + o.count;
  const started = performance.now();
  let done = 0;
  let crashes = 0;
  let hangs = 0;
  let totalMs = 0;
  let totalChars = 0;
  let slowest = { ms: 0, index: -1, length: 0 };
  const violationCounts = new Map<string, number>();
  const failures: Failure[] = [];
  const reach = new Map<string, Reach>();
  const incidents: Incident[] = [];
  /** Over the budget in wall-clock time but not in CPU time: waited for a core. */
  const slowUnderLoad: { index: number; ms: number; cpuMs: number }[] = [];
  /** The slowest documents, slowest first. */
  const slowestFive: { index: number; ms: number; length: number }[] = [];
  const incident = (kind: Incident['kind'], index: number, what: string, ms: number, length: number) => {
    const flags = { unsafe: index % o.unsafeEvery === 0, idempotence: index % o.idempotenceEvery === 0 };
    const load = os.loadavg()[0];
    const file = saveDocument(o, index, { kind, what, ms: Math.round(ms), length, load, ...flags });
    incidents.push({ kind, seed: o.seed, index, what, ms, length, load, ...flags, file });
    process.stderr.write(`  #${index}: ${kind} saved to ${file} (load ${load.toFixed(1)})\n`);
  };
  const note = (f: Failure) => {
    if (failures.length < 20) failures.push(f);
    // Also at once, so a run stopped early still tells what it found.
    if (failures.length < 20 || !f.what.startsWith('fix edits outside')) process.stderr.write(`  #${f.index}: ${f.what.slice(0, 400)}\n`);
  };

  const runWorker = (first: number, step: number): Promise<void> =>
    new Promise((resolve) => {
      const child: ChildProcess = fork(__filename, ['--child', String(first), '--seed', String(o.seed), '--from', String(o.from), '--count', String(o.count), '--workers', String(step), '--budget-ms', String(o.budgetMs), '--idempotence-every', String(o.idempotenceEvery), '--unsafe-every', String(o.unsafeEvery)]);
      let current = -1;
      let since = performance.now();
      let finished = false;
      const watchdog = setInterval(() => {
        if (current >= 0 && performance.now() - since > 10 * o.budgetMs) {
          hangs++;
          const silent = performance.now() - since;
          note({ index: current, what: `hang: no answer after ${Math.round(silent)} ms (worker killed)` });
          incident('hang', current, 'worker silent, killed', silent, fuzzDocument(o.seed, current).length);
          const next = current + step;
          current = -1;
          clearInterval(watchdog);
          child.kill('SIGKILL');
          if (next < end) runWorker(next, step).then(resolve);
          else resolve();
        }
      }, 250);
      child.on('message', (m: FromChild) => {
        if (m.type === 'start') {
          current = m.index;
          since = performance.now();
        } else if (m.type === 'done') {
          current = -1;
          done++;
          totalMs += m.ms;
          totalChars += m.length;
          if (m.ms > slowest.ms) slowest = { ms: m.ms, index: m.index, length: m.length };
          if (slowestFive.length < 5 || m.ms > slowestFive[slowestFive.length - 1].ms) {
            slowestFive.push({ index: m.index, ms: m.ms, length: m.length });
            slowestFive.sort((a, b) => b.ms - a.ms);
            slowestFive.length = Math.min(5, slowestFive.length);
          }
          if (m.cpuMs > o.budgetMs) {
            hangs++;
            note({ index: m.index, what: `hang: ${Math.round(m.cpuMs)} ms of CPU > budget ${o.budgetMs} ms (${Math.round(m.ms)} ms wall, ${m.length} chars)` });
            incident('hang', m.index, `${Math.round(m.cpuMs)} ms of CPU > budget ${o.budgetMs} ms (${Math.round(m.ms)} ms wall)`, m.cpuMs, m.length);
          } else if (m.ms > o.budgetMs) {
            slowUnderLoad.push({ index: m.index, ms: m.ms, cpuMs: m.cpuMs });
          }
          if (m.crash) {
            crashes++;
            note({ index: m.index, what: `crash: ${m.crash}` });
            incident('crash', m.index, m.crash, m.ms, m.length);
          }
          for (const v of m.violations) {
            if (v.kind === 'rule threw') {
              crashes++;
              incident('crash', m.index, `rule ${v.ruleId} threw: ${v.detail}`, m.ms, m.length);
            }
            const key = `${v.kind}${v.ruleId ? ` (${v.ruleId})` : ''}`;
            violationCounts.set(key, (violationCounts.get(key) ?? 0) + 1);
            note({ index: m.index, what: `${key}: ${v.detail}` });
          }
          if (done % 5_000 === 0) {
            const v = [...violationCounts.values()].reduce((a, b) => a + b, 0);
            process.stderr.write(`  ${done} documents, ${Math.round((performance.now() - started) / 1000)} s: ${crashes} crashes, ${hangs} hangs, ${v} violations\n`);
          }
        } else if (m.type === 'reach') {
          for (const [id, r] of m.reach) if (!reach.has(id) || REACH_ORDER.indexOf(r) > REACH_ORDER.indexOf(reach.get(id)!)) reach.set(id, r);
        } else if (m.type === 'finished') {
          finished = true;
        }
      });
      child.on('exit', (code) => {
        clearInterval(watchdog);
        if (!finished && current >= 0) {
          crashes++;
          note({ index: current, what: `crash: worker exited with code ${code}` });
          incident('crash', current, `worker exited with code ${code}`, performance.now() - since, fuzzDocument(o.seed, current).length);
          const next = current + step;
          current = -1;
          if (next < end) return void runWorker(next, step).then(resolve);
        }
        resolve();
      });
    });

  // Stopped early (Ctrl-C): the summary of what was checked so far.
  const stopped = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()).once('SIGTERM', () => resolve()));
  await Promise.race([Promise.all(Array.from({ length: Math.min(o.workers, o.count) }, (_, w) => runWorker(o.from + w, o.workers))), stopped]);

  const wall = (performance.now() - started) / 1000;
  // Each hang again, alone and after the run: still slow means a slow rule, fast means the load.
  const hangFiles = incidents.filter((h) => h.kind === 'hang').map((h) => h.file);
  const aloneTimes = hangFiles.length ? await timeAlone([...new Set(hangFiles)], 10 * o.budgetMs) : new Map<string, number>();
  for (const h of incidents) if (h.kind === 'hang') h.aloneMs = aloneTimes.get(h.file);
  const slowSaved = slowestFive.map((s) => ({ ...s, file: saveDocument(o, s.index, { kind: 'slow', ms: Math.round(s.ms), length: s.length, unsafe: s.index % o.unsafeEvery === 0, idempotence: s.index % o.idempotenceEvery === 0 }) }));
  mkdirSync(o.saveDir, { recursive: true });
  writeFileSync(path.join(o.saveDir, 'failures.json'), JSON.stringify({ seed: o.seed, from: o.from, count: o.count, done, incidents, slowest: slowSaved }, null, 2) + '\n');
  const violations = [...violationCounts.values()].reduce((a, b) => a + b, 0);
  console.log(`Fuzz: seed ${o.seed}, documents ${o.from}–${end - 1}, ${o.workers} worker(s), budget ${o.budgetMs} ms of CPU a document, unsafe every ${o.unsafeEvery}, idempotence every ${o.idempotenceEvery}`);
  if (done < o.count) console.log(`  STOPPED EARLY after ${done} of ${o.count} documents`);
  console.log(`  documents checked   ${done} (${(totalChars / Math.max(1, done)).toFixed(0)} chars on average)`);
  console.log(`  crashes             ${crashes}`);
  console.log(`  hangs               ${hangs} (over ${o.budgetMs} ms of CPU)`);
  const worstWait = slowUnderLoad.sort((a, b) => b.ms - a.ms)[0];
  console.log(`  slow under load     ${slowUnderLoad.length} (over ${o.budgetMs} ms wall-clock, within it in CPU${worstWait ? `; worst #${worstWait.index}: ${Math.round(worstWait.ms)} ms wall, ${Math.round(worstWait.cpuMs)} ms CPU` : ''})`);
  console.log(`  other violations    ${violations - [...violationCounts].filter(([k]) => k.startsWith('rule threw')).reduce((a, [, n]) => a + n, 0)}`);
  for (const [k, n] of [...violationCounts].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(7)}  ${k}`);
  console.log(`  time                ${wall.toFixed(1)} s wall, ${(totalMs / Math.max(1, done)).toFixed(2)} ms a document, slowest ${slowest.ms.toFixed(0)} ms (document ${slowest.index}, ${slowest.length} chars)`);
  console.log(`  fix reach per rule  ${[...reach].sort().map(([id, r]) => `${id}: ${r}`).join('; ') || '(no fixes seen)'}`);
  console.log(`  slowest documents   ${slowSaved.map((s) => `#${s.index} ${s.ms.toFixed(0)} ms (${s.length} chars)`).join(', ')}`);
  const hangsAlone = incidents.filter((h) => h.kind === 'hang');
  if (hangsAlone.length) {
    const still = hangsAlone.filter((h) => h.aloneMs === undefined || h.aloneMs > o.budgetMs).length;
    console.log(`  hangs re-timed alone ${still} of ${hangsAlone.length} still over the budget (the rest: load on the machine)`);
  }
  for (const h of incidents) {
    const alone = h.aloneMs === undefined ? '' : h.aloneMs === Infinity ? `, alone still over ${(10 * o.budgetMs) / 1000} s` : `, alone ${h.aloneMs.toFixed(0)} ms`;
    console.log(`  ${h.kind.padEnd(5)} #${h.index}: ${h.what.slice(0, 200)} (${h.length} chars, load ${h.load.toFixed(1)}${alone}) → ${h.file}`);
  }
  if (failures.length) {
    console.log('  first failures (replay: npm run fuzz -- --from <index> --count 1, or --input <saved file>):');
    for (const f of failures) console.log(`    #${f.index}: ${f.what}`);
  }
  console.log(`  saved               ${path.join(o.saveDir, 'failures.json')}`);
  return crashes + hangs + violations === 0 && done === o.count ? 0 : 1;
}

const options = parseArgs(process.argv.slice(2));
if (options.input.length) {
  runInput(options.input);
} else if (options.child !== undefined) {
  runChild(options, options.child, options.workers, options.from + options.count);
} else {
  runParent(options).then((code) => process.exit(code));
}
