// What the server publishes for an open document equals a plain construction from the engine's
// findings: every range converted by counting lines, every fix resolved by resolveEdits (the
// server takes shortcuts for speed), manual whole-file fixes left out, hints kept. Run
// `node esbuild.mjs` first.
import { strict as assert } from 'node:assert';
import { generateDocuments } from '../../bench/generate';
import { resolveEdits } from '../../server/src/core/applyEdits';
import { parseConfig } from '../../server/src/core/config';
import { singleDocumentCorpus } from '../../server/src/core/corpus';
import { SeedDocument } from '../../server/src/core/document';
import { lint } from '../../server/src/core/engine';
import { LspSession, type PublishParams } from '../support/lsp-session';
import { positionAt } from './client';

const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 } as const;

function reference(uri: string, text: string, version: number) {
  // The settings the server reads from an empty seedCurator section.
  const config = parseConfig({ options: { 'script-variant': { target: 'zh-Hans', extraProtect: [] } } });
  const findings = lint(new SeedDocument(uri, text), { config, corpus: singleDocumentCorpus(uri, text) });
  return findings.map((f) => {
    // One document open: what a finding relates to is elsewhere in the same text; the first five are published.
    const related = f.related?.length
      ? { relatedInformation: f.related.slice(0, 5).map((r) => ({ location: { uri: r.uri, range: { start: positionAt(text, r.start), end: positionAt(text, r.end) } }, message: r.message })) }
      : {};
    return {
      range: { start: positionAt(text, f.start), end: positionAt(text, f.end) },
      severity: SEVERITY[f.severity],
      source: 'seed-curator',
      code: f.ruleId,
      message: f.message,
      data: {
        version,
        fixes: f.fixes.filter((x) => !x.manual).map((x) => ({ title: x.title, safe: x.safe, edits: resolveEdits(text.length, x.edits).applied.map((e) => [e.start, e.end, e.text]) })),
      },
      ...related,
    };
  });
}

describe('published diagnostics equal a plain construction from the findings', function () {
  this.timeout(60000);
  let session: LspSession;
  before(async () => {
    session = await LspSession.start({ settings: { debounceMs: 0 } });
  });
  after(async () => {
    await session.stop();
  });

  for (const kb of [8, 60]) {
    it(`a ${kb} KB document, complete lint`, async () => {
      const text = generateDocuments({ seed: kb, totalBytes: kb * 1024 }).map((d) => d.text).join('\n\n');
      const uri = `file:///published-${kb}.txt`;
      session.open(uri, text, 1);
      // A large document gets a provisional publication first, then the complete one.
      const publications = () => session.published.filter((p) => p.uri === uri);
      const wanted = text.length >= 16_384 ? 2 : 1;
      await session.until(() => (publications().length >= wanted ? true : undefined), `publication ${wanted} of ${uri}`);
      const published: PublishParams = publications()[wanted - 1];
      const expected = reference(uri, text, 1);
      assert.ok(expected.length > 20, `${expected.length} findings`);
      assert.ok(expected.some((d) => d.data.fixes.some((f) => f.edits.length > 1)) || kb < 60, 'some fix of several edits');
      assert.deepEqual(published.diagnostics, expected);
      // Closed, it leaves the server's corpus: the next document is linted alone, as the reference is.
      session.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      await session.until(() => (session.latest.get(uri)?.diagnostics.length === 0 ? true : undefined), `${uri} cleared`);
    });
  }
});
