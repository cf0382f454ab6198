// `seed-curator stats`: corpus statistics as a file that shards can be merged into, so
// `stream --stats FILE` gives every document the corpus-level evidence (lines shared
// by several documents, characters the corpus uses often) without the corpus itself.
// Lines are kept as hashes of their normalised text (as CCNet does): the file grows
// with the distinct lines, not with their length.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Corpus, distinctLines, normaliseLine } from '../core/corpus';
import type { CorpusView } from '../core/types';
import { type Command } from './command';
import { EXIT_OK, UsageError, type CliIo } from './io';

export const STATS_FORMAT_VERSION = 1;
/**
 * Documents named per line. Enough for boilerplate-repeated-line's message, which
 * names 3 others and says "…" when there are more: 5 keep that exact whoever asks.
 */
export const IDS_PER_LINE = 5;

export interface CorpusStatistics {
  version: typeof STATS_FORMAT_VERSION;
  documents: number;
  /** Hash of a normalised line → [documents holding it, the first ids of those in sorted order]. */
  lines: Record<string, [number, string[]]>;
  /** Rare character → [occurrences, documents]. */
  characters: Record<string, [number, number]>;
}

export function lineHash(normalised: string): string {
  return createHash('sha1').update(normalised).digest('base64url').slice(0, 16);
}

export function emptyStatistics(): CorpusStatistics {
  return { version: STATS_FORMAT_VERSION, documents: 0, lines: Object.create(null), characters: Object.create(null) };
}

/** Adds one document; ids must be unique across everything later merged. */
export function addDocument(stats: CorpusStatistics, id: string, text: string): void {
  // A corpus of one gives the same distinct lines and rare characters the workspace corpus counts.
  const one = new Corpus();
  one.set(id, text);
  stats.documents++;
  for (const key of distinctLines(text)) {
    const h = lineHash(key);
    const entry = stats.lines[h];
    if (entry) {
      entry[0]++;
      entry[1] = insertId(entry[1], id);
    } else {
      stats.lines[h] = [1, [id]];
    }
  }
  // The rare characters this document holds, read back from the one-document corpus.
  for (const ch of new Set(text)) {
    const c = one.characters.of(ch);
    if (!c) continue;
    const entry = (stats.characters[ch] ??= [0, 0]);
    entry[0] += c.count;
    entry[1] += 1;
  }
}

function insertId(ids: string[], id: string): string[] {
  if (ids.includes(id)) return ids;
  return [...ids, id].sort().slice(0, IDS_PER_LINE);
}

/** Sums shards' statistics: order-independent, so any grouping of shards gives the same file. */
export function mergeStatistics(parts: readonly CorpusStatistics[]): CorpusStatistics {
  const out = emptyStatistics();
  for (const p of parts) {
    if (p.version !== STATS_FORMAT_VERSION) throw new UsageError(`statistics version ${String(p.version)} is not ${STATS_FORMAT_VERSION}`);
    out.documents += p.documents;
    for (const [h, [count, ids]] of Object.entries(p.lines)) {
      const entry = out.lines[h];
      if (entry) {
        entry[0] += count;
        entry[1] = [...new Set([...entry[1], ...ids])].sort().slice(0, IDS_PER_LINE);
      } else {
        out.lines[h] = [count, [...ids]];
      }
    }
    for (const [ch, [count, docs]] of Object.entries(p.characters)) {
      const entry = (out.characters[ch] ??= [0, 0]);
      entry[0] += count;
      entry[1] += docs;
    }
  }
  return out;
}

/** Keys in a fixed order, so equal statistics serialise to equal files. */
export function serialiseStatistics(stats: CorpusStatistics): string {
  const sorted = <T>(r: Record<string, T>) => Object.fromEntries(Object.keys(r).sort().map((k) => [k, r[k]]));
  return `${JSON.stringify({ version: stats.version, documents: stats.documents, lines: sorted(stats.lines), characters: sorted(stats.characters) })}\n`;
}

