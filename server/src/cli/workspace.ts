// The files of one CLI run, read and decoded once, and the corpus built from all
// of them so corpus-level rules see the whole set. Every command that reads
// seeds (check, fix, and later people, convert, stats) starts here.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConfig, RULE_LEVELS, type EngineConfig } from '../core/config';
import { Corpus } from '../core/corpus';
import { ruleById } from '../rules';
import { decodeSeedBytes, encodingKnown, type DecodedText, type DecodeProblem } from './decode';
import { expandInputs, type InputFile } from './files';
import { plural, UsageError, type CliIo } from './io';

export interface LoadedFile extends InputFile {
  uri: string;
  /** The bytes as read, for the changed-on-disk check before writing. */
  bytes?: Buffer;
  decoded?: DecodedText;
  problem?: DecodeProblem;
}

export interface LoadedWorkspace {
  files: LoadedFile[];
  roots: string[];
  corpus: Corpus;
}

export const DEFAULT_PATHS = ['seeds'];

export interface LoadOptions {
  paths: readonly string[];
  encoding?: string;
}

export async function loadWorkspace(io: CliIo, options: LoadOptions): Promise<LoadedWorkspace> {
  if (options.encoding !== undefined && !encodingKnown(options.encoding)) {
    throw new UsageError(`unknown encoding '${options.encoding}' (try utf8, gbk, gb18030 or big5)`);
  }
  const usingDefault = options.paths.length === 0;
  const paths = usingDefault ? DEFAULT_PATHS : options.paths;
  let expanded;
  try {
    expanded = await expandInputs(paths, io.cwd);
  } catch (error) {
    if (usingDefault && error instanceof UsageError) {
      throw new UsageError(`no seeds/ folder in ${io.cwd}; name the files or folders to use`);
    }
    throw error;
  }
  for (const glob of expanded.emptyGlobs) io.stderr(`seed-curator: no files match ${glob}\n`);
  if (expanded.files.length === 0) {
    throw new UsageError(`no files matched ${paths.join(' ')}${paths.some((p) => !/[*?[{]/.test(p)) ? ' (folders are searched for *.txt files)' : ''}`);
  }

  const corpus = new Corpus();
  const files: LoadedFile[] = [];
  for (const input of expanded.files) {
    const file: LoadedFile = { ...input, uri: pathToFileURL(input.absolute).href };
    try {
      file.bytes = await readFile(input.absolute);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      file.problem = { reason: 'unreadable', message: `cannot be read (${e.code ?? e.message}): skipped` };
      files.push(file);
      continue;
    }
    const result = decodeSeedBytes(file.bytes, options.encoding);
    if (result.ok) {
      file.decoded = result.decoded;
      corpus.set(file.uri, result.decoded.text);
    } else {
      file.problem = result.problem;
    }
    files.push(file);
  }
  return { files, roots: expanded.roots, corpus };
}

/** Messages for the files that could not be used, the ones read with replacement characters, and likely wrong --encoding. */
export function reportLoadProblems(io: CliIo, files: readonly LoadedFile[]): void {
  for (const f of files) {
    if (f.problem) {
      io.stderr(`${f.path}: ${f.problem.message}\n`);
      continue;
    }
    const notes: string[] = [];
    if (f.decoded?.alsoValidUtf8) notes.push(`this file is valid UTF-8, but is read as ${f.decoded.encoding} as asked (drop --encoding if that is wrong)`);
    if (f.decoded?.lossy) notes.push(`some bytes are not valid ${f.decoded.encoding}; they are read as U+FFFD and this file will not be written`);
    if (notes.length) io.stderr(`${f.path}: note: ${notes.join('; ')}\n`);
  }
}

/** Reads `--config file.json`: `{"rules": {"<rule-id>": "off|error|warning|information|hint|default"}, "options": {…}}`. */
export function loadConfig(io: CliIo, path: string | undefined): EngineConfig {
  if (path === undefined) return parseConfig(undefined);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolve(io.cwd, path), 'utf8'));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new UsageError(`cannot use config ${path}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`config ${path} must hold a JSON object like {"rules": {"pinyin-annotation": "error"}}`);
  const rules = (raw as { rules?: unknown }).rules;
  if (rules !== undefined && (!rules || typeof rules !== 'object' || Array.isArray(rules))) {
    throw new UsageError(`config ${path}: "rules" must be an object of rule id → level`);
  }
  const unknown: string[] = [];
  for (const [id, level] of Object.entries((rules ?? {}) as Record<string, unknown>)) {
    if (typeof level !== 'string' || !(RULE_LEVELS as readonly string[]).includes(level)) {
      throw new UsageError(`config ${path}: rule ${id} has level ${JSON.stringify(level)}; use one of ${RULE_LEVELS.join(', ')}`);
    }
    if (!ruleById(id)) unknown.push(id);
  }
  if (unknown.length) io.stderr(`seed-curator: config ${path} names ${plural(unknown.length, 'unknown rule')}: ${unknown.join(', ')} (ignored)\n`);
  return parseConfig(raw);
}
