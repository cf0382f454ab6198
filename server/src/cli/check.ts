// `seed-curator check`: lint seed files and report, as text or as the JSON contract.
import { SeedDocument } from '../core/document';
import { lint } from '../core/engine';
import type { Severity } from '../core/types';
import { SEED_OPTIONS, stringOption, type Command } from './command';
import { EXIT_OK, EXIT_PROBLEMS, OUTPUT_PIECE, UsageError, writeJsonWithDiagnostics, type CliIo } from './io';
import { JSON_FORMAT_VERSION, textLine, summaryLine, toJsonDiagnostic, type DocumentLookup, type JsonFile, type JsonReport } from './report';
import { loadConfig, loadWorkspace, reportLoadProblems } from './workspace';
import { POOL_MIN_FILES, progressBar, runInPool, workerCount, type PoolResult } from './pool';

const FORMATS = ['text', 'json'] as const;

/** Exactly JSON.stringify(report) and a line break, file by file, each file's diagnostics in pieces. */
function writeJsonReport(io: CliIo, report: JsonReport): void {
  io.stdout(`{"version":${JSON.stringify(report.version)},"files":[`);
  report.files.forEach((file, i) => {
    if (i > 0) io.stdout(',');
    writeJsonWithDiagnostics(io, file);
  });
  io.stdout(']}\n');
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'report problems in seed files',
  usage: 'check [paths or globs…] [--format text|json] [--config file.json] [--encoding enc] [--jobs N]',
  details: `Checks the files named (default: seeds/). A folder stands for its *.txt files,
recursively; globs such as 'seeds/**/00*.txt' work (quote them).

  --format text   one line per problem, path:line:col: severity rule message
                  (1-based line and column; columns count UTF-16 units, as
                  VS Code does), then a summary line (default)
  --format json   exactly one JSON object on stdout:
                  {"version":1,"files":[{"path","diagnostics":[{"rule","category",
                  "severity","message","range","fixes":[{"title","safe","edits":
                  [{"range","newText"}]}]}]}]}, ranges with LSP conventions
                  (0-based lines, UTF-16 characters). A file that could not be
                  checked has "skipped": {"reason","message"} and no diagnostics.
  --config FILE   JSON {"rules": {"<rule-id>": "off|error|warning|information|hint"},
                  "options": {…}}
  --encoding ENC  read the files in ENC (an iconv-lite name: gbk, big5, gb18030…)
                  instead of UTF-8
  --jobs N        worker threads (default: one per core from ${POOL_MIN_FILES} files on;
                  1: in this process). The output is the same either way.

Exit code: 1 when a problem has severity error or a file could not be checked
(binary, not UTF-8, unreadable), 0 otherwise, 2 for usage errors.`,
  options: { ...SEED_OPTIONS, format: { type: 'string', default: 'text' }, jobs: { type: 'string' } },

  async run({ values, positionals, io }) {
    const format = stringOption(values, 'format') ?? 'text';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be text or json, not '${format}'`);
    const config = loadConfig(io, stringOption(values, 'config'));
    const workspace = await loadWorkspace(io, { paths: positionals, encoding: stringOption(values, 'encoding') });
    reportLoadProblems(io, workspace.files);

    const docs = new Map<string, { path: string; doc: SeedDocument }>();
    for (const f of workspace.files) if (f.decoded) docs.set(f.uri, { path: f.path, doc: new SeedDocument(f.uri, f.decoded.text) });
    const lookup: DocumentLookup = (uri) => docs.get(uri);
    const failedRules = new Set<string>();
    const reportRuleError = (path: string, ruleId: string, message: string) => {
      if (failedRules.has(ruleId)) return;
      failedRules.add(ruleId);
      io.stderr(`seed-curator: rule ${ruleId} failed on ${path} and was skipped: ${message}\n`);
    };
    const checked = workspace.files.filter((f) => docs.has(f.uri));
    const threads = workerCount(stringOption(values, 'jobs'), checked.length);
    if (Number.isNaN(threads)) throw new UsageError('--jobs must be a whole number (0: one per core)');
    const progress = io.stderrIsTTY ? progressBar(io.stderr, 'checking') : undefined;
    // With workers, every file's diagnostics first, in file order; the loop below then reports as in process.
    const pooled = new Map<string, PoolResult>();
    if (threads > 1) {
      const init = { config, docs: checked.map((f) => ({ uri: f.uri, path: f.path, text: f.decoded!.text })) };
      const results = await runInPool('check', init, threads, { onProgress: progress?.update });
      checked.forEach((f, i) => pooled.set(f.uri, results[i]));
    }

    const report: JsonReport = { version: JSON_FORMAT_VERSION, files: [] };
    let worst: Severity | undefined;
    for (const f of workspace.files) {
      const entry: JsonFile = { path: f.path, diagnostics: [] };
      report.files.push(entry);
      const known = docs.get(f.uri);
      if (!known) {
        if (f.problem) entry.skipped = { reason: f.problem.reason, message: f.problem.message };
        continue;
      }
      const fromPool = pooled.get(f.uri);
      if (fromPool) {
        for (const e of fromPool.ruleErrors) reportRuleError(f.path, e.ruleId, e.message);
        entry.diagnostics = fromPool.diagnostics!;
      } else {
        const findings = lint(known.doc, {
          config,
          corpus: workspace.corpus,
          onRuleError: (ruleId, error) => reportRuleError(f.path, ruleId, error instanceof Error ? error.message : String(error)),
        });
        for (const finding of findings) entry.diagnostics.push(toJsonDiagnostic(known.doc, finding, lookup));
        progress?.update(report.files.length, workspace.files.length);
      }
      if (entry.diagnostics.some((d) => d.severity === 'error')) worst = 'error';
    }
    progress?.end();

    if (format === 'json') {
      writeJsonReport(io, report);
    } else {
      // In pieces: one string of every line can pass V8's maximum string length.
      let lines: string[] = [];
      for (const file of report.files) {
        for (const d of file.diagnostics) {
          lines.push(textLine(file.path, d));
          if (lines.length === OUTPUT_PIECE) {
            io.stdout(`${lines.join('\n')}\n`);
            lines = [];
          }
        }
      }
      lines.push(summaryLine(report));
      io.stdout(`${lines.join('\n')}\n`);
    }
    // An unchecked file (binary, wrong encoding, unreadable) is not a pass; an empty one is.
    const unchecked = report.files.some((f) => f.skipped && f.skipped.reason !== 'empty');
    return worst === 'error' || unchecked ? EXIT_PROBLEMS : EXIT_OK;
  },
};
