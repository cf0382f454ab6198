// The people index over a corpus: who is named where, with which posts.
//
// Incremental per document: `update(uri, text)` re-extracts that one document; other
// documents are re-scanned for mentions only when the set of known names changed and
// the changed names occur in them. One person across scripts: the key is the
// Simplified name (劉強 and 刘强 are 刘强), other-script forms are aliases. English
// (romanised) names are keyed as written.
import { pinyin } from 'pinyin-pro';
import { converter } from '../script/opencc';
import { extractPeopleSteps, type DocumentAnalysis } from './extract';
import { INSIDE_WORD, LazyWordFlags } from './segments';
import type { ExtractedRole, PersonKind, PersonStatement } from './types';
import { keptView, originalSpan, simplifiedText, toSimplifiedSameLength, viewSlice, viewText, type KeptView } from './view';

export type { ExtractedRole, PersonKind, PersonStatement } from './types';

export interface PersonRole extends ExtractedRole {
  uri: string;
  /** The date of the document the role is stated in (event date when the lead gives one, else the page's). */
  date?: string;
  /** Start and end of the person's name in that statement. */
  nameStart: number;
  nameEnd: number;
}

export interface Mention {
  /** The person's key. */
  key: string;
  uri: string;
  start: number;
  end: number;
  /** The name as written there. */
  written: string;
  /** True when this occurrence is the name of a role statement. */
  statement: boolean;
  /** The span in the extractor's view of the text (without converter pinyin). */
  viewStart: number;
  viewEnd: number;
}

export interface Person {
  key: string;
  /** Simplified Chinese name, or the romanised name as written. */
  name: string;
  /** Other-script forms: those written in the corpus, and the Traditional form of a Chinese name. */
  aliases: string[];
  kind: PersonKind;
  /** Toneless pinyin, lower case, no spaces (liuxiaotao); empty for romanised names. */
  pinyin: string;
  roles: PersonRole[];
}

export interface PeopleSymbol {
  kind: 'person' | 'place' | 'organization';
  name: string;
  start: number;
  end: number;
  detail: string;
}

/** A statement as the index keeps it: its roles are the person's roles (one object serves both). */
interface KeptStatement {
  name: string;
  written: string;
  start: number;
  end: number;
  kind: PersonKind;
  roles: PersonRole[];
}

/**
 * What the index keeps of a document, compactly (a 10,000-file workspace held 160 MB of
 * analyses): the view without its annotation-free text, statements and places as flat
 * lists of values rather than an object each, strings interned, mentions as numbers
 * (see MENTION_FIELDS).
 */
interface DocState {
  text: string;
  view: KeptView;
  /** STATEMENT_FIELDS values a statement: name, name as written, start, end, kind, how many of `roles` are its own. */
  statements: Array<string | number>;
  /** The statements' roles in order (the persons' roles too: one object serves both). */
  roles: PersonRole[];
  published: string | undefined;
  event: string | undefined;
  /** PLACE_FIELDS values a place: start, end, name, level. */
  places: Array<string | number>;
}

const STATEMENT_FIELDS = 6;
const PLACE_FIELDS = 4;

/** A document's statements as objects (one document's worth, for the questions about it). */
function statementsOf(state: DocState): KeptStatement[] {
  const out: KeptStatement[] = [];
  const s = state.statements;
  let r = 0;
  for (let b = 0; b < s.length; b += STATEMENT_FIELDS) {
    const roles = s[b + 5] as number;
    out.push({ name: s[b] as string, written: s[b + 1] as string, start: s[b + 2] as number, end: s[b + 3] as number, kind: s[b + 4] as PersonKind, roles: state.roles.slice(r, r + roles) });
    r += roles;
  }
  return out;
}

/** The names a document states, each once, in order. */
function namesOf(state: DocState | undefined): Set<string> {
  const names = new Set<string>();
  if (state) for (let b = 0; b < state.statements.length; b += STATEMENT_FIELDS) names.add(state.statements[b] as string);
  return names;
}

/** Numbers per mention in a document's list: start, end, view start, view end, key number, 1 for a statement. */
const MENTION_FIELDS = 6;
const NO_MENTIONS = new Int32Array(0);
/** Past this many interned strings the table starts over (sharing is an economy, not a rule). */
const INTERN_LIMIT = 200_000;
/** Persons whose mentions are kept as objects between changes (hover, references). */
const MENTION_CACHE_LIMIT = 64;

