// The people index in the editor: hover, go to definition, references, workspace and
// document symbols, semantic tokens. The server keeps one `WorkspacePeople` next to its
// corpus (`PeopleTrackingCorpus` feeds it every text the corpus receives); the answers
// are plain LSP-shaped data, positions converted only through SeedDocument.
import { pinyin } from 'pinyin-pro';
import { Corpus } from '../core/corpus';
import { SeedDocument } from '../core/document';
import type { Range } from '../core/positions';
import { PeopleIndex, type Person, type PersonRole, type PeopleSymbol } from '../people/index';
import { COMPOUND_SURNAMES } from '../people/lexicon';

// LSP enumerations, by value (this module stays free of the protocol library).
const SYMBOL_KIND = { namespace: 3, class: 5, variable: 13 } as const;
type SymbolKind = (typeof SYMBOL_KIND)[keyof typeof SYMBOL_KIND];
const SYMBOL_KIND_OF: Record<PeopleSymbol['kind'], SymbolKind> = {
  person: SYMBOL_KIND.variable,
  organization: SYMBOL_KIND.class,
  place: SYMBOL_KIND.namespace,
};

/** Custom token types; package.json declares them with a standard super type for themes that do not know them. */
export const SEMANTIC_TOKEN_LEGEND = { tokenTypes: ['person', 'post'], tokenModifiers: ['declaration'] };
const TOKEN_PERSON = 0;
const TOKEN_POST = 1;
const MODIFIER_DECLARATION = 1 << 0;

/** Roles listed in a hover before "… and N more": a person named in many files stays readable. */
const HOVER_ROLE_LIMIT = 12;
const WORKSPACE_SYMBOL_LIMIT = 500;
/** After the last change, the index catches up this much later so the first hover does not wait for it. */
const IDLE_INDEX_MS = 300;
/** Indexing at idle moments runs in slices of this many ms, so a request waits at most about that long. */
const IDLE_SLICE_MS = 15;
/** Documents whose line starts are kept for position conversion (the ones asked about recently). */
const LINE_INDEX_LIMIT = 256;

export interface Location {
  uri: string;
  range: Range;
}

export interface PersonHover {
  markdown: string;
  /** The mention under the cursor. */
  range: Range;
  start: number;
  end: number;
}

export interface SymbolInformation {
  name: string;
  kind: SymbolKind;
  location: Location;
  containerName?: string;
}

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
}

