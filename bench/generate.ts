// Reproducible benchmark inputs made from the bundled seeds: documents that repeat,
// mix and damage them with a fixed random seed, so every run (and every machine)
// measures the same text. Used in process by the benches, or as a script:
//
//   npx tsx bench/generate.ts --out DIR [--mb 1] [--files N] [--seed 42] [--tree]
//
// --mb writes documents until their total reaches that many MB; --files writes that
// many documents (10,000 for the scan bench). --tree spreads them over nested folders
// (100 files a folder) as a crawl would. Prints the file count and total bytes.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SEEDS_DIR = join(__dirname, '..', 'seeds');

/** mulberry32: small, fast and deterministic; quality is ample for picking lines. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedTexts(): string[] {
  return readdirSync(SEEDS_DIR)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((n) => readFileSync(join(SEEDS_DIR, n), 'utf8'));
}

// Damage of the kinds the rules look for, so every rule has work to do.
const DAMAGE: ((line: string, rnd: () => number) => string)[] = [
  // A raw HTML entity, sometimes with its & lost.
  (l, r) => insertAt(l, r, r() < 0.5 ? '&nbsp;' : '?middot;'),
  // Converter pinyin after a Han character.
  (l, r) => l.replace(/发展|發展/, (m) => `${m[0]}(fā)${m[1]}`).replace(/^/, r() < 0.1 ? '協(xié)' : ''),
  // A character lost to ?.
  (l, r) => replaceOneHan(l, r, '?'),
  // UTF-8 read as Windows-1252/Latin-1 (mojibake-latin) on English text.
  (l) => l.replace(/ - | '/, (m) => (m === ' - ' ? ' â€“ ' : ' â€™')),
  // UTF-8 bytes of a Chinese span read as Latin-1 (mojibake-cjk finds these too).
  (l, r) => {
    const m = /\p{Script=Han}{2,4}/u.exec(l.slice(Math.floor(r() * l.length)));
    return m ? l.replace(m[0], Buffer.from(m[0], 'utf8').toString('latin1')) : l;
  },
  // Invisible characters.
  (l, r) => insertAt(l, r, '\u200b'),
  // A date that lost its 月.
  (l) => l.replace(/(\d{1,2})月(\d{1,2})日/, '$1$2日'),
  // Boilerplate lines a crawl leaves behind.
  (l, r) => `${l}\n${BOILERPLATE[Math.floor(r() * BOILERPLATE.length)]}`,
];

const BOILERPLATE = ['扫一扫在手机打开当前页', '您当前的位置:首页>新闻中心>工作动态', '版权所有 © 2024 某某市人民政府 ICP备05001234号', '相关内容', '点赞 收藏 分享', '- END -', 'Sign in', '浏览次数:1024'];

function insertAt(line: string, rnd: () => number, what: string): string {
  const at = Math.floor(rnd() * (line.length + 1));
  return line.slice(0, at) + what + line.slice(at);
}

function replaceOneHan(line: string, rnd: () => number, by: string): string {
  const positions: number[] = [];
  for (let i = 0; i < line.length; i++) if (/\p{Script=Han}/u.test(line[i])) positions.push(i);
  if (positions.length === 0) return line;
  const at = positions[Math.floor(rnd() * positions.length)];
  return line.slice(0, at) + by + line.slice(at + 1);
}

export interface GeneratedDocument {
  /** Relative path, with folders when generated as a tree. */
  name: string;
  text: string;
}

export interface GenerateOptions {
  seed?: number;
  /** Stop when the documents' UTF-8 total reaches this many bytes… */
  totalBytes?: number;
  /** …or after this many documents (whichever is given; both: the first reached). */
  files?: number;
  /** Nested folders of 100 files each, as a crawl would lay them out. */
  tree?: boolean;
  /** Fraction of lines damaged (default 0.05). */
  damageRate?: number;
}

/**
 * Documents, each a seed with some of its lines swapped for lines of another seed,
 * some repeated, some damaged. Deterministic in `seed`.
 */
export function generateDocuments(options: GenerateOptions): GeneratedDocument[] {
  const rnd = randomSource(options.seed ?? 42);
  const seeds = seedTexts().map((t) => t.split('\n'));
  const damageRate = options.damageRate ?? 0.05;
  const limitBytes = options.totalBytes ?? Infinity;
  const limitFiles = options.files ?? Infinity;
  if (!Number.isFinite(limitBytes) && !Number.isFinite(limitFiles)) throw new Error('give totalBytes or files');
  const docs: GeneratedDocument[] = [];
  let bytes = 0;
  while (bytes < limitBytes && docs.length < limitFiles) {
    const i = docs.length;
    const base = seeds[Math.floor(rnd() * seeds.length)];
    const lines: string[] = [];
    for (const line of base) {
      const roll = rnd();
      // Mix: a line of another seed; repeat: the line twice (a re-posted paragraph).
      if (roll < 0.05) lines.push(pick(seeds, rnd));
      else if (roll < 0.08) lines.push(line, line);
      else lines.push(line);
    }
    for (let k = 0; k < lines.length; k++) {
      if (lines[k].trim() && rnd() < damageRate) lines[k] = DAMAGE[Math.floor(rnd() * DAMAGE.length)](lines[k], rnd);
    }
    const text = lines.join('\n');
    const file = `doc_${String(i).padStart(6, '0')}.txt`;
    const name = options.tree ? `site_${String(Math.floor(i / 1000)).padStart(3, '0')}/section_${String(Math.floor(i / 100) % 10)}/${file}` : file;
    docs.push({ name, text });
    bytes += Buffer.byteLength(text);
  }
  return docs;
}

function pick(seeds: string[][], rnd: () => number): string {
  const s = seeds[Math.floor(rnd() * seeds.length)];
  return s[Math.floor(rnd() * s.length)];
}

export function totalBytes(docs: readonly GeneratedDocument[]): number {
  return docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
}

export function writeDocuments(dir: string, docs: readonly GeneratedDocument[]): void {
  const made = new Set<string>();
  for (const d of docs) {
    const path = join(dir, d.name);
    const folder = path.slice(0, path.lastIndexOf('/'));
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(path, d.text);
  }
}

// Run as a script, not bundled into another bench (where require.main is that bench's bundle).
if (require.main === module && /generate\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const out = value('--out');
  if (!out) {
    console.error('usage: tsx bench/generate.ts --out DIR [--mb N] [--files N] [--seed N] [--tree]');
    process.exit(2);
  }
  const mb = value('--mb');
  const files = value('--files');
  const docs = generateDocuments({
    seed: Number(value('--seed') ?? 42),
    totalBytes: mb ? Number(mb) * 1024 * 1024 : undefined,
    files: files ? Number(files) : mb ? undefined : 1000,
    tree: args.includes('--tree'),
  });
  writeDocuments(out, docs);
  console.log(`${docs.length} files, ${totalBytes(docs)} bytes in ${out}`);
}
