// `seed-curator fix`: fix-all on files. A dry-run diff by default; --stdout
// prints one fixed file; --write replaces files atomically (see write.ts).
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { fixText } from '../core/engine';
import { SEED_OPTIONS, stringOption, type Command } from './command';
import { encodeSeedText, encodingKnown } from './decode';
import { displayPath } from './files';
import { EXIT_OK, EXIT_PROBLEMS, plural, UsageError, type CliIo } from './io';
import { writeFileAtomically, WriteRefused } from './write';
import { loadConfig, loadWorkspace, reportLoadProblems, type LoadedFile } from './workspace';
import { POOL_MIN_FILES, progressBar, runInPool, workerCount, type PoolResult } from './pool';

function byRule(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([rule, n]) => `${rule} ${n}`)
    .join(', ');
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

export const fixCommand: Command = {
  name: 'fix',
  summary: 'apply fixes: print a diff (default), the fixed text, or write the files',
  usage: 'fix [paths…] [--unsafe] [--stdout | --write [--backup]] [--encoding enc] [--output-encoding enc] [--config file.json] [--jobs N]',
  details: `Applies the safe fixes (with --unsafe, also the guesses) of every rule, rule by
rule in the fix order, until nothing fixable remains. Default paths: seeds/.

  (no flag)        print a unified diff of what would change; change nothing
  --stdout         print the fixed text of the one file named
  --write          replace each changed file atomically: a temporary file in
                   the same folder, flushed, then renamed over the original;
                   the file's mode is kept. Read-only files, hard-linked files
                   and symlinks resolving outside the folders named (and the
                   current folder) are refused.
  --backup         with --write: keep the original as FILE.bak (FILE.bak.1, …
                   if that exists; a backup is never overwritten)
  --unsafe         also apply fixes that are guesses (never the manual,
                   whole-file ones such as "Remove all boilerplate")
  --encoding ENC   read the files in ENC (iconv-lite name: gbk, big5, gb18030…)
  --output-encoding ENC
                   encoding of what --write and --stdout produce. Default:
                   --write keeps each file's own encoding (a GBK file stays
                   GBK), --stdout prints UTF-8. A fix that needs a character
                   the encoding cannot hold is refused, never written as '?'.
  --config FILE    rule levels as for check; rules set to off are not applied
  --jobs N         worker threads (default: one per core from ${POOL_MIN_FILES} files on;
                   1: in this process). The result is the same either way.

A per-rule summary goes to stderr. Exit code: 1 when a file could not be read,
decoded or written, 0 otherwise, 2 for usage errors.`,
  options: {
    ...SEED_OPTIONS,
    unsafe: { type: 'boolean', default: false },
    stdout: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    backup: { type: 'boolean', default: false },
    'output-encoding': { type: 'string' },
    jobs: { type: 'string' },
  },

  async run({ values, positionals, io }) {
    const toStdout = values.stdout === true;
    const write = values.write === true;
    const backup = values.backup === true;
    const unsafe = values.unsafe === true;
    const outputEncoding = stringOption(values, 'output-encoding');
    if (toStdout && write) throw new UsageError('--stdout and --write exclude each other: print one fixed file, or write the files');
    if (backup && !write) throw new UsageError('--backup only makes sense with --write');
    if (outputEncoding !== undefined && !toStdout && !write) throw new UsageError('--output-encoding needs --stdout or --write');
    if (outputEncoding !== undefined && !encodingKnown(outputEncoding)) throw new UsageError(`unknown encoding '${outputEncoding}'`);
    const config = loadConfig(io, stringOption(values, 'config'));
    const workspace = await loadWorkspace(io, { paths: positionals, encoding: stringOption(values, 'encoding') });
    if (toStdout && workspace.files.length !== 1) {
      throw new UsageError(`--stdout prints one file, but ${plural(workspace.files.length, 'file')} matched; use --write or the diff for several`);
    }
    reportLoadProblems(io, workspace.files);

    let failed = workspace.files.some((f) => f.problem && f.problem.reason !== 'empty');
    const total: Record<string, number> = {};
    const failedRules = new Set<string>();
    let changedFiles = 0;
    let writtenFiles = 0;

    const reportRuleError = (path: string, ruleId: string, message: string) => {
      if (failedRules.has(ruleId)) return;
      failedRules.add(ruleId);
      io.stderr(`seed-curator: rule ${ruleId} failed on ${path} and was skipped: ${message}\n`);
    };
    // With many files, fix-all runs in worker threads first; the loop below reports and writes in file order.
    const fixable = workspace.files.filter((f) => f.decoded && f.bytes);
    const threads = toStdout ? 1 : workerCount(stringOption(values, 'jobs'), fixable.length);
    if (Number.isNaN(threads)) throw new UsageError('--jobs must be a whole number (0: one per core)');
    const pooled = new Map<string, PoolResult>();
    if (threads > 1) {
      const progress = io.stderrIsTTY ? progressBar(io.stderr, 'fixing') : undefined;
      const init = { config, docs: fixable.map((f) => ({ uri: f.uri, path: f.path, text: f.decoded!.text })) };
      const results = await runInPool('fix', init, threads, { unsafe, onProgress: progress?.update });
      progress?.end();
      fixable.forEach((f, i) => pooled.set(f.uri, results[i]));
    }

    for (const f of workspace.files) {
      if (!f.decoded || !f.bytes) continue;
      const fromPool = pooled.get(f.uri);
      if (fromPool) for (const e of fromPool.ruleErrors) reportRuleError(f.path, e.ruleId, e.message);
      const result =
        fromPool?.fix ??
        fixText(f.uri, f.decoded.text, {
          unsafe,
          config,
          corpus: workspace.corpus,
          onRuleError: (ruleId, error) => reportRuleError(f.path, ruleId, error instanceof Error ? error.message : String(error)),
        });
      if (!result.converged) io.stderr(`${f.path}: fixes did not settle after ${result.rounds} rounds; the output holds the last round\n`);
      const fixes = sum(result.fixedByRule);
      const changed = result.text !== f.decoded.text;
      for (const [rule, n] of Object.entries(result.fixedByRule)) total[rule] = (total[rule] ?? 0) + n;
      if (changed) {
        changedFiles++;
        io.stderr(`${f.path}: ${plural(fixes, 'fix', 'fixes')} (${byRule(result.fixedByRule)})\n`);
      }

      if (toStdout) {
        const encoded = encodeSeedText(result.text, outputEncoding ?? 'utf8');
        if (!encoded.ok) {
          io.stderr(`${f.path}: ${encoded.message}\n`);
          failed = true;
        } else {
          io.stdout(encoded.bytes);
        }
      } else if (write) {
        if (!changed) continue;
        if (await writeOne(f, result.text, outputEncoding, workspace.roots, backup, io)) writtenFiles++;
        else failed = true;
      } else if (changed) {
        io.stdout(createTwoFilesPatch(`a/${f.path}`, `b/${f.path}`, f.decoded.text, result.text, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY }));
      }
    }

    const fixes = sum(total);
    const detail = fixes ? ` (${byRule(total)})` : '';
    if (write && changedFiles === 0) {
      io.stderr('nothing to fix: no file written.\n');
    } else if (write) {
      io.stderr(`wrote ${plural(writtenFiles, 'file')} of ${changedFiles} with changes: ${plural(fixes, 'fix', 'fixes')}${detail}\n`);
    } else if (!toStdout) {
      io.stderr(
        changedFiles
          ? `${plural(changedFiles, 'file')} would change: ${plural(fixes, 'fix', 'fixes')}${detail}. Nothing written; pass --write to apply.\n`
          : 'nothing to fix.\n',
      );
    }
    return failed ? EXIT_PROBLEMS : EXIT_OK;
  },
};