const HAN = /\p{Script=Han}/u;
const KIND_RANK: Record<PersonKind, number> = { official: 0, reporter: 1, editor: 2, photographer: 3, other: 4 };

// Surnames whose Simplified character is also the Traditional surname (于 is not 於 in 于海田).
const SURNAME_KEEPS = new Set([...'于余范姜谷党钟沈卜朴种冯']);
const SURNAME_TRADITIONAL: Record<string, string> = { 钟: '鍾', 冯: '馮' };
const GIVEN_KEEPS = new Set([...'郁于余范丰谷卜朴']);

/** The Traditional form of a Chinese name, careful with surnames that conversion would change wrongly. */
export function traditionalName(name: string): string {
  const toT = converter('cn', 't');
  const first = name[0];
  const surname = SURNAME_KEEPS.has(first) ? (SURNAME_TRADITIONAL[first] ?? first) : toT(first);
  // Characters whose Traditional form in a name is ambiguous (郁 stays 郁 in 安郁杰, not 鬱) are kept.
  const given = [...name.slice(1)].map((c) => (GIVEN_KEEPS.has(c) ? c : toT(c))).join('');
  return surname + given;
}

export function namePinyin(name: string): string {
  if (!HAN.test(name)) return '';
  return (pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true }) as string[]).join('').toLowerCase();
}