/** Romanised name as people write it: surname, space, given name (Liu Xiaotao, Zhuge Yujie). */
export function romanisedName(name: string): string {
  if (!/^\p{Script=Han}+$/u.test(name)) return '';
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head' }) as string[];
  const surnameLength = COMPOUND_SURNAMES.has(name.slice(0, 2)) ? 2 : 1;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const given = syllables.slice(surnameLength).join('');
  return [cap(syllables.slice(0, surnameLength).join('')), cap(given)].filter(Boolean).join(' ');
}

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~]/g;
function md(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

function basename(uri: string): string {
  const path = uri.split(/[?#]/)[0];
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** A corpus that also hands every text it is given to the people index, so both follow the same events. */
export class PeopleTrackingCorpus extends Corpus {
  constructor(private readonly people: WorkspacePeople) {
    super();
  }

  override set(uri: string, text: string): void {
    super.set(uri, text);
    this.people.set(uri, text);
  }

  override delete(uri: string): void {
    super.delete(uri);
    this.people.delete(uri);
  }
}

export class WorkspacePeople {
  readonly index = new PeopleIndex();
  /** Texts given but not yet indexed (null: remove); typing only queues, the next query or idle moment indexes. */
  private readonly pending = new Map<string, string | null>();
  /** The text the index holds for each document, for offset/position conversion. */
  private readonly texts = new Map<string, string>();
  /**
   * Documents with their line starts, for the texts converted recently: built when asked, not
   * kept for the whole workspace (9 MB of line starts for 10,000 files that are never asked about).
   */
  private readonly lineIndexed = new Map<string, SeedDocument>();
  /** A batch being indexed at idle moments, a slice at a time. */
  private batch: { changes: Map<string, string | null>; steps: Generator<void, void, void> } | undefined;
  private idle: NodeJS.Timeout | undefined;
  private continuing = false;
  /** Holds taken (a workspace scan under way): the server is not idle, the index waits (queries still flush it). */
  private holds = 0;

  constructor(
    private readonly idleMs = IDLE_INDEX_MS,
    /** Work per turn of the event loop while indexing at idle moments. */
    private readonly sliceMs = IDLE_SLICE_MS,
  ) {}

  /** The text the index holds or will hold once the work in progress is done. */
  private latest(uri: string): string | null | undefined {
    if (this.pending.has(uri)) return this.pending.get(uri);
    if (this.batch?.changes.has(uri)) return this.batch.changes.get(uri);
    return this.texts.get(uri);
  }

  /** The indexed text of a uri as a document with line access. */
  private seedDocument(uri: string): SeedDocument | undefined {
    const text = this.texts.get(uri);
    if (text === undefined) return undefined;
    let doc = this.lineIndexed.get(uri);
    // Kept in order of use: the least recently asked goes first.
    this.lineIndexed.delete(uri);
    if (!doc || doc.text !== text) doc = new SeedDocument(uri, text);
    if (this.lineIndexed.size >= LINE_INDEX_LIMIT) this.lineIndexed.delete(this.lineIndexed.keys().next().value!);
    this.lineIndexed.set(uri, doc);
    return doc;
  }

  private setText(uri: string, text: string | null): void {
    if (text === null) this.texts.delete(uri);
    else this.texts.set(uri, text);
    this.lineIndexed.delete(uri);
  }

  set(uri: string, text: string): void {
    if (this.latest(uri) === text) return;
    this.pending.set(uri, text);
    this.scheduleIdle();
  }

  delete(uri: string): void {
    const latest = this.latest(uri);
    if (latest === undefined || latest === null) return;
    this.pending.set(uri, null);
    this.scheduleIdle();
  }

  private scheduleIdle(): void {
    if (this.continuing || this.holds > 0) return; // a batch in progress takes the new texts next; a hold reschedules on release
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      this.idle = undefined;
      this.continueIndexing();
    }, this.idleMs);
    this.idle.unref?.();
  }

  /**
   * Keeps indexing at idle moments from running until the returned release is called: a
   * workspace scan's lint ran between the index's slices (a tenth of a scan's time went to
   * the index), delaying every diagnostic for an index nothing had asked for yet.
   */
  hold(): () => void {
    this.holds++;
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds === 0 && (this.pending.size > 0 || this.batch)) this.scheduleIdle();
    };
  }

  /** Indexes at idle moments a slice at a time, letting requests and edits through between slices. */
  private continueIndexing(): void {
    this.continuing = this.holds === 0 && this.step(this.sliceMs);
    if (this.continuing) setImmediate(() => this.continueIndexing());
  }

  /** Some of the indexing work, for about `budgetMs`; true while work remains. */
  step(budgetMs: number): boolean {
    const until = performance.now() + budgetMs;
    for (;;) {
      if (!this.batch) {
        if (this.pending.size === 0) return false;
        // One batch: each document's mentions are scanned once, for the names known after all of it.
        const changes = new Map(this.pending);
        this.pending.clear();
        this.batch = { changes, steps: this.index.steps(changes) };
      }
      // At least one step per call, however small the budget.
      do {
        if (this.batch.steps.next().done) {
          this.finishBatch();
          break;
        }
      } while (performance.now() < until);
      if (performance.now() >= until) return this.batch !== undefined || this.pending.size > 0;
    }
  }

  private finishBatch(): void {
    const batch = this.batch!;
    for (const [uri, text] of batch.changes) this.setText(uri, text);
    this.batch = undefined;
  }

  /** Indexes the queued texts; every query calls it first, so answers match the texts given. */
  flush(): void {
    if (this.batch) {
      for (const _ of this.batch.steps);
      this.finishBatch();
    }
    if (this.pending.size === 0) return;
    const changes = new Map(this.pending);
    this.pending.clear();
    this.index.apply(changes);
    for (const [uri, text] of changes) this.setText(uri, text);
  }

  /** The indexed document of a uri, when its indexed text is `text` (when given). */
  private doc(uri: string, text?: string): SeedDocument | undefined {
    this.flush();
    const indexed = this.texts.get(uri);
    return indexed !== undefined && (text === undefined || indexed === text) ? this.seedDocument(uri) : undefined;
  }

  private location(uri: string, start: number, end: number): Location | undefined {
    const doc = this.seedDocument(uri);
    return doc ? { uri, range: doc.rangeOf(start, end) } : undefined;
  }

  /**
   * The person named at a position of a document. A cursor (definition, references) may also sit
   * just after the name; a hover is over a character, so it must be inside the name.
   */
  private personAt(uri: string, position: { line: number; character: number }, options: { text?: string; inside?: boolean } = {}) {
    const doc = this.doc(uri, options.text);
    if (!doc) return undefined;
    const offset = doc.offsetAt(position);
    const found = this.index.personAt(uri, offset);
    if (!found || (options.inside && offset >= found.mention.end)) return undefined;
    return { ...found, doc };
  }

  /** The whole statement a role comes from: posts and name (`縣委副書記、縣長王中`, `Pan Xiaogang, Director of …`). */
  private statementSpan(person: Person, role: PersonRole): { start: number; end: number } {
    const same = person.roles.filter((r) => r.uri === role.uri && r.nameStart === role.nameStart);
    return {
      start: Math.min(role.nameStart, ...same.map((r) => r.start)),
      end: Math.max(role.nameEnd, ...same.map((r) => r.end)),
    };
  }

  /** A markdown link that opens a source at a line (VS Code reads `#L<line>,<column>` of file URIs). */
  private sourceLink(uri: string, offset: number): string {
    const doc = this.seedDocument(uri);
    const position = doc ? doc.positionAt(offset) : { line: 0, character: 0 };
    const target = `${uri.split('#')[0]}#L${position.line + 1},${position.character + 1}`;
    return `[${md(basename(uri))}:${position.line + 1}](${target})`;
  }

  hover(uri: string, position: { line: number; character: number }, text?: string): PersonHover | undefined {
    const found = this.personAt(uri, position, { text, inside: true });
    if (!found) return undefined;
    const { person, mention, doc } = found;
    const lines: string[] = [];
    const romanised = romanisedName(person.name);
    const otherForms = [...person.aliases, ...(romanised ? [romanised] : [])];
    lines.push(`**${md(person.name)}**${otherForms.length ? ` (${otherForms.map(md).join(', ')})` : ''} — ${person.kind}`);
    if (mention.written !== person.name && !person.aliases.includes(mention.written)) lines.push('', `Written here as ${md(mention.written)}`);
    lines.push('');
    for (const role of person.roles.slice(0, HOVER_ROLE_LIMIT)) {
      const org = role.organization ? ` — ${md(role.organization)}${role.inferred ? ' _(inferred from context)_' : ''}` : '';
      lines.push(`- **${md(role.text)}**${org} · ${role.date ?? 'undated'} · ${this.sourceLink(role.uri, role.start)}`);
    }
    if (person.roles.length > HOVER_ROLE_LIMIT) lines.push(`- … and ${person.roles.length - HOVER_ROLE_LIMIT} more`);
    if (person.roles.length === 0) lines.push('_No post stated._');
    const mentions = this.index.mentionsOf(person.key);
    const files = new Set(mentions.map((m) => m.uri)).size;
    lines.push('', `${mentions.length} mention${mentions.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} of the workspace`);
    return { markdown: lines.join('\n'), range: doc.rangeOf(mention.start, mention.end), start: mention.start, end: mention.end };
  }

  /** The first role statement of the person at the position. */
  definition(uri: string, position: { line: number; character: number }): Location | undefined {
    const found = this.personAt(uri, position);
    if (!found) return undefined;
    const role = this.index.firstRoleStatement(found.person.key);
    if (!role) return undefined;
    const span = this.statementSpan(found.person, role);
    return this.location(role.uri, span.start, span.end);
  }

  /** Every mention of the person at the position, across the workspace. */
  references(uri: string, position: { line: number; character: number }, includeDeclaration: boolean): Location[] {
    const found = this.personAt(uri, position);
    if (!found) return [];
    const declaration = this.index.firstRoleStatement(found.person.key);
    const out: Location[] = [];
    for (const m of this.index.mentionsOf(found.person.key)) {
      if (!includeDeclaration && declaration && m.uri === declaration.uri && m.start === declaration.nameStart) continue;
      const location = this.location(m.uri, m.start, m.end);
      if (location) out.push(location);
    }
    return out;
  }

  /**
   * People whose name, other-script form or pinyin contains the query. The symbol's name carries
   * all three, because VS Code filters the answers again by fuzzy-matching the query against it.
   */
  workspaceSymbols(query: string): SymbolInformation[] {
    this.flush();
    const out: SymbolInformation[] = [];
    for (const person of this.index.findPeople(query)) {
      // Where the first post is stated, else the first mention.
      const role = person.roles[0];
      const mention = role ? undefined : this.index.mentionsOf(person.key)[0];
      const location = role ? this.location(role.uri, role.nameStart, role.nameEnd) : mention && this.location(mention.uri, mention.start, mention.end);
      if (!location) continue;
      const romanised = romanisedName(person.name);
      out.push({
        name: [person.name, ...person.aliases, ...(romanised ? [`(${romanised})`] : [])].join(' '),
        kind: SYMBOL_KIND.variable,
        location,
        containerName: [...new Set(person.roles.map((r) => r.text))].join('; ') || person.kind,
      });
      if (out.length >= WORKSPACE_SYMBOL_LIMIT) break;
    }
    return out;
  }

  /** The outline of a document: its people, places and organisations in text order. */
  documentSymbols(uri: string): DocumentSymbol[] {
    const doc = this.doc(uri);
    if (!doc) return [];
    return this.index.documentSymbols(uri).map((s) => {
      const range = doc.rangeOf(s.start, s.end);
      return { name: s.name, detail: s.detail, kind: SYMBOL_KIND_OF[s.kind], range, selectionRange: range };
    });
  }

  /** Names (declarations where a post is stated) and posts, encoded relative to the previous token as LSP wants. */
  semanticTokens(uri: string): { data: number[] } {
    const doc = this.doc(uri);
    if (!doc) return { data: [] };
    const spans: Array<{ start: number; end: number; type: number; modifiers: number }> = [];
    for (const m of this.index.mentionsIn(uri)) spans.push({ start: m.start, end: m.end, type: TOKEN_PERSON, modifiers: m.statement ? MODIFIER_DECLARATION : 0 });
    for (const s of this.index.statementsIn(uri)) for (const r of s.roles) spans.push({ start: r.start, end: r.end, type: TOKEN_POST, modifiers: 0 });
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    const data: number[] = [];
    let previousLine = 0;
    let previousCharacter = 0;
    let lastEnd = -1;
    for (const span of spans) {
      // Tokens may not overlap; the earlier (or longer) one wins.
      if (span.start < lastEnd || span.end <= span.start) continue;
      lastEnd = span.end;
      // Tokens may not span lines either: one token per line piece.
      const firstLine = doc.lineIndexAt(span.start);
      const lastLine = doc.lineIndexAt(span.end - 1);
      for (let line = firstLine; line <= lastLine; line++) {
        const l = doc.lineAt(line);
        const start = Math.max(span.start, l.start);
        const end = Math.min(span.end, l.end);
        if (end <= start) continue;
        const range = doc.rangeOf(start, end);
        const length = range.end.character - range.start.character;
        data.push(
          range.start.line - previousLine,
          range.start.line === previousLine ? range.start.character - previousCharacter : range.start.character,
          length,
          span.type,
          span.modifiers,
        );
        previousLine = range.start.line;
        previousCharacter = range.start.character;
      }
    }
    return { data };
  }
}
