// `seed-curator convert`: encoding repairs, then one script, with OpenCC chosen by
// the detected regional standard and protected terms kept. A diff by default.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { fixText } from '../core/engine';
import { REPAIRS_BEFORE_CONVERSION } from '../rules';
import { ambiguousOccurrences, convertText, detectVariant, DEFAULT_PROTECTED_TERMS, type Region, type Script } from '../script/variant';
import { SEED_OPTIONS, stringOption, type Command } from './command';
import { encodeSeedText } from './decode';
import { writeOne } from './fix';
import { EXIT_OK, EXIT_PROBLEMS, plural, UsageError } from './io';
import { loadWorkspace, reportLoadProblems } from './workspace';
import { PeopleIndex } from '../people/index';

const SCRIPTS: readonly string[] = ['zh-Hans', 'zh-Hant'];
const REGIONS: readonly string[] = ['tw', 'hk', 'generic'];

/** .seed-curator/protect.txt of the current folder: one term a line, # starts a comment. */
function workspaceProtectedTerms(cwd: string): string[] {
  try {
    return readFileSync(join(cwd, '.seed-curator', 'protect.txt'), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.replace(/#.*/, '').trim())
      .filter(Boolean);
  } catch {
    return [];
  }
}

export const convertCommand: Command = {
  name: 'convert',
  summary: 'repair, then convert to one script (Simplified by default) with opencc-js',
  usage: 'convert [paths…] [--to zh-Hans|zh-Hant] [--from tw|hk|generic] [--stdout | --write [--backup]] [--preview] [--protect TERM]…',
  details: `Applies the safe encoding repairs first (entities, mojibake, pinyin
annotations, lost characters), then converts with the OpenCC configuration that
fits each file's detected regional standard (tw2s, hk2s or t2s; s2tw, s2hk or
s2t towards Traditional). Files already in the target script are left alone.
Default paths: seeds/.

  (no flag)        print a unified diff; change nothing
  --stdout         print the converted text of the one file named
  --write          replace each changed file atomically (as fix --write)
  --backup         with --write: keep the original as FILE.bak
  --to SCRIPT      zh-Hans (default) or zh-Hant
  --from REGION    force the source standard: tw, hk or generic
  --preview        list the ambiguous characters (乾/幹 → 干, 發/髮 → 发, 後,
                   麵, 著…) with their context and outcome; change nothing
  --protect TERM   never convert TERM (repeatable); added to the built-in
                   traps (乾安县, 乾清宫…) and .seed-curator/protect.txt
  --no-protect-people
                   do not protect the names the people index finds (by
                   default each keeps its Simplified form)`,
  options: {
    ...SEED_OPTIONS,
    to: { type: 'string', default: 'zh-Hans' },
    from: { type: 'string' },
    stdout: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    backup: { type: 'boolean', default: false },
    preview: { type: 'boolean', default: false },
    protect: { type: 'string', multiple: true },
    'no-protect-people': { type: 'boolean', default: false },
  },

  async run({ values, positionals, io }) {
    const to = stringOption(values, 'to') ?? 'zh-Hans';
    const from = stringOption(values, 'from');
    if (!SCRIPTS.includes(to)) throw new UsageError(`--to takes zh-Hans or zh-Hant, not '${to}'`);
    if (from !== undefined && !REGIONS.includes(from)) throw new UsageError(`--from takes tw, hk or generic, not '${from}'`);
    const toStdout = values.stdout === true;
    const write = values.write === true;
    if (toStdout && write) throw new UsageError('--stdout and --write exclude each other');
    if (values.backup === true && !write) throw new UsageError('--backup only makes sense with --write');
    const extra = Array.isArray(values.protect) ? values.protect.filter((t): t is string => typeof t === 'string') : [];
    const protect = [...DEFAULT_PROTECTED_TERMS, ...workspaceProtectedTerms(io.cwd), ...extra];

    const workspace = await loadWorkspace(io, { paths: positionals, encoding: stringOption(values, 'encoding') });
    if (toStdout && workspace.files.length !== 1) throw new UsageError(`--stdout prints one file, but ${plural(workspace.files.length, 'file')} matched`);
    reportLoadProblems(io, workspace.files);
    let failed = workspace.files.some((f) => f.problem && f.problem.reason !== 'empty');
    // Names the people index knows keep their Simplified form: a converter must not
    // respell a person (issue 4). Towards Traditional there is no one right form, so none.
    if (to === 'zh-Hans' && values['no-protect-people'] !== true) {
      const people = new PeopleIndex();
      for (const f of workspace.files) if (f.decoded) people.update(f.uri, f.decoded.text);
      for (const person of people.people()) if (/\p{Script=Han}/u.test(person.name)) protect.push(person.name);
    }

    for (const f of workspace.files) {
      if (!f.decoded || !f.bytes) continue;
      const original = f.decoded.text;
      const report = detectVariant(original);
      const needed = report.variant !== 'none' && report.variant !== to;
      const repaired = needed ? fixText(f.uri, original, { only: [...REPAIRS_BEFORE_CONVERSION], corpus: workspace.corpus }).text : original;
      const options = { to: to as Script, from: (from as Region | undefined) ?? (report.variant === 'zh-Hant' ? report.region : undefined), protect };
      if (values.preview === true) {
        const list = needed ? ambiguousOccurrences(repaired, options) : [];
        io.stdout(`${f.path}: ${report.variant}${list.length ? `, ${plural(list.length, 'ambiguous character')}` : ', nothing ambiguous to convert'}\n`);
        for (const o of list) io.stdout(`  ${o.char} → ${o.becomes}  (${o.group})  …${o.context}…\n`);
        continue;
      }
      const converted = needed ? convertText(repaired, options) : { text: original, config: 'none', protectedCount: 0 };
      if (needed) io.stderr(`${f.path}: ${report.variant} → ${to} with OpenCC ${converted.config}${converted.protectedCount ? `, ${plural(converted.protectedCount, 'protected term')} kept` : ''}\n`);
      if (toStdout) {
        const encoded = encodeSeedText(converted.text, 'utf8');
        if (encoded.ok) io.stdout(encoded.bytes);
      } else if (write) {
        if (converted.text !== original && !(await writeOne(f, converted.text, undefined, workspace.roots, values.backup === true, io))) failed = true;
      } else if (converted.text !== original) {
        io.stdout(createTwoFilesPatch(`a/${f.path}`, `b/${f.path}`, original, converted.text, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY }));
      }
    }
    return failed ? EXIT_PROBLEMS : EXIT_OK;
  },
};

