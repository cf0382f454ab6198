// People in one document: Chinese and English extraction on the virtual view (no pinyin
// annotations, Simplified script), offsets mapped back to the original text.
import { runSteps } from '../core/steps';
import { documentDates } from './dates';
import { extractEnglish } from './en';
import type { DocumentPeople, ExtractedRole, PersonStatement } from './types';
import { LazyWordFlags } from './segments';
import { makeView, originalSpan, type TextView } from './view';
import { resolvePosts, ZhExtractor, type ZhPlace } from './zh';

export interface DocumentAnalysis extends DocumentPeople {
  view: TextView;
  /** Places named in the document (original offsets, Simplified names). */
  places: Array<{ start: number; end: number; name: string; level: string }>;
  /** Word boundaries of `view.simplified` (people/segments, lines segmented as read) when it holds Han text; a caller may drop them. */
  wordFlags?: LazyWordFlags;
}

export function extractPeople(text: string): DocumentAnalysis {
  return runSteps(extractPeopleSteps(text));
}

/** `extractPeople` in parts, a yield between them: the people index of a large document is rebuilt between requests. */
export function* extractPeopleSteps(text: string): Generator<void, DocumentAnalysis, void> {
  const view = makeView(text);
  yield;
  const S = view.simplified;
  const statements: PersonStatement[] = [];
  let places: ZhPlace[] = [];
  let flags: LazyWordFlags | undefined;
  if (/\p{Script=Han}/u.test(S)) {
    flags = new LazyWordFlags(S);
    const zh = yield* new ZhExtractor(S, flags).extractSteps();
    places = zh.places;
    for (const f of zh.statements) {
      const span = originalSpan(view, f.start, f.end);
      const roles: ExtractedRole[] = resolvePosts(S, f.posts, places).map((r) => {
        const o = originalSpan(view, r.start, r.end);
        return { text: view.text.slice(r.start, r.end), start: o.start, end: o.end, title: r.title, organization: r.organization, inferred: r.inferred };
      });
      statements.push({ name: S.slice(f.start, f.end), written: view.text.slice(f.start, f.end), start: span.start, end: span.end, kind: f.kind, roles });
    }
  }
  yield;
  for (const e of extractEnglish(view.text)) {
    const span = originalSpan(view, e.start, e.end);
    statements.push({
      name: e.name,
      written: view.text.slice(e.start, e.end),
      start: span.start,
      end: span.end,
      kind: e.kind,
      roles: e.roles.map((r) => {
        const o = originalSpan(view, r.start, r.end);
        return { text: view.text.slice(r.start, r.end), start: o.start, end: o.end, title: r.title, organization: r.organization, inferred: false };
      }),
    });
  }
  statements.sort((a, b) => a.start - b.start);
  yield;
  const dates = documentDates(view.text);
  return {
    view,
    statements,
    ...dates,
    places: places.map((p) => {
      // Fields set one by one: a spread copy of the span cost more than the rest of the mapping.
      const o = originalSpan(view, p.start, p.end);
      return { start: o.start, end: o.end, name: p.name, level: p.level };
    }),
    wordFlags: flags,
  };
}
