// The documents of bench/ftfy.ts (both kinds, seed 7), shared with bench/ftfy-profile.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { randomSource } from './generate';

const DOC_BYTES = 6 * 1024;
const root = join(__dirname, '..');
const casesDir = resolve(root, '../shared/conformance/ftfy');

interface FtfyCase {
  original: string;
  fixed: string;
  expect: string;
}

function cases(): FtfyCase[] {
  if (!existsSync(casesDir)) return [];
  return ['in-the-wild.json', 'synthetic.json', 'language-names.json'].flatMap((f) =>
    (JSON.parse(readFileSync(join(casesDir, f), 'utf8')) as FtfyCase[]).filter((c) => c.expect === 'pass'),
  );
}

// Windows-1252 as browsers decode it: the five bytes the code page leaves undefined
// become C1 controls (U+0081…), so nothing is lost, as in ftfy's cases.
const WINDOWS_1252 = Array.from({ length: 256 }, (_, b) => {
  const c = iconv.decode(Buffer.from([b]), 'windows-1252');
  return c === '\ufffd' ? String.fromCharCode(b) : c;
});
/** UTF-8 bytes read as Windows-1252, as a browser or a crawler with the wrong charset does. */
const asWindows1252 = (s: string) => Array.from(Buffer.from(s, 'utf8'), (b) => WINDOWS_1252[b]).join('');

/**
 * `news`: lines of the English seed (real machine-translated news), 10% of those with
 * something outside ASCII damaged, and 2% ftfy's damaged originals. `cases`: the clean side of
 * ftfy's cases (many of them chosen because they look like mojibake) mixed with the seed, with
 * 15% damaged and 4% damaged originals: the hard, ftfy-shaped mix.
 */
export function makeDocuments(kind: 'news' | 'cases', sizeMb = 1): string[] {
  const rnd = randomSource(7);
  const english = readFileSync(join(root, 'seeds', '000_ad37a12b72859678.txt'), 'utf8').split('\n');
  const all = cases();
  const clean = (kind === 'news' ? english : [...english, ...all.map((c) => c.fixed)]).filter((l) => l.trim());
  const damaged = all.map((c) => c.original);
  const [originals, damage] = kind === 'news' ? [0.02, 0.1] : [0.04, 0.15];
  const docs: string[] = [];
  let total = 0;
  while (total < sizeMb * 1024 * 1024) {
    const lines: string[] = [];
    let size = 0;
    while (size < DOC_BYTES) {
      const r = rnd();
      let line: string;
      if (r < originals && damaged.length) line = damaged[Math.floor(rnd() * damaged.length)];
      else {
        line = clean[Math.floor(rnd() * clean.length)];
        // Only lines with something outside ASCII can be damaged this way.
        if (r < damage && /[^\x00-\x7f]/.test(line)) line = asWindows1252(line);
        else if (r < damage + 0.01 && /[^\x00-\x7f]/.test(line)) line = asWindows1252(asWindows1252(line));
      }
      lines.push(line);
      size += Buffer.byteLength(line) + 1;
    }
    docs.push(lines.join('\n'));
    total += size;
  }
  return docs;
}

