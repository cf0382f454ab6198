// 1 MB lines that make a backtracking regular expression go exponential or quadratic,
// and a child-process entry that times each rule on them:
//
//   node -r tsx/cjs test/support/pathological.ts <rule-id>:<line-name> ...
//
// prints one JSON line `{ "rule", "line", "ms", "findings" }` per case as it finishes,
// so a parent can tell which case is stuck and kill it.
import { lintText } from '../../server/src/core/engine';

export const MEGABYTE = 1 << 20;

function repeatTo(unit: string, length = MEGABYTE): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Each a single line of 2^20 UTF-16 code units. */
export const PATHOLOGICAL_LINES: Record<string, () => string> = {
  'one ASCII letter': () => repeatTo('a'),
  'one Han character': () => repeatTo('中'),
  'one astral Han character (𠀀)': () => repeatTo('𠀀'),
  'alternating ( and pinyin': () => repeatTo('(fā'),
  'Han, ( and pinyin without )': () => repeatTo('發(fā'),
  'question marks': () => repeatTo('?'),
  'question mark and space': () => repeatTo('? '),
  'ampersands': () => repeatTo('&'),
  'entity openings without ;': () => repeatTo('&#x4e2'),
};

export interface Timing {
  rule: string;
  line: string;
  ms: number;
  findings: number;
}

if (require.main === module) {
  for (const arg of process.argv.slice(2)) {
    const at = arg.indexOf(':');
    const rule = arg.slice(0, at);
    const line = arg.slice(at + 1);
    const text = PATHOLOGICAL_LINES[line]();
    const t = performance.now();
    let error: unknown;
    const findings = lintText('file:///pathological.txt', text, { only: [rule], onRuleError: (_id, e) => (error = e) });
    const ms = performance.now() - t;
    if (error) throw error;
    process.stdout.write(JSON.stringify({ rule, line, ms, findings: findings.length } satisfies Timing) + '\n');
  }
}
