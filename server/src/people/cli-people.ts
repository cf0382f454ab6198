// `seed-curator people [paths…] --format json`: the people of a set of files as one
// JSON object other tooling reads (issue 6's contract):
// {"version":1,"people":[{"name","aliases","kind","roles":[{"text","title","organization","file","range","date"}],"mentions":[{"file","range"}]}]}
import { SeedDocument } from '../core/document';
import type { Range } from '../core/positions';
import { PeopleIndex } from './index';
import type { PersonKind } from './types';

export interface PeopleReportRole {
  text: string;
  title: string;
  organization: string;
  /** True when the organisation was completed from context (`市长应勇` → 上海市). */
  inferred: boolean;
  file: string;
  range: Range;
  date: string | null;
}

export interface PeopleReportPerson {
  name: string;
  aliases: string[];
  kind: PersonKind;
  roles: PeopleReportRole[];
  mentions: Array<{ file: string; range: Range }>;
}

export interface PeopleReport {
  version: 1;
  people: PeopleReportPerson[];
}

/** The report for files given as path and text; paths are reported as given. */
export function peopleReport(files: ReadonlyArray<{ path: string; text: string }>): PeopleReport {
  const index = new PeopleIndex();
  const docs = new Map<string, SeedDocument>();
  const order = new Map<string, number>();
  files.forEach((f, i) => {
    index.update(f.path, f.text);
    docs.set(f.path, new SeedDocument(f.path, f.text));
    order.set(f.path, i);
  });
  const range = (file: string, start: number, end: number) => docs.get(file)!.rangeOf(start, end);
  const people = index.people().map((p) => {
    const mentions = index.mentionsOf(p.key);
    // One entry per post and file: 总书记 said three times in one page is one role there.
    const seen = new Set<string>();
    const roles: PeopleReportRole[] = [];
    for (const r of p.roles) {
      const k = `${r.uri}\u0000${r.text}\u0000${r.organization}`;
      if (seen.has(k)) continue;
      seen.add(k);
      roles.push({ text: r.text, title: r.title, organization: r.organization, inferred: r.inferred, file: r.uri, range: range(r.uri, r.start, r.end), date: r.date ?? null });
    }
    const first = mentions[0] ?? { uri: p.roles[0]?.uri ?? '', start: p.roles[0]?.nameStart ?? 0 };
    return {
      sortKey: [order.get(first.uri) ?? 0, first.start] as const,
      person: {
        name: p.name,
        aliases: p.aliases,
        kind: p.kind,
        roles,
        mentions: mentions
          .sort((a, b) => (order.get(a.uri)! - order.get(b.uri)!) || a.start - b.start)
          .map((m) => ({ file: m.uri, range: range(m.uri, m.start, m.end) })),
      },
    };
  });
  people.sort((a, b) => a.sortKey[0] - b.sortKey[0] || a.sortKey[1] - b.sortKey[1] || a.person.name.localeCompare(b.person.name));
  return { version: 1, people: people.map((p) => p.person) };
}
