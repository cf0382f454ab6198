// Encoding repair against ftfy's `fix_text` on the same English/Latin text, in one run
// (issue 8: goal ≥ 10× its throughput). Not a test: prints a table.
//
// ftfy is run from a source checkout with Python when one is found: FTFY_SRC=<checkout>
// (the folder that holds the `ftfy` package), or an installed `ftfy` module. It needs
// `wcwidth` (Debian: apt-get install python3-wcwidth). Without ftfy the bench says so and
// measures our side only.
//
// Input: documents of English text (the English seed and the clean side of ftfy's public
// cases, see test/conformance/README.md) in which a fixed share of lines were damaged the way
// ftfy's cases are (UTF-8 read as Windows-1252, also twice over), plus the damaged
// originals of those cases. Same documents, same order, on both sides; only the repair is
// timed (Python's start-up and the file I/O are not). Our side is reported twice: the median
// of the first RUNS runs of a fresh process (the measure; V8 is still compiling the hot
// code then, see bench/RESULTS.md) and of the WARM_RUNS after them; ftfy's runs are the same in both.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixText } from '../server/src/core/engine';
import { makeDocuments } from './ftfy-documents';
import { machineLine, median, wallAndCpu } from './util';

const SIZE_MB = Number(process.env.SIZE_MB ?? 1);
const RUNS = Number(process.env.RUNS ?? 5);
/** Runs after the first RUNS, reported apart: by then V8 has compiled the hot code (Python has no such warm-up). */
const WARM_RUNS = Number(process.env.WARM_RUNS ?? 10);

const PY = `
import json, sys, time
src = sys.argv[1]
if src:
    sys.path.insert(0, src)
import ftfy
docs = json.load(open(sys.argv[2], encoding='utf-8'))
runs = int(sys.argv[3])
ftfy.fix_text(docs[0])
# fix_text with every step but the encoding repair turned off: the part that does what our rule does.
only_encoding = ftfy.TextFixerConfig(unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
    fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=False,
    remove_control_chars=False, normalization=None, explain=False)
times = {'fix_text': [], 'fix_encoding': []}
cpu = {'fix_text': [], 'fix_encoding': []}
out = None
for _ in range(runs):
    t0 = time.perf_counter(); c0 = time.process_time(); [ftfy.fix_text(d) for d in docs]
    times['fix_text'].append(time.perf_counter() - t0); cpu['fix_text'].append(time.process_time() - c0)
    t0 = time.perf_counter(); c0 = time.process_time(); out = [ftfy.fix_text(d, only_encoding) for d in docs]
    times['fix_encoding'].append(time.perf_counter() - t0); cpu['fix_encoding'].append(time.process_time() - c0)
json.dump({'version': ftfy.__version__, 'times': times, 'cpu': cpu, 'out': out}, open(sys.argv[4], 'w', encoding='utf-8'))
`;

function findPython(): string | undefined {
  const src = process.env.FTFY_SRC ?? '';
  for (const py of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(py, ['-c', `import sys; sys.path.insert(0, ${JSON.stringify(src)}) if ${JSON.stringify(src)} else None; import ftfy`]);
    if (probe.status === 0) return py;
  }
  return undefined;
}

console.log(machineLine());
const python = findPython();
for (const kind of ['news', 'cases'] as const) {
  const docs = makeDocuments(kind, SIZE_MB);
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d) + 1, 0);
  const mb = bytes / 1024 / 1024;
  const repair = (d: string) => fixText('bench.txt', d, { only: ['mojibake-latin'], unsafe: true }).text;

  repair(docs[0]);
  const ours: number[] = [];
  // CPU time of the whole process (the compiler and GC threads included), as Python's
  // process_time counts ftfy's: on a shared machine it varies much less than the wall time.
  const oursCpu: number[] = [];
  let ourOut: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { wall, cpu } = wallAndCpu(() => (ourOut = docs.map(repair)));
    ours.push(wall);
    oursCpu.push(cpu);
  }
  const warm: number[] = [];
  const warmCpu: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const { wall, cpu } = wallAndCpu(() => docs.map(repair));
    warm.push(wall);
    warmCpu.push(cpu);
  }

  console.log(`\ninput \`${kind}\`: ${docs.length} English/Latin documents, ${mb.toFixed(2)} MB (seed 7), median of ${RUNS} runs`);
  console.log('| repair | median s | MB/s | median CPU s | MB per CPU s |');
  console.log('| --- | --- | --- | --- | --- |');
  const row = (name: string, t: number, cpu: number) =>
    console.log(`| ${name} | ${t.toFixed(3)} | ${(mb / t).toFixed(2)} | ${cpu.toFixed(3)} | ${(mb / cpu).toFixed(2)} |`);
  row('Seed Curator `mojibake-latin` (fixText, unsafe fixes too)', median(ours), median(oursCpu));
  if (WARM_RUNS > 0) row(`the same, median of the next ${WARM_RUNS} runs (V8 warmed up)`, median(warm), median(warmCpu));

  if (!python) {
    console.log(
      'ftfy not found: set FTFY_SRC to a source checkout of ftfy (the folder holding the ftfy package) and install wcwidth (apt-get install python3-wcwidth) to compare.',
    );
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'seed-curator-ftfy-'));
    writeFileSync(join(dir, 'bench.py'), PY);
    writeFileSync(join(dir, 'docs.json'), JSON.stringify(docs));
    execFileSync(python, [join(dir, 'bench.py'), process.env.FTFY_SRC ?? '', join(dir, 'docs.json'), String(RUNS), join(dir, 'out.json')], {
      stdio: 'inherit',
    });
    const result = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as {
      version: string;
      times: { fix_text: number[]; fix_encoding: number[] };
      cpu: { fix_text: number[]; fix_encoding: number[] };
      out: string[];
    };
    const fixTextTime = median(result.times.fix_text);
    const fixEncodingTime = median(result.times.fix_encoding);
    const pythonVersion = spawnSync(python, ['--version']).stdout.toString().trim().split(' ')[1];
    row(`ftfy ${result.version} \`fix_text\` (Python ${pythonVersion})`, fixTextTime, median(result.cpu.fix_text));
    row(`ftfy ${result.version} \`fix_text\`, encoding step only`, fixEncodingTime, median(result.cpu.fix_encoding));
    // Agreement is counted against fix_text with only its encoding step on (by default it also
    // straightens quotes, narrows full-width forms, decodes entities and normalises to NFC).
    const same = ourOut.filter((d, i) => d === result.out[i]).length;
    console.log(
      `throughput ratio (ours / ftfy fix_text): ${(fixTextTime / median(ours)).toFixed(1)}× (goal ≥ 10×), ` +
        `by CPU time ${(median(result.cpu.fix_text) / median(oursCpu)).toFixed(1)}×; ` +
        `ours / encoding step only: ${(fixEncodingTime / median(ours)).toFixed(1)}×; ` +
        `documents identical to ftfy's encoding step: ${same}/${docs.length}`,
    );
    if (WARM_RUNS > 0) {
      console.log(
        `after warm-up (our runs ${RUNS + 1}–${RUNS + WARM_RUNS} against the same ftfy runs): ${(fixTextTime / median(warm)).toFixed(1)}× wall, ` +
          `${(median(result.cpu.fix_text) / median(warmCpu)).toFixed(1)}× by CPU time`,
      );
    }
  }
}