export async function writeOne(
  f: LoadedFile,
  text: string,
  outputEncoding: string | undefined,
  roots: readonly string[],
  backup: boolean,
  io: CliIo,
): Promise<boolean> {
  const stderr = io.stderr;
  const decoded = f.decoded!;
  if (decoded.lossy) {
    stderr(`${f.path}: not written: some of its bytes did not decode as ${decoded.encoding}, and writing would replace them\n`);
    return false;
  }
  if (decoded.alsoValidUtf8) {
    // Fixes in a UTF-8 file read as GBK would be written as GBK bytes into UTF-8 text (or double-encoded).
    stderr(`${f.path}: not written: it is valid UTF-8 but was read as ${decoded.encoding}; drop --encoding to fix it as UTF-8\n`);
    return false;
  }
  const encoded = encodeSeedText(text, outputEncoding ?? decoded.encoding);
  if (!encoded.ok) {
    stderr(`${f.path}: not written: ${encoded.message}\n`);
    return false;
  }
  try {
    const result = await writeFileAtomically(f.absolute, encoded.bytes, { roots, expected: f.bytes!, backup });
    if (result.backupPath) stderr(`${f.path}: original kept as ${displayPath(io.cwd, result.backupPath)}\n`);
    return true;
  } catch (error) {
    const message =
      error instanceof WriteRefused ? error.message : `could not be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the original is unchanged`;
    stderr(`${f.path}: ${message}\n`);
    return false;
  }
}
