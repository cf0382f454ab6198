// Long lines that make a backtracking regular expression go exponential or quadratic,
// and a child-process entry that times each rule on them:
//
//   node -r tsx/cjs test/support/pathological.ts [--length N] <rule-id>:<line-name> ...
//
// (N code units a line, 1 MB by default; `npm test` uses 256 KB, `npm run test:slow` 1 MB)
// prints one JSON line `{ "rule", "line", "ms", "findings" }` per case as it finishes,
// so a parent can tell which case is stuck and kill it.
import { lintText } from '../../server/src/core/engine';

export const MEGABYTE = 1 << 20;

function repeatTo(unit: string, length = MEGABYTE): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** The repeated unit of each line; a line is a single line of `length` UTF-16 code units. */
const UNITS: Record<string, string> = {
  'one ASCII letter': 'a',
  'one Han character': '中',
  'one astral Han character (𠀀)': '𠀀',
  'alternating ( and pinyin': '(fā',
  'Han, ( and pinyin without )': '發(fā',
  'question marks': '?',
  'question mark and space': '? ',
  'ampersands': '&',
  'entity openings without ;': '&#x4e2',
};

export const PATHOLOGICAL_LINES: Record<string, (length?: number) => string> = Object.fromEntries(
  Object.entries(UNITS).map(([name, unit]) => [name, (length = MEGABYTE) => repeatTo(unit, length)]),
);

export interface Timing {
  rule: string;
  line: string;
  ms: number;
  findings: number;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  let length = MEGABYTE;
  if (args[0] === '--length') {
    length = Number(args[1]);
    args.splice(0, 2);
  }
  for (const arg of args) {
    const at = arg.indexOf(':');
    const rule = arg.slice(0, at);
    const line = arg.slice(at + 1);
    const text = PATHOLOGICAL_LINES[line](length);
    const t = performance.now();
    let error: unknown;
    const findings = lintText('file:///pathological.txt', text, { only: [rule], onRuleError: (_id, e) => (error = e) });
    const ms = performance.now() - t;
    if (error) throw error;
    process.stdout.write(JSON.stringify({ rule, line, ms, findings: findings.length } satisfies Timing) + '\n');
  }
}
