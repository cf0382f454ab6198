// opencc-js against Debian's native `opencc` CLI on the same Traditional text, in
// one run: throughput of each and their ratio. Not a test: prints a table.
// Input: the Traditional seeds (001, 003) with encoding repairs applied, repeated to SIZE_MB.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixText } from '../server/src/core/engine';
import { REPAIRS_BEFORE_CONVERSION } from '../server/src/rules';
import { converter } from '../server/src/script/opencc';

const SIZE_MB = Number(process.env.SIZE_MB ?? 4);
const RUNS = Number(process.env.RUNS ?? 5);
const root = join(__dirname, '..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const base = ['001_f2b6781d392f61d3.txt', '003_19257488ec84b839.txt']
  .map((n) => fixText(n, readFileSync(join(root, 'seeds', n), 'utf8'), { only: [...REPAIRS_BEFORE_CONVERSION] }).text)
  .join('\n');
let text = base;
while (Buffer.byteLength(text) < SIZE_MB * 1024 * 1024) text += '\n' + base;
const bytes = Buffer.byteLength(text);
const dir = mkdtempSync(join(tmpdir(), 'seed-curator-bench-'));
const input = join(dir, 'input.txt');
writeFileSync(input, text);

const tw2s = converter('tw', 'cn');
tw2s('預熱'); // dictionary load is not part of throughput
const jsTimes: number[] = [];
let jsOut = '';
for (let i = 0; i < RUNS; i++) {
  const t0 = process.hrtime.bigint();
  jsOut = tw2s(text);
  jsTimes.push(Number(process.hrtime.bigint() - t0) / 1e9);
}

const hasNative = spawnSync('opencc', ['--version']).status === 0 || spawnSync('which', ['opencc']).status === 0;
const nativeTimes: number[] = [];
let agreement = 'n/a';
if (hasNative) {
  const output = join(dir, 'native.txt');
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    execFileSync('opencc', ['-c', 'tw2s.json', '-i', input, '-o', output]);
    nativeTimes.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const native = readFileSync(output, 'utf8');
  let same = 0;
  const n = Math.min(native.length, jsOut.length);
  for (let i = 0; i < n; i++) if (native[i] === jsOut[i]) same++;
  agreement = `${((100 * same) / Math.max(native.length, jsOut.length)).toFixed(3)}% identical characters`;
}

const mbps = (t: number) => bytes / 1024 / 1024 / t;
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
console.log(`input: ${(bytes / 1024 / 1024).toFixed(1)} MB of repaired Traditional seed text, tw2s, median of ${RUNS} runs`);
console.log('| converter | median s | MB/s |');
console.log('| --- | --- | --- |');
console.log(`| opencc-js (in process) | ${median(jsTimes).toFixed(3)} | ${mbps(median(jsTimes)).toFixed(1)} |`);
if (hasNative) {
  console.log(`| opencc CLI (Debian, incl. process start) | ${median(nativeTimes).toFixed(3)} | ${mbps(median(nativeTimes)).toFixed(1)} |`);
  console.log(`ratio opencc-js / native time: ${(median(jsTimes) / median(nativeTimes)).toFixed(2)}× (goal: within 2×); outputs: ${agreement}`);
} else {
  console.log('native opencc not found: install Debian\'s `opencc` package to compare (apt-get install opencc).');
}