export function readStatistics(cwd: string, path: string): CorpusStatistics {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read statistics ${path}: ${(error as Error).message}`);
  }
  return parseStatistics(text, path);
}

/** One statistics object, or several one a line (concatenated shard outputs), summed. */
export function parseStatistics(text: string, name: string): CorpusStatistics {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== 1) return mergeStatistics(lines.map((l, i) => parseStatistics(l, `${name}:${i + 1}`)));
  let raw: unknown;
  try {
    raw = JSON.parse(lines[0]);
  } catch (error) {
    throw new UsageError(`cannot read statistics ${name}: ${(error as Error).message}`);
  }
  const path = name;
  const s = raw as CorpusStatistics;
  if (!s || s.version !== STATS_FORMAT_VERSION || typeof s.documents !== 'number' || typeof s.lines !== 'object' || typeof s.characters !== 'object') {
    throw new UsageError(`${path} is not a seed-curator statistics file (version ${STATS_FORMAT_VERSION})`);
  }
  return s;
}

/**
 * The corpus as a rule sees it in stream mode: counts from the statistics, the text
 * of the one document being checked, and no other document's text (so evidence that
 * needs another document's text, such as context repair from another file, is not found).
 */
export function statisticsView(stats: CorpusStatistics, id: string, text: string): CorpusView {
  const lineEntry = (line: string) => stats.lines[lineHash(normaliseLine(line))];
  return {
    size: stats.documents,
    uris: () => [],
    text: (uri) => (uri === id ? text : undefined),
    lines: {
      documentCount: (line) => lineEntry(line)?.[0] ?? 0,
      documentsWith: (line, limit = Infinity) => (lineEntry(line)?.[1] ?? []).slice(0, limit),
      locate: () => undefined,
    },
    characters: {
      of: (ch) => {
        const c = stats.characters[ch];
        return c ? { count: c[0], docs: c[1] } : undefined;
      },
    },
  };
}

export interface JsonlDocument {
  id: string;
  text: string;
  [key: string]: unknown;
}

/** JSONL documents one at a time (constant memory); a bad line throws with its number. */
export async function* readJsonl(input: NodeJS.ReadableStream, name: string): AsyncGenerator<JsonlDocument> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch (error) {
      throw new UsageError(`${name}:${n}: not JSON (${(error as Error).message})`);
    }
    const d = doc as JsonlDocument;
    if (!d || typeof d !== 'object' || typeof d.text !== 'string' || (typeof d.id !== 'string' && typeof d.id !== 'number')) {
      throw new UsageError(`${name}:${n}: each line must be an object with "id" (string or number) and "text" (string)`);
    }
    yield { ...d, id: String(d.id) };
  }
}

export function inputStreams(io: CliIo, paths: readonly string[]): { name: string; stream: NodeJS.ReadableStream }[] {
  if (paths.length === 0 || (paths.length === 1 && paths[0] === '-')) {
    if (!io.stdin) throw new UsageError('no input: name JSONL files or pipe JSONL into stdin');
    return [{ name: '<stdin>', stream: io.stdin }];
  }
  return paths.map((p) => ({ name: p, stream: createReadStream(resolve(io.cwd, p)) }));
}

export const statsCommand: Command = {
  name: 'stats',
  summary: 'corpus line statistics of JSONL documents, for stream --stats (mergeable across shards)',
  usage: 'stats [FILE.jsonl…] | stats --merge [STATS.json…]',
  details: `Reads JSONL documents ({"id","text",…} a line; stdin when no file or -)
and prints one JSON object: how many documents hold each line (by a hash of its
normalised text, with up to ${IDS_PER_LINE} of their ids) and how often rare characters
occur. Ids must be unique across the whole corpus.

  --merge   the input is statistics (of shards): files, or stdin, each holding
            one object or several one a line (shard outputs concatenated);
            print their sum. Merging is order-independent: stats of shards,
            merged, equal the stats of all documents at once.

Use with: seed-curator stream --stats FILE.`,
  options: { merge: { type: 'boolean', default: false } },

  async run({ values, positionals, io }) {
    if (values.merge === true) {
      const parts: CorpusStatistics[] = [];
      for (const input of inputStreams(io, positionals)) {
        let text = '';
        for await (const chunk of input.stream) text += String(chunk);
        parts.push(parseStatistics(text, input.name));
      }
      io.stdout(serialiseStatistics(mergeStatistics(parts)));
      return EXIT_OK;
    }
    const stats = emptyStatistics();
    for (const input of inputStreams(io, positionals)) {
      for await (const doc of readJsonl(input.stream, input.name)) addDocument(stats, doc.id, doc.text);
    }
    io.stdout(serialiseStatistics(stats));
    return EXIT_OK;
  },
};
