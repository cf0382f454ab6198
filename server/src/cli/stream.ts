// `seed-curator stream`: JSONL documents in, JSONL results out, one line at a time
// (constant memory, output in input order), so the same binary runs as a mapper
// under Spark RDD.pipe, Hadoop Streaming or Ray. Corpus-level evidence comes from a
// statistics file made by `seed-curator stats` (see stats.ts).
import { SeedDocument } from '../core/document';
import { fixText, lint } from '../core/engine';
import { singleDocumentCorpus } from '../core/corpus';
import type { CorpusView } from '../core/types';
import { SEED_OPTIONS, stringOption, type Command } from './command';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, writeJsonWithDiagnostics } from './io';
import { toJsonDiagnostic } from './report';
import { inputStreams, readJsonl, readStatistics, statisticsView, type CorpusStatistics } from './stats';
import { loadConfig } from './workspace';

const MODES = ['check', 'fix', 'both'] as const;
type Mode = (typeof MODES)[number];

export const streamCommand: Command = {
  name: 'stream',
  summary: 'check or fix JSONL documents from stdin to stdout, one line at a time',
  usage: 'stream [FILE.jsonl…] [--mode check|fix|both] [--stats STATS.json] [--unsafe] [--config file.json]',
  details: `Reads JSONL documents ({"id","text",…} a line; stdin when no file or -)
and writes one JSONL line per document, in input order, keeping its other fields:

  --mode check   {"id",…,"diagnostics":[…]} (default); diagnostics as in
                 check --format json, positions within "text"
  --mode fix     {"id",…,"text": fixed text,"fixed":{"<rule>": n}}
  --mode both    both: diagnostics of the text as given, and the fixed text
  --stats FILE   corpus statistics from \`seed-curator stats\` (merged over all
                 shards): lines repeated across the corpus and its common rare
                 characters count as in a whole-workspace check. Without it each
                 document is its own corpus. Evidence that needs another
                 document's text (context repair from another file, the ranges
                 of related lines) is not available in stream mode.
  --unsafe       with fix: also apply guesses
  --config FILE  rule levels as for check

Memory stays constant whatever the input length. Exit code: 1 when a finding
has severity error, 0 otherwise, 2 for bad input or usage.`,
  options: { ...SEED_OPTIONS, mode: { type: 'string', default: 'check' }, stats: { type: 'string' }, unsafe: { type: 'boolean', default: false } },

  async run({ values, positionals, io }) {
    const mode = (stringOption(values, 'mode') ?? 'check') as Mode;
    if (!MODES.includes(mode)) throw new UsageError(`--mode must be check, fix or both, not '${mode}'`);
    if (stringOption(values, 'encoding') !== undefined) throw new UsageError('stream reads JSON, which is UTF-8: --encoding does not apply');
    const config = loadConfig(io, stringOption(values, 'config'));
    const statsPath = stringOption(values, 'stats');
    const stats: CorpusStatistics | undefined = statsPath === undefined ? undefined : readStatistics(io.cwd, statsPath);
    const unsafe = values.unsafe === true;
    let worstIsError = false;
    const failedRules = new Set<string>();

    for (const input of inputStreams(io, positionals)) {
      for await (const { text, ...rest } of readJsonl(input.stream, input.name)) {
        const id = rest.id;
        const corpus: CorpusView = stats ? statisticsView(stats, id, text) : singleDocumentCorpus(id, text);
        const onRuleError = (ruleId: string, error: unknown) => {
          if (failedRules.has(ruleId)) return;
          failedRules.add(ruleId);
          io.stderr(`seed-curator: rule ${ruleId} failed on ${id} and was skipped: ${error instanceof Error ? error.message : String(error)}\n`);
        };
        const out: Record<string, unknown> = { ...rest };
        if (mode !== 'fix') {
          const doc = new SeedDocument(id, text);
          const findings = lint(doc, { config, corpus, onRuleError });
          if (findings.some((f) => f.severity === 'error')) worstIsError = true;
          out.diagnostics = findings.map((f) => toJsonDiagnostic(doc, f, () => undefined));
        }
        if (mode !== 'check') {
          const result = fixText(id, text, { config, corpus, unsafe, onRuleError });
          out.text = result.text;
          out.fixed = result.fixedByRule;
        }
        writeJsonWithDiagnostics(io, out);
        io.stdout('\n');
        await io.drained?.();
      }
    }
    return worstIsError ? EXIT_PROBLEMS : EXIT_OK;
  },
};
