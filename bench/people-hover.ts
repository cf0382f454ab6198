// Hover latency over the protocol: the built server (node esbuild.mjs first) on a copy of seeds/,
// 200 hovers over people's names spread over the seeds, round trip measured in the client.
// Also: the first people request after the scan (the index built on demand if the idle build has not run),
// and a hover right after an edit (the edited document re-indexed on the request).
//   npx tsx bench/people-hover.ts [requests]
import { performance } from 'node:perf_hooks';
import { startSeedServer, type Range } from '../test/lsp/client';

const REQUESTS = Number(process.argv[2]) || 200;
const GOAL_P99_MS = 50;

interface DocumentSymbol { name: string; kind: number; selectionRange: Range }
const PERSON_KIND = 13;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (n: number) => n.toFixed(2);

async function main(): Promise<void> {
  const server = await startSeedServer({ textDocument: { hover: { contentFormat: ['markdown'] } } });
  try {
    await server.scanned();
    const names = (await import('node:fs')).readdirSync(server.seedsDir).sort();
    const targets: Array<{ uri: string; position: { line: number; character: number } }> = [];
    let firstRequestMs: number | undefined;
    for (const name of names) {
      const started = performance.now();
      const symbols = (await server.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: server.seedUri(name) } })) as DocumentSymbol[];
      firstRequestMs ??= performance.now() - started;
      for (const s of symbols.filter((x) => x.kind === PERSON_KIND)) targets.push({ uri: server.seedUri(name), position: s.selectionRange.start });
    }
    if (targets.length === 0) throw new Error('no people found to hover');

    const hover = async (t: (typeof targets)[number]) => {
      const start = performance.now();
      const result: any = await server.conn.sendRequest('textDocument/hover', { textDocument: { uri: t.uri }, position: t.position });
      const elapsed = performance.now() - start;
      if (!result?.contents?.value?.includes('mention')) throw new Error(`no person hover at ${t.uri} ${JSON.stringify(t.position)}`);
      return elapsed;
    };

    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) times.push(await hover(targets[i % targets.length]));
    times.sort((a, b) => a - b);

    // A hover right after an edit of an open document: the document is re-indexed on the request.
    const uri = server.seedUri(names[names.length - 1]);
    const text = await server.seedText(names[names.length - 1]);
    server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'seedtext', version: 1, text } });
    const symbols = (await server.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    const person = symbols.find((s) => s.kind === PERSON_KIND)!;
    const afterEdit: number[] = [];
    for (let v = 2; v < 22; v++) {
      const edited = `${text}\n${'补'.repeat(v)}\n`;
      server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: edited }] });
      afterEdit.push(await hover({ uri, position: person.selectionRange.start }));
    }
    afterEdit.sort((a, b) => a - b);

    console.log(`people hover over stdio: ${targets.length} names in ${names.length} seeds, ${REQUESTS} requests`);
    console.log(`| measure | p50 ms | p99 ms | max ms |`);
    console.log(`| --- | --- | --- | --- |`);
    console.log(`| hover on a name | ${ms(percentile(times, 50))} | ${ms(percentile(times, 99))} | ${ms(times[times.length - 1])} |`);
    console.log(`| hover after an edit (re-index, 20) | ${ms(percentile(afterEdit, 50))} | ${ms(percentile(afterEdit, 99))} | ${ms(afterEdit[afterEdit.length - 1])} |`);
    console.log(`first people request right after the scan: ${ms(firstRequestMs!)} ms`);
    const p99 = percentile(times, 99);
    console.log(`goal: p99 of a hover ≤ ${GOAL_P99_MS} ms: ${p99 <= GOAL_P99_MS ? 'met' : 'MISSED'}`);
  } finally {
    await server.stop();
  }
}

void main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
