// People in the editor, over stdio against the BUILT server (run `node esbuild.mjs` first):
// hover, definition, references, workspace and document symbols, semantic tokens, and the
// index following opened, edited and deleted files.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { offsetAt, positionAt, sliceRange, startSeedServer, type Range, type SeedServer } from './client';

const SEED_000 = '000_ad37a12b72859678.txt';
const SEED_001 = '001_f2b6781d392f61d3.txt';
const SEED_002 = '002_e0e838bfc07b6f33.txt';
const SEED_003 = '003_19257488ec84b839.txt';
const SEED_004 = '004_b09956585209fd7f.txt';

// A converter's pinyin reading after a Han character, as in 劉強(qiáng).
const ANNOTATION = /(?<=\p{Script=Han})\([a-zü\u00e0-\u01dc]+\)/gu;
const withoutAnnotations = (s: string) => s.replace(ANNOTATION, '');

interface Location { uri: string; range: Range }
interface Hover { contents: { kind: string; value: string }; range: Range }
interface SymbolInformation { name: string; kind: number; location: Location; containerName?: string }
interface DocumentSymbol { name: string; detail?: string; kind: number; range: Range; selectionRange: Range }

describe('people in the editor (LSP over stdio)', function () {
  this.timeout(60000);
  let server: SeedServer;
  const texts = new Map<string, string>();

  const text = (name: string) => texts.get(name)!;
  /** The position of the `nth` occurrence of `needle` in a seed, plus `into` characters. */
  function at(name: string, needle: string, into = 0, nth = 0): { line: number; character: number } {
    let offset = -1;
    for (let i = 0; i <= nth; i++) offset = text(name).indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `${needle} (#${nth}) is in ${name}`);
    return positionAt(text(name), offset + into);
  }
  const hover = (name: string, position: { line: number; character: number }) =>
    server.conn.sendRequest('textDocument/hover', { textDocument: { uri: server.seedUri(name) }, position }) as Promise<Hover | null>;
  const nameOf = (uri: string) => path.basename(fileURLToPath(uri));
  const textAt = (location: Location) => sliceRange(text(nameOf(location.uri)), location.range);

  before(async function () {
    server = await startSeedServer({ textDocument: { hover: { contentFormat: ['markdown'] } } });
    for (const name of await fs.readdir(server.seedsDir)) texts.set(name, await server.seedText(name));
    await server.scanned();
  });

  after(async () => server?.stop());

  it('declares the navigation capabilities and a semantic token legend', function () {
    const caps = server.initializeResult.capabilities;
    assert.equal(caps.definitionProvider, true);
    assert.equal(caps.referencesProvider, true);
    assert.equal(caps.workspaceSymbolProvider, true);
    assert.equal(caps.documentSymbolProvider, true);
    assert.ok(caps.semanticTokensProvider.full);
    assert.ok(caps.semanticTokensProvider.legend.tokenTypes.includes('person'));
  });

  it('hovers 刘小涛 in seed 004: his post, the document date and a link to the file', async function () {
    const h = await hover(SEED_004, at(SEED_004, '苏州市委书记刘小涛', '苏州市委书记'.length + 1));
    assert.ok(h, 'a hover over the name');
    assert.equal(h.contents.kind, 'markdown');
    assert.equal(sliceRange(text(SEED_004), h.range), '刘小涛', 'the hover range is the name');
    const md = h.contents.value;
    assert.ok(md.includes('**刘小涛**'));
    assert.ok(md.includes('劉小濤'), 'the Traditional form');
    assert.ok(md.includes('official'));
    // The role line: post, date (3月3日 of the 2025 page) and a link to the line of the statement.
    const roleLine = md.split('\n').find((l) => l.includes('苏州市委书记'));
    assert.ok(roleLine, `a line with 苏州市委书记 in\n${md}`);
    assert.ok(roleLine.includes('2025-03-03'), roleLine);
    const statementLine = at(SEED_004, '苏州市委书记刘小涛').line + 1;
    const link = roleLine.match(/\]\((file:[^)]+)\)/);
    assert.ok(link, `a file link in ${roleLine}`);
    assert.equal(link[1].split('#')[0], server.seedUri(SEED_004));
    assert.match(link[1], new RegExp(`#L${statementLine},\\d+$`));
    // Every mention of 刘小涛 in the seeds, counted here from the text.
    const count = [...texts.values()].reduce((n, t) => n + t.split('刘小涛').length - 1, 0);
    assert.match(md, new RegExp(`\\b${count} mentions in 1 file\\b`));
  });

  it('hovers 劉強 in seed 003 (Traditional, also where written 劉強(qiáng)): 刘强, 濟南市委書記', async function () {
    const damaged = text(SEED_003).indexOf('劉強(qiáng)');
    assert.ok(damaged >= 0, 'the seed holds the damaged form');
    for (const position of [at(SEED_003, '記劉強', 1), positionAt(text(SEED_003), damaged + 1)]) {
      const h = await hover(SEED_003, position);
      assert.ok(h, `a hover at ${JSON.stringify(position)}`);
      assert.equal(sliceRange(text(SEED_003), h.range), '劉強', 'the name, without the annotation');
      assert.ok(h.contents.value.includes('**刘强**'), h.contents.value);
      assert.ok(h.contents.value.includes('濟南市委書記'), 'the post as written');
    }
  });

  it('hovers an English name in seed 000 with its posts', async function () {
    const h = await hover(SEED_000, at(SEED_000, 'Pan Xiaogang, Director', 2));
    assert.ok(h);
    assert.equal(sliceRange(text(SEED_000), h.range), 'Pan Xiaogang');
    assert.ok(h.contents.value.includes('Director of the Municipal Government Cooperation and Exchange Office'));
    assert.ok(h.contents.value.includes('Secretary of the Party Group'));
  });

  it('says when an organisation is inferred from context (市长应勇 after 上海市委书记)', async function () {
    const h = await hover(SEED_002, at(SEED_002, '市长应勇', 2));
    assert.ok(h);
    const roleLine = h.contents.value.split('\n').find((l) => l.startsWith('- **市长**'));
    assert.ok(roleLine, h.contents.value);
    assert.ok(roleLine.includes('上海市') && roleLine.includes('inferred from context'), roleLine);
  });

  it('combines a person and a finding that overlap: 習(xí)近平 in seed 003', async function () {
    const position = at(SEED_003, '習(xí)近平', 2); // inside the annotation
    const h = await hover(SEED_003, position);
    assert.ok(h);
    const [person, finding] = h.contents.value.split('\n\n---\n\n');
    assert.ok(person.includes('**习近平**'), person);
    assert.ok(finding?.includes('pinyin-annotation'), 'the rule explanation follows');
    assert.equal(sliceRange(text(SEED_003), h.range), '習(xí)近平', 'the range covers both');
    // Inside the annotation after 劉強 there is no person: only the finding.
    const onlyFinding = await hover(SEED_003, positionAt(text(SEED_003), text(SEED_003).indexOf('劉強(qiáng)') + 4));
    assert.ok(onlyFinding);
    assert.ok(!onlyFinding.contents.value.includes('刘强'));
    assert.ok(onlyFinding.contents.value.includes('pinyin-annotation'));
  });

  it('goes from a mention of 王中 in seed 001 to his role statement 縣委副書記、縣長王中', async function () {
    const mention = at(SEED_001, '王中指出', 1);
    const definition = (await server.conn.sendRequest('textDocument/definition', { textDocument: { uri: server.seedUri(SEED_001) }, position: mention })) as Location;
    assert.ok(definition && !Array.isArray(definition), 'one location');
    assert.equal(definition.uri, server.seedUri(SEED_001));
    assert.equal(withoutAnnotations(textAt(definition)), '縣委副書記、縣長王中');
    // Nowhere to go from text that names nobody.
    const nothing = await server.conn.sendRequest('textDocument/definition', { textDocument: { uri: server.seedUri(SEED_001) }, position: at(SEED_001, '干部') });
    assert.equal(nothing, null);
  });

  it('finds every mention of 李强 across the workspace', async function () {
    const position = at(SEED_002, '李强', 1);
    const request = (includeDeclaration: boolean) =>
      server.conn.sendRequest('textDocument/references', { textDocument: { uri: server.seedUri(SEED_002) }, position, context: { includeDeclaration } }) as Promise<Location[]>;
    const all = await request(true);
    // Counted from the texts: 李强 in either script, converter readings between the characters allowed.
    const expected = [...texts.values()].reduce((n, t) => n + (withoutAnnotations(t).match(/李[强強]/g) ?? []).length, 0);
    assert.ok(expected >= 2);
    assert.equal(all.length, expected);
    for (const l of all) assert.match(withoutAnnotations(textAt(l)), /^李[强強]$/);
    assert.equal(new Set(all.map((l) => `${l.uri}:${l.range.start.line}:${l.range.start.character}`)).size, all.length, 'no duplicates');
    assert.equal((await request(false)).length, expected - 1, 'without the declaration');
  });

  it('finds one person by pinyin, Simplified and Traditional workspace symbol queries', async function () {
    const query = (q: string) => server.conn.sendRequest('workspace/symbol', { query: q }) as Promise<SymbolInformation[]>;
    const [byPinyin, bySimplified, byTraditional] = await Promise.all([query('liuqiang'), query('刘强'), query('劉強')]);
    assert.equal(byPinyin.length, 1, JSON.stringify(byPinyin));
    assert.deepEqual(bySimplified, byPinyin);
    assert.deepEqual(byTraditional, byPinyin);
    const [symbol] = byPinyin;
    // VS Code filters the answers by the symbol name again: it must hold all three forms.
    for (const form of ['刘强', '劉強']) assert.ok(symbol.name.includes(form), symbol.name);
    assert.match(symbol.name.toLowerCase().replace(/\s+/g, ''), /liuqiang/);
    assert.equal(nameOf(symbol.location.uri), SEED_003);
    assert.equal(textAt(symbol.location), '劉強');
    // 刘小涛 shares the surname, not the name.
    assert.ok(!(await query('liuqiang')).some((s) => s.name.includes('刘小涛')));
    assert.ok((await query('liu')).some((s) => s.name.includes('刘小涛')));
  });

  it('outlines seed 002 with its people, places and organisations', async function () {
    const symbols = (await server.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: server.seedUri(SEED_002) } })) as DocumentSymbol[];
    const yingYong = symbols.find((s) => s.name === '应勇');
    assert.ok(yingYong, symbols.map((s) => s.name).join(' '));
    assert.equal(yingYong.kind, 13, 'a person is a variable');
    assert.equal(sliceRange(text(SEED_002), yingYong.selectionRange), '应勇');
    assert.ok(yingYong.detail?.includes('市长'));
    // The people of seed 002 are all there, and the places named with them.
    for (const name of ['李强', '应勇', '唐一军', '谭作钧', '诸葛宇杰', '彭沉雷', '李金科', '谭成旭']) assert.ok(symbols.some((s) => s.name === name && s.kind === 13), name);
    assert.ok(symbols.some((s) => s.name === '上海市' && s.kind === 3), 'a place');
    assert.ok(symbols.some((s) => s.kind === 5), 'an organisation');
    const starts = symbols.map((s) => offsetAt(text(SEED_002), s.range.start));
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'in text order');
  });

  it('returns semantic tokens that decode to names and posts', async function () {
    const legend = server.initializeResult.capabilities.semanticTokensProvider.legend as { tokenTypes: string[]; tokenModifiers: string[] };
    for (const name of [SEED_002, SEED_003]) {
      const { data } = (await server.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: server.seedUri(name) } })) as { data: number[] };
      assert.equal(data.length % 5, 0);
      const tokens: Array<{ text: string; type: string; declaration: boolean; start: number }> = [];
      let line = 0;
      let character = 0;
      for (let i = 0; i < data.length; i += 5) {
        line += data[i];
        character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
        const start = offsetAt(text(name), { line, character });
        tokens.push({ text: text(name).slice(start, start + data[i + 2]), type: legend.tokenTypes[data[i + 3]], declaration: (data[i + 4] & (1 << legend.tokenModifiers.indexOf('declaration'))) !== 0, start });
      }
      for (let i = 1; i < tokens.length; i++) assert.ok(tokens[i].start >= tokens[i - 1].start + tokens[i - 1].text.length, 'ordered, not overlapping');
      const people = tokens.filter((t) => t.type === 'person');
      const posts = tokens.filter((t) => t.type === 'post');
      assert.ok(people.length > 0 && posts.length > 0, `${name}: names and posts`);
      for (const t of posts) assert.match(withoutAnnotations(t.text), /[书書][记記]|[长長]|常委|[领領][导導]|成[员員]|[摄攝]影|[编編][辑輯]|[记記]者/u, `a post: ${t.text}`);
      if (name === SEED_002) {
        // The statement 市委副书记、市长应勇: the name a declaration, both posts before it.
        const statement = text(name).indexOf('市委副书记、市长应勇');
        assert.ok(people.some((t) => t.text === '应勇' && t.declaration && t.start === statement + 8));
        assert.ok(posts.some((t) => t.text === '市委副书记' && t.start === statement));
        assert.ok(posts.some((t) => t.text === '市长' && t.start === statement + 6));
        for (const n of ['李强', '唐一军', '谭作钧']) assert.ok(people.some((t) => t.text === n), n);
      } else {
        assert.ok(people.some((t) => t.text === '劉強' && t.declaration));
        assert.ok(people.some((t) => t.text === '劉強' && !t.declaration), 'a later mention');
      }
    }
  });

  it('follows an opened document as it is edited, and drops a deleted file', async function () {
    const uri = server.seedUri(SEED_004);
    const edited = text(SEED_004) + '\n苏州市委副书记、市长吴庆文出席。\n';
    server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'seedtext', version: 1, text: text(SEED_004) } });
    server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
    const h = await server.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionAt(edited, edited.indexOf('吴庆文') + 1) }) as Hover | null;
    assert.ok(h, 'the new statement is indexed');
    assert.ok(h.contents.value.includes('**吴庆文**') && h.contents.value.includes('市委副书记'));
    server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: text(SEED_004) }] });
    assert.deepEqual(await server.conn.sendRequest('workspace/symbol', { query: '吴庆文' }), [], 'gone with the edit');
    server.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });

    // Deleting seed 001 takes 王中 out of the index.
    const query = () => server.conn.sendRequest('workspace/symbol', { query: '王中' }) as Promise<SymbolInformation[]>;
    assert.equal((await query()).length, 1);
    const since = server.published.length;
    await fs.rm(path.join(server.seedsDir, SEED_001));
    server.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: server.seedUri(SEED_001), type: 3 }] });
    // The server clears the file's diagnostics when it has handled the deletion.
    await server.publication((p) => p.uri === server.seedUri(SEED_001) && p.diagnostics.length === 0, 'diagnostics of the deleted file cleared', since);
    assert.deepEqual(await query(), []);
  });
});
