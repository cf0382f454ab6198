// `seed-curator people [paths…] --format json|text`: the officials and bylines of the
// files named, as the JSON contract of issue 6 (see cli-people.ts) or one line a person.
// A Command module of the CLI's shape: main.ts lists it in COMMANDS.
import { SEED_OPTIONS, stringOption, type Command } from '../cli/command';
import { EXIT_OK, UsageError } from '../cli/io';
import { loadWorkspace, reportLoadProblems } from '../cli/workspace';
import { peopleReport } from './cli-people';
import { toSimplifiedSameLength } from './view';

const FORMATS = ['json', 'text'] as const;

export const peopleCommand: Command = {
  name: 'people',
  summary: 'list the officials (with their posts) and bylines named in seed files',
  usage: 'people [paths or globs…] [--format json|text] [--encoding enc]',
  details: `Extracts people and their roles from the files named (default: seeds/), in
Simplified, Traditional and English pages, one person across scripts.

  --format json   exactly one JSON object on stdout (default):
                  {"version":1,"people":[{"name","aliases","kind","roles":[{"text",
                  "title","organization","inferred","file","range","date"}],
                  "mentions":[{"file","range"}]}]}; kind is official, reporter,
                  editor, photographer or other; text is the post as written;
                  ranges with LSP conventions (0-based lines, UTF-16 characters)
  --format text   one line a person: name (aliases) kind: roles; mention count
  --encoding ENC  read the files in ENC (an iconv-lite name) instead of UTF-8`,
  options: { ...SEED_OPTIONS, format: { type: 'string', default: 'json' } },

  async run({ values, positionals, io }) {
    const format = stringOption(values, 'format') ?? 'json';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be json or text, not '${format}'`);
    const workspace = await loadWorkspace(io, { paths: positionals, encoding: stringOption(values, 'encoding') });
    reportLoadProblems(io, workspace.files);
    const files = workspace.files.filter((f) => f.decoded).map((f) => ({ path: f.path, text: f.decoded!.text }));
    const report = peopleReport(files);
    if (format === 'json') {
      io.stdout(`${JSON.stringify(report)}\n`);
    } else {
      const lines = report.people.map((p) => {
        const aliases = p.aliases.length ? ` (${p.aliases.join(', ')})` : '';
        const roles = p.roles.map((r) => `${r.text}${r.organization && !toSimplifiedSameLength(r.text).includes(r.organization) ? ` [${r.organization}]` : ''}`);
        return `${p.name}${aliases} ${p.kind}: ${[...new Set(roles)].join('; ')}; ${p.mentions.length} mention(s)`;
      });
      io.stdout(`${lines.join('\n')}\n`);
    }
    return EXIT_OK;
  },
};
