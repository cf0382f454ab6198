// The seedtext TextMate grammar, tokenised by the same engine VS Code uses
// (vscode-textmate with the Oniguruma regex library).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(__dirname, '..', '..');
let grammar: textmate.IGrammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'text.seedtext'
        ? textmate.parseRawGrammar(readFileSync(join(root, 'syntaxes', 'seedtext.tmLanguage.json'), 'utf8'), 'seedtext.tmLanguage.json')
        : null,
  });
  grammar = (await registry.loadGrammar('text.seedtext'))!;
});

/** The text of every token whose scopes include one ending in `scope`, line by line. */
function tokensWith(text: string, scope: string): string[] {
  const found: string[] = [];
  let state = textmate.INITIAL;
  for (const line of text.split('\n')) {
    const { tokens, ruleStack } = grammar.tokenizeLine(line, state);
    state = ruleStack;
    for (const t of tokens) if (t.scopes.some((s) => s.startsWith(scope))) found.push(line.slice(t.startIndex, t.endIndex));
  }
  return found;
}

describe('seedtext grammar', () => {
  it('marks metadata keys and values in Simplified, Traditional and English', () => {
    assert.deepEqual(tokensWith('来源:苏州日报', 'entity.name.tag.metadata'), ['来源']);
    assert.deepEqual(tokensWith('信息來源:濟南日報', 'entity.name.tag.metadata'), ['信息來源']);
    assert.deepEqual(tokensWith('Author:Shanghai Putuo Time:2022.07.28', 'entity.name.tag.metadata'), ['Author']);
    assert.deepEqual(tokensWith('转自:苏州发布', 'string.unquoted.metadata'), ['苏州发布']);
  });

  it('marks the metadata header block Seed Curator writes', () => {
    const header = '---\nsource: 苏州日报\ndate: 2025-03-03\n---\n正文';
    assert.deepEqual(tokensWith(header, 'entity.name.tag.metadata'), ['source', 'date']);
    assert.deepEqual(tokensWith(header, 'meta.embedded.block.metadata').filter((t) => t.trim()).length > 0, true);
  });

  it('marks dates, in ISO and in Chinese form, and URLs', () => {
    assert.deepEqual(tokensWith('2018-06-20 22:56:46 看看新闻Knews', 'constant.numeric.date'), ['2018-06-20 22:56:46']);
    assert.deepEqual(tokensWith('5月30日,重庆市武隆区党政代表团来济', 'constant.numeric.date'), ['5月30日']);
    assert.deepEqual(tokensWith('见 https://example.org/a?b=1 。', 'markup.underline.link'), ['https://example.org/a?b=1']);
  });

  it('marks teaser headings and END trailers only as whole lines', () => {
    assert.deepEqual(tokensWith('相关内容', 'markup.heading.teaser'), ['相关内容']);
    assert.deepEqual(tokensWith('友情鏈接', 'markup.heading.teaser'), ['友情鏈接']);
    assert.deepEqual(tokensWith('我们阅读相关内容后', 'markup.heading.teaser'), []);
    assert.deepEqual(tokensWith('- END -', 'comment.line.end-trailer'), ['- END -']);
  });

  it('marks converter pinyin after a Han character, not other parentheses', () => {
    assert.deepEqual(tokensWith('東西部協(xié)作發(fā)展', 'invalid.illegal.pinyin-annotation'), ['(xié)', '(fā)']);
    assert.deepEqual(tokensWith('苏州河(吴淞江) and Shanghai (hù)', 'invalid.illegal.pinyin-annotation'), []);
  });

  it('marks a post written before a name', () => {
    assert.deepEqual(tokensWith('苏州市委书记刘小涛会见普陀区委书记胡广杰一行', 'entity.name.function.post'), ['市委书记', '区委书记']);
    assert.deepEqual(tokensWith('縣委副書記、縣長王中率巫溪黨政代表團', 'entity.name.function.post'), ['縣長']);
  });

  it('leaves plain article text unmarked', () => {
    const line = '为促进区域协同发展,双方将充分发挥各自优势。';
    const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
    assert.deepEqual(tokens.map((t) => t.scopes), [['text.seedtext']]);
  });
});
