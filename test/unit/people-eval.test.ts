// Precision and recall of (person, role) pairs against gold tables made by reading
// the pages: the five bundled seeds, and held-out pages written in their styles.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { peopleReport } from '../../server/src/people/cli-people';
import { toSimplifiedSameLength } from '../../server/src/people/view';

const ROOT = join(__dirname, '..', '..');

interface Gold {
  documents: Record<string, Array<{ name: string; kind: string; roles: string[] }>>;
}

const fold = (s: string) => toSimplifiedSameLength(s).trim();

function evaluate(goldPath: string) {
  const gold = JSON.parse(readFileSync(join(ROOT, goldPath), 'utf8')) as Gold;
  const files = Object.keys(gold.documents).map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
  const report = peopleReport(files);
  const expected = new Set<string>();
  const expectedKind = new Map<string, string>();
  for (const [file, people] of Object.entries(gold.documents)) {
    for (const p of people) {
      expectedKind.set(`${file}\t${fold(p.name)}`, p.kind);
      for (const r of p.roles) expected.add(`${file}\t${fold(p.name)}\t${fold(r)}`);
    }
  }
  const got = new Set<string>();
  const gotKind = new Map<string, string>();
  for (const p of report.people) {
    for (const r of p.roles) {
      got.add(`${r.file}\t${fold(p.name)}\t${fold(r.text)}`);
      gotKind.set(`${r.file}\t${fold(p.name)}`, p.kind);
    }
  }
  const hits = [...got].filter((x) => expected.has(x));
  const precision = got.size ? hits.length / got.size : 0;
  const recall = expected.size ? hits.length / expected.size : 0;
  const kindsRight = [...expectedKind].filter(([k, v]) => gotKind.get(k) === v).length;
  return {
    precision, recall, expected: expected.size, got: got.size, hits: hits.length,
    kindAccuracy: kindsRight / expectedKind.size,
    falsePositives: [...got].filter((x) => !expected.has(x)),
    missed: [...expected].filter((x) => !got.has(x)),
  };
}

function print(label: string, r: ReturnType<typeof evaluate>) {
  const pct = (x: number) => (100 * x).toFixed(1) + '%';
  console.log(`      people ${label}: precision ${pct(r.precision)} (${r.hits}/${r.got}), recall ${pct(r.recall)} (${r.hits}/${r.expected}), kind accuracy ${pct(r.kindAccuracy)}`);
  for (const x of r.falsePositives) console.log(`        false positive: ${x.replace(/\t/g, ' | ')}`);
  for (const x of r.missed) console.log(`        missed: ${x.replace(/\t/g, ' | ')}`);
}

describe('people evaluation: (person, role) pairs against gold', () => {
  it('seeds: precision >= 0.90 and recall >= 0.85', () => {
    const r = evaluate('test/gold/people.json');
    print('seeds', r);
    assert.ok(r.expected >= 60, 'the gold table is the full one');
    assert.ok(r.precision >= 0.9, `precision ${r.precision}`);
    assert.ok(r.recall >= 0.85, `recall ${r.recall}`);
    assert.ok(r.kindAccuracy >= 0.95, `kind accuracy ${r.kindAccuracy}`);
  });

  it('held-out pages (other provinces and titles, Traditional, English): precision >= 0.90 and recall >= 0.85', () => {
    const r = evaluate('test/gold/people-heldout.json');
    print('held-out', r);
    assert.ok(r.precision >= 0.9, `precision ${r.precision}`);
    assert.ok(r.recall >= 0.85, `recall ${r.recall}`);
  });
});