/** Folds a query or name for search: Simplified, lower case, no spaces or tone marks. */
function fold(s: string): string {
  return toSimplifiedSameLength(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\s·'-]+/g, '').replace(/ü/g, 'v').toLowerCase();
}

interface NameHeads {
  han: Map<number, Map<number, string[]>>;
  first: Uint8Array;
  /** 1 at `pairHash` of the first two units of every Han name: surnames are common characters, most pairs are not names. */
  pairs: Uint8Array;
  english: string[];
}

const pairHash = (c0: number, c1: number) => (c0 * 31 + c1) & 0xffff;

export class PeopleIndex {
  private readonly docs = new Map<string, DocState>();
  /** How many documents state each key. */
  private readonly stated = new Map<string, number>();
  /** Each document's mentions, MENTION_FIELDS numbers each, in text order. */
  private readonly mentionsByDoc = new Map<string, Int32Array>();
  /** Key numbers of the mention lists (grow only: a key is a name, and few distinct names are ever stated). */
  private readonly keyNumbers = new Map<string, number>();
  private readonly keyNames: string[] = [];
  /** A person's mentions, sorted by file and offset, for persons asked since their documents last changed. */
  private readonly mentionsByKey = new Map<string, Mention[]>();
  /**
   * The documents that state or mention each key, and each document's keys: a person is built
   * from its own documents, and a change of one document forgets only the persons it names
   * (rebuilding everyone after every edit took 20–33 ms at 2,000 files, on the first hover).
   */
  private readonly docsByKey = new Map<string, Set<string>>();
  private readonly keysByDoc = new Map<string, readonly string[]>();
  /** Persons built since their documents last changed. */
  private readonly persons = new Map<string, Person>();
  /** One string for each repeated name, post, organisation and place (and none a slice of a whole text). */
  private readonly interned = new Map<string, string>();

  private intern(s: string): string {
    const known = this.interned.get(s);
    if (known !== undefined) return known;
    if (this.interned.size >= INTERN_LIMIT) this.interned.clear();
    // A slice of 13 units or more shares the text it was cut from, which would keep that alive: a copy.
    const own = s.length >= 13 ? s.split('').join('') : s;
    this.interned.set(own, own);
    return own;
  }

  private keyNumber(key: string): number {
    let n = this.keyNumbers.get(key);
    if (n === undefined) {
      n = this.keyNames.push(key) - 1;
      this.keyNumbers.set(key, n);
    }
    return n;
  }

  /** The document state kept for an analysis: see DocState. */
  private keep(uri: string, text: string, analysis: DocumentAnalysis): DocState {
    const date = analysis.event ?? analysis.published;
    // Lists of the exact length (a list grown by pushing keeps spare room).
    const statements = new Array<string | number>(analysis.statements.length * STATEMENT_FIELDS);
    const roles = new Array<PersonRole>(analysis.statements.reduce((n, s) => n + s.roles.length, 0));
    let b = 0;
    let k = 0;
    for (const s of analysis.statements) {
      statements[b++] = this.intern(s.name);
      statements[b++] = this.intern(s.written);
      statements[b++] = s.start;
      statements[b++] = s.end;
      statements[b++] = s.kind;
      statements[b++] = s.roles.length;
      // Field by field, not a spread copy: the spread gave each of the workspace's roles a
      // hidden class of its own (36 MB of them after a 10,000-file scan).
      for (const r of s.roles) {
        roles[k++] = { text: this.intern(r.text), start: r.start, end: r.end, title: this.intern(r.title), organization: this.intern(r.organization), inferred: r.inferred, uri, date, nameStart: s.start, nameEnd: s.end };
      }
    }
    const places = new Array<string | number>(analysis.places.length * PLACE_FIELDS);
    b = 0;
    for (const p of analysis.places) {
      places[b++] = p.start;
      places[b++] = p.end;
      places[b++] = this.intern(p.name);
      places[b++] = this.intern(p.level);
    }
    const { view } = analysis;
    return {
      text,
      view: keptView(view),
      statements,
      roles,
      published: analysis.published,
      event: analysis.event,
      places,
    };
  }

  /** Mention i of a document's list, as an object. */
  private mention(uri: string, text: string, list: Int32Array, i: number): Mention {
    const b = i * MENTION_FIELDS;
    return { key: this.keyNames[list[b + 4]], uri, start: list[b], end: list[b + 1], written: text.slice(list[b], list[b + 1]), statement: list[b + 5] === 1, viewStart: list[b + 2], viewEnd: list[b + 3] };
  }

  /**
   * After a document's statements or mentions changed: its keys now, in `docsByKey`, and the
   * persons and mention lists of its keys before and after forgotten.
   */
  private changed(uri: string): void {
    const before = this.keysByDoc.get(uri) ?? [];
    const keys = new Set<string>();
    const state = this.docs.get(uri);
    if (state) for (let b = 0; b < state.statements.length; b += STATEMENT_FIELDS) keys.add(state.statements[b] as string);
    const list = this.mentionsByDoc.get(uri) ?? NO_MENTIONS;
    for (let b = 0; b < list.length; b += MENTION_FIELDS) keys.add(this.keyNames[list[b + 4]]);
    for (const k of before) {
      this.forget(k);
      if (keys.has(k)) continue;
      const docs = this.docsByKey.get(k);
      docs?.delete(uri);
      if (docs?.size === 0) this.docsByKey.delete(k);
    }
    for (const k of keys) {
      this.forget(k);
      let docs = this.docsByKey.get(k);
      if (!docs) this.docsByKey.set(k, (docs = new Set()));
      docs.add(uri);
    }
    if (keys.size === 0) this.keysByDoc.delete(uri);
    else this.keysByDoc.set(uri, [...keys]);
  }

  private forget(key: string): void {
    this.persons.delete(key);
    this.mentionsByKey.delete(key);
  }

  get size(): number {
    return this.docs.size;
  }

  uris(): Iterable<string> {
    return this.docs.keys();
  }

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  /** Adds or replaces one document. */
  update(uri: string, text: string): void {
    this.apply(new Map([[uri, text]]));
  }

  remove(uri: string): void {
    this.apply(new Map([[uri, null]]));
  }

  /**
   * Adds, replaces (text) and removes (null) documents at once: every changed document is
   * extracted, then each document's mentions are scanned once for the names known after the
   * whole batch (a workspace scan is one batch, so no document is rescanned per new name).
   */
  apply(changes: ReadonlyMap<string, string | null>): void {
    for (const _ of this.steps(changes));
  }

  /**
   * `apply` in steps: the generator yields between the parts of each document's extraction and
   * after each document scanned, so a caller can spread a large batch (a workspace scan, a
   * large document being edited) over many turns of the event loop. Until it is done the index
   * is between states; run it to the end before any query.
   */
  *steps(changes: ReadonlyMap<string, string | null>): Generator<void, void, void> {
    const oldKeys = new Map<string, Set<string>>();
    const rescan = new Set<string>();
    const flags = new Map<string, LazyWordFlags>();
    for (const [uri, text] of changes) {
      const previous = this.docs.get(uri);
      if (text === null ? !previous : previous?.text === text) continue;
      if (!oldKeys.has(uri)) oldKeys.set(uri, namesOf(previous));
      if (text === null) {
        this.docs.delete(uri);
        this.mentionsByDoc.delete(uri);
        this.changed(uri);
        rescan.delete(uri);
        continue;
      }
      const analysis = yield* extractPeopleSteps(text);
      // Word boundaries serve this batch's mention scan only: a workspace of documents does not keep them.
      if (analysis.wordFlags) flags.set(uri, analysis.wordFlags);
      this.docs.set(uri, this.keep(uri, text, analysis));
      this.changed(uri);
      rescan.add(uri);
      yield;
    }
    if (oldKeys.size === 0) return;
    const appeared: string[] = [];
    const vanished = new Set<string>();
    for (const [uri, before] of oldKeys) {
      const after = namesOf(this.docs.get(uri));
      for (const k of before) {
        if (after.has(k)) continue;
        const n = (this.stated.get(k) ?? 0) - 1;
        if (n <= 0) {
          this.stated.delete(k);
          vanished.add(k);
        } else this.stated.set(k, n);
      }
      for (const k of after) {
        if (before.has(k)) continue;
        const n = this.stated.get(k) ?? 0;
        if (n === 0) appeared.push(k);
        this.stated.set(k, n + 1);
      }
    }
    // A name that vanished and came back within the batch changed nothing for other documents.
    const gone = [...vanished].filter((k) => !this.stated.has(k));
    const came = appeared.filter((k) => !vanished.has(k));
    if (came.length > 0 || gone.length > 0) {
      this.heads = undefined;
      const goneNumbers = new Set(gone.map((k) => this.keyNumbers.get(k)));
      let checked = 0;
      for (const [other, state] of this.docs) {
        if (++checked % 256 === 0) yield;
        if (rescan.has(other)) continue;
        let S: string | undefined;
        // A name without Han characters found in the view is in the original too (the view only
        // leaves out annotations after Han characters): the view's text is rebuilt only then.
        const affected =
          came.some((k) => (HAN.test(k) ? (S ??= simplifiedText(state.view)).includes(k) : state.text.includes(k) && viewText(state.view).includes(k))) ||
          this.mentionsGone(this.mentionsByDoc.get(other) ?? NO_MENTIONS, goneNumbers);
        if (affected) rescan.add(other);
      }
    }
    for (const uri of rescan) {
      // A document removed by a later batch step is no longer there to scan.
      if (this.docs.has(uri)) this.scanMentions(uri, flags.get(uri));
      flags.delete(uri);
      yield;
    }
  }

  /**
   * Known Han names by their first UTF-16 unit, then their second (two levels of small-integer
   * keys: one key of both units would be a heap number to hash), which first units occur;
   * English names apart.
   */
  private heads: NameHeads | undefined;

  private nameHeads(): NameHeads {
    if (this.heads) return this.heads;
    const han = new Map<number, Map<number, string[]>>();
    const first = new Uint8Array(0x10000);
    const pairs = new Uint8Array(0x10000);
    const english: string[] = [];
    for (const key of this.stated.keys()) {
      if (!HAN.test(key) || key.length < 2) {
        english.push(key);
        continue;
      }
      first[key.charCodeAt(0)] = 1;
      pairs[pairHash(key.charCodeAt(0), key.charCodeAt(1))] = 1;
      let bySecond = han.get(key.charCodeAt(0));
      if (!bySecond) han.set(key.charCodeAt(0), (bySecond = new Map()));
      const list = bySecond.get(key.charCodeAt(1)) ?? [];
      list.push(key);
      bySecond.set(key.charCodeAt(1), list);
    }
    this.heads = { han, first, pairs, english };
    return this.heads;
  }

  private mentionsGone(list: Int32Array, gone: Set<number | undefined>): boolean {
    for (let b = 4; b < list.length; b += MENTION_FIELDS) if (gone.has(list[b])) return true;
    return false;
  }

  /** Every occurrence of every known name in one document. */
  private scanMentions(uri: string, known?: LazyWordFlags): void {
    const state = this.docs.get(uri)!;
    const { view } = state;
    const S = simplifiedText(view);
    const statementAt = new Map(statementsOf(state).map((s) => [s.start, s]));
    const found: Array<{ start: number; end: number; key: string }> = [];
    const { han, first, pairs, english } = this.nameHeads();
    if (han.size > 0) {
      // One pass over the text, looking up the two characters at each position (Han names have two or more).
      for (let at = 0; at + 1 < S.length; at++) {
        const c = S.charCodeAt(at);
        if (first[c] === 0) continue;
        const c1 = S.charCodeAt(at + 1);
        if (pairs[pairHash(c, c1)] === 0) continue;
        const keys = han.get(c)!.get(c1);
        if (!keys) continue;
        for (const key of keys) if (S.startsWith(key, at)) found.push({ start: at, end: at + key.length, key });
      }
    }
    const text = english.length > 0 ? viewText(view) : '';
    for (const key of english) {
      const re = new RegExp(`\\b${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z])`, 'g');
      for (const m of text.matchAll(re)) found.push({ start: m.index!, end: m.index! + key.length, key });
    }
    // Longest first at a position, then left to right without overlaps.
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const flags = found.some((f) => HAN.test(S[f.start])) ? (known ?? new LazyWordFlags(S)) : undefined;
    const mentions: number[] = [];
    let lastEnd = -1;
    for (const f of found) {
      if (f.start < lastEnd) continue;
      const o = originalSpan(view, f.start, f.end);
      const statement = statementAt.get(o.start);
      const isStatement = !!statement && statement.end === o.end;
      if (!isStatement && HAN.test(S[f.start]) && f.start !== lastEnd) {
        // 同时金融 holds 时金 only across a word: a dictionary word runs over the name's start.
        // ICU's dictionary holds few personal names (it cuts 刘小涛 into characters), so such a word is hardly one.
        if (flags && flags.at(f.start) & INSIDE_WORD) continue;
      }
      mentions.push(o.start, o.end, f.start, f.end, this.keyNumber(f.key), isStatement ? 1 : 0);
      lastEnd = f.end;
    }
    this.mentionsByDoc.set(uri, mentions.length === 0 ? NO_MENTIONS : Int32Array.from(mentions));
    this.changed(uri);
  }

  /** The person of a key, from the documents that state or mention it; undefined when none states it. */
  private build(key: string): Person | undefined {
    const known = this.persons.get(key);
    if (known) return known;
    const docs = this.docsByKey.get(key);
    if (!docs) return undefined;
    let person: Person | undefined;
    const written = new Set<string>();
    for (const uri of docs) {
      const state = this.docs.get(uri)!;
      const s = state.statements;
      let r = 0;
      for (let b = 0; b < s.length; b += STATEMENT_FIELDS) {
        const roles = s[b + 5] as number;
        if (s[b] === key) {
          const kind = s[b + 4] as PersonKind;
          if (!person) person = { key, name: key, aliases: [], kind, pinyin: namePinyin(key), roles: [] };
          if (KIND_RANK[kind] < KIND_RANK[person.kind]) person.kind = kind;
          written.add(s[b + 1] as string);
          // The kept role objects themselves: a copy per build was 14 MB after a 10,000-file scan.
          for (let k = r; k < r + roles; k++) person.roles.push(state.roles[k]);
        }
        r += roles;
      }
    }
    if (!person) return undefined;
    const n = this.keyNumbers.get(key);
    for (const uri of docs) {
      const list = this.mentionsByDoc.get(uri);
      if (!list || n === undefined) continue;
      const view = this.docs.get(uri)!.view;
      for (let b = 0; b < list.length; b += MENTION_FIELDS) if (list[b + 4] === n) written.add(viewSlice(view, list[b + 2], list[b + 3]));
    }
    const forms = new Set([...written].filter((w) => w !== key));
    if (HAN.test(key)) {
      const t = traditionalName(key);
      if (t !== key) forms.add(t);
    }
    person.aliases = [...forms].sort();
    person.roles.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.uri.localeCompare(b.uri) || a.start - b.start);
    this.persons.set(key, person);
    return person;
  }

  /** Everyone, in key order. */
  people(): Person[] {
    const out: Person[] = [];
    for (const key of this.stated.keys()) {
      const person = this.build(key);
      if (person) out.push(person);
    }
    return out.sort((a, b) => a.key.localeCompare(b.key));
  }

  person(key: string): Person | undefined {
    return this.build(key) ?? this.build(toSimplifiedSameLength(key));
  }

  /** All mentions of a person across the corpus, by document then offset. */
  mentionsOf(key: string): Mention[] {
    const k = this.person(key)?.key ?? key;
    let mentions = this.mentionsByKey.get(k);
    if (!mentions) {
      mentions = [];
      const n = this.keyNumbers.get(k);
      for (const uri of this.docsByKey.get(k) ?? []) {
        const list = this.mentionsByDoc.get(uri);
        if (!list || n === undefined) continue;
        const text = this.docs.get(uri)!.text;
        for (let b = 0; b < list.length; b += MENTION_FIELDS) if (list[b + 4] === n) mentions.push(this.mention(uri, text, list, b / MENTION_FIELDS));
      }
      mentions.sort((a, b) => a.uri.localeCompare(b.uri) || a.start - b.start);
      if (this.mentionsByKey.size >= MENTION_CACHE_LIMIT) this.mentionsByKey.clear();
      this.mentionsByKey.set(k, mentions);
    }
    return [...mentions];
  }

  mentionsIn(uri: string): Mention[] {
    const list = this.mentionsByDoc.get(uri) ?? NO_MENTIONS;
    const text = this.docs.get(uri)?.text ?? '';
    const out: Mention[] = [];
    for (let i = 0; i < list.length / MENTION_FIELDS; i++) out.push(this.mention(uri, text, list, i));
    return out;
  }

  /** The person named at an offset of a document (start inclusive, end inclusive for a cursor after the name). */
  personAt(uri: string, offset: number): { person: Person; mention: Mention } | undefined {
    const list = this.mentionsByDoc.get(uri) ?? NO_MENTIONS;
    const count = list.length / MENTION_FIELDS;
    let i = 0;
    while (i < count && !(list[i * MENTION_FIELDS] <= offset && offset < list[i * MENTION_FIELDS + 1])) i++;
    if (i === count) {
      i = 0;
      while (i < count && list[i * MENTION_FIELDS + 1] !== offset) i++;
    }
    if (i === count) return undefined;
    const m = this.mention(uri, this.docs.get(uri)!.text, list, i);
    const person = this.person(m.key);
    return person ? { person, mention: m } : undefined;
  }

  /** The first statement of a role: earliest date, then document, then position (go to definition). */
  firstRoleStatement(key: string): PersonRole | undefined {
    return this.person(key)?.roles[0];
  }

  /** People whose name, other-script form or pinyin contains the query (workspace symbols). */
  findPeople(query: string): Person[] {
    const q = fold(query);
    if (!q) return this.people();
    return this.people().filter(
      (p) => fold(p.name).includes(q) || p.aliases.some((a) => fold(a).includes(q)) || (p.pinyin && p.pinyin.includes(q)),
    );
  }

  /** The document's people, places and organisations, for an outline. */
  documentSymbols(uri: string): PeopleSymbol[] {
    const state = this.docs.get(uri);
    if (!state) return [];
    const out: PeopleSymbol[] = [];
    const seenOrg = new Set<string>();
    for (const s of statementsOf(state)) {
      out.push({ kind: 'person', name: s.name, start: s.start, end: s.end, detail: s.roles.map((r) => r.text).join('、') });
      for (const r of s.roles) {
        if (!r.organization || seenOrg.has(r.organization)) continue;
        seenOrg.add(r.organization);
        out.push({ kind: 'organization', name: r.organization, start: r.start, end: r.end, detail: r.inferred ? 'inferred from context' : r.text });
      }
    }
    const seenPlace = new Set<string>();
    const places = state.places;
    for (let b = 0; b < places.length; b += PLACE_FIELDS) {
      const name = places[b + 2] as string;
      if (seenPlace.has(name)) continue;
      seenPlace.add(name);
      out.push({ kind: 'place', name, start: places[b] as number, end: places[b + 1] as number, detail: places[b + 3] as string });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  /** The statements of one document as extracted (for diagnostics and tests). */
  statementsIn(uri: string): PersonStatement[] {
    // As extracted: the roles without what the index adds for the person (file, date, name span).
    const state = this.docs.get(uri);
    return (state ? statementsOf(state) : []).map((s) => ({
      name: s.name,
      written: s.written,
      start: s.start,
      end: s.end,
      kind: s.kind,
      roles: s.roles.map((r) => ({ text: r.text, start: r.start, end: r.end, title: r.title, organization: r.organization, inferred: r.inferred })),
    }));
  }

  /** The dates of one document. */
  datesOf(uri: string): { published?: string; event?: string } {
    const state = this.docs.get(uri);
    return { published: state?.published, event: state?.event };
  }
}
