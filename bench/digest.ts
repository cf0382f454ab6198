// A fingerprint of everything the engine says about fixed inputs, so a change made for
// speed can be shown to change no finding and no fixed text:
//
//   npx tsx bench/digest.ts [--out FILE] [--mb 1]    # before the change
//   npx tsx bench/digest.ts --compare FILE           # after: lists what differs
//   npx tsx bench/digest.ts --compare FILE --ignore-rule script-variant
//
// Inputs: the generated bench corpus (seed 42), the bundled seeds and every gold folder,
// each linted as one corpus (corpus evidence on), plus each document's safe and unsafe
// fix-all output.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Corpus } from '../server/src/core/corpus';
import { SeedDocument } from '../server/src/core/document';
import { fixText, lint } from '../server/src/core/engine';
import { generateDocuments } from './generate';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const root = join(__dirname, '..');

function folder(dir: string): { name: string; text: string }[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((n) => ({ name: n, text: readFileSync(join(dir, n), 'utf8') }));
}

const sets: Record<string, { name: string; text: string }[]> = {
  bench: generateDocuments({ seed: 42, totalBytes: Number(flag('--mb') ?? 1) * 1024 * 1024 }),
  seeds: folder(join(root, 'seeds')),
};
for (const dir of ['heldout', 'blind', 'blind-a', 'blind-b']) sets[`gold/${dir}`] = folder(join(root, 'test/gold/boilerplate', dir));
sets['gold/people-heldout'] = folder(join(root, 'test/gold/heldout'));

/** Per document: one line per finding, then the fixed texts. */
const out: Record<string, string[]> = {};
for (const [set, files] of Object.entries(sets)) {
  if (files.length === 0) continue;
  const corpus = new Corpus();
  const docs = files.map((f) => new SeedDocument(`file:///${set}/${f.name}`, f.text));
  for (const d of docs) corpus.set(d.uri, d.text);
  for (const d of docs) {
    const lines = lint(d, { corpus }).map((f) =>
      JSON.stringify([f.ruleId, f.start, f.end, f.severity, f.message, f.fixes.map((x) => [x.safe, x.edits.map((e) => [e.start, e.end, e.text])])]),
    );
    const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
    lines.push(`safe fix-all ${sha(fixText(d.uri, d.text, { corpus }).text)}`);
    lines.push(`unsafe fix-all ${sha(fixText(d.uri, d.text, { corpus, unsafe: true }).text)}`);
    out[d.uri] = lines;
  }
}

const compare = flag('--compare');
if (compare) {
  const ignored = new Set(args.flatMap((a, i) => (args[i - 1] === '--ignore-rule' ? [a] : [])));
  const kept = (lines: string[]) => lines.filter((l) => !l.startsWith('[') || !ignored.has(JSON.parse(l)[0]));
  const before: Record<string, string[]> = JSON.parse(readFileSync(compare, 'utf8'));
  let differing = 0;
  for (const uri of new Set([...Object.keys(before), ...Object.keys(out)])) {
    const a = kept(before[uri] ?? []);
    const b = kept(out[uri] ?? []);
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    differing++;
    const onlyA = a.filter((l) => !b.includes(l));
    const onlyB = b.filter((l) => !a.includes(l));
    console.log(`${uri}`);
    for (const l of onlyA.slice(0, 5)) console.log(`  - ${l.slice(0, 300)}`);
    for (const l of onlyB.slice(0, 5)) console.log(`  + ${l.slice(0, 300)}`);
  }
  console.log(`${Object.keys(out).length} documents, ${differing} differ`);
  process.exitCode = differing ? 1 : 0;
} else {
  const file = flag('--out') ?? '/tmp/seed-curator-digest.json';
  writeFileSync(file, JSON.stringify(out));
  const all = Object.values(out).flat();
  console.log(`${Object.keys(out).length} documents, ${all.length} lines; written to ${file}`);
}
