// Related locations over the protocol: a footer line carried by twelve pages of one site.
// Also: hints are published for open documents only.
// The diagnostic carries the first few other files (each range on the same line there);
// the hover lists more of them as links to the line. Runs the BUILT server (`node esbuild.mjs`).
import { strict as assert } from 'node:assert';
import { promises as fs, realpathSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from '../support/lsp-session';
import { offsetAt } from './client';

const CITIES = ['苏州', '铜仁', '杭州', '黔东南', '重庆', '宁波', '丽水', '遵义', '天津', '日喀则', '青岛', '安顺'];
const FOOTER = '网站标识码：1234567890 备案号：京ICP备12345678号-1';

/** One page of the site: its own article, the site's shared footer. */
function page(i: number): string {
  return [
    `${CITIES[i]}市代表团赴对口地区考察东西部协作项目`,
    `发布日期：2024-05-${String(10 + i).padStart(2, '0')}　来源：${CITIES[i]}日报`,
    `${CITIES[i]}市党政代表团一行深入产业园区、乡村振兴示范点，实地考察东西部协作项目建设情况，并召开座谈会。`,
    `座谈会上，双方围绕产业合作、劳务协作、消费帮扶等方面深入交流，第${i + 1}批合作协议现场签约。`,
    `代表团表示，将持续深化${CITIES[i]}与协作地区的结对关系，推动更多项目落地见效。`,
    '主办单位：东西部协作信息网 承办单位：协作交流中心',
    FOOTER,
  ].join('\n');
}

describe('related locations of a line repeated across a site', function () {
  this.timeout(30000);
  let session: LspSession;
  let workspace: string;
  const texts = new Map<string, string>();

  before(async function () {
    workspace = realpathSync(await fs.mkdtemp(path.join(os.tmpdir(), 'seed-curator-related-')));
    await fs.mkdir(path.join(workspace, 'seeds'));
    for (let i = 0; i < CITIES.length; i++) {
      const file = path.join(workspace, 'seeds', `p${String(i).padStart(2, '0')}.txt`);
      await fs.writeFile(file, page(i));
      texts.set(pathToFileURL(file).href, page(i));
    }
    session = await LspSession.start({ workspace, settings: { debounceMs: 0 } });
    await session.until(() => (session.progressEnded.size > 0 && [...texts.keys()].every((u) => session.latest.has(u)) ? true : undefined), 'the scan');
  });

  after(async function () {
    await session?.stop();
    if (workspace) await fs.rm(workspace, { recursive: true, force: true });
  });

  it('publishes a closed file without its hints (VS Code shows hints only in an open editor), an opened one with them', async function () {
    const uri = [...texts.keys()][1];
    const closed = session.latest.get(uri)!.diagnostics;
    assert.ok(closed.length > 0 && closed.every((d) => d.severity !== 4), 'no hint for a closed file');
    const since = session.published.length;
    session.open(uri, texts.get(uri)!, 1);
    const open = (await session.nextPublication(uri, 1, since)).diagnostics;
    assert.ok(open.some((d) => d.severity === 4 && d.code === 'boilerplate-repeated-line'), 'the hints once opened');
    assert.deepEqual(open.filter((d) => d.severity !== 4).map((d) => d.message), closed.map((d) => d.message));
    session.close(uri);
    const after = await session.nextPublication(uri, undefined, since + 1);
    assert.ok(after.diagnostics.every((d) => d.severity !== 4), 'closed again: no hints');
  });

  it('sends the first five other files with the diagnostic, each range on the same line there', async function () {
    const uri = [...texts.keys()][0];
    // Opened: the footer stands in a block of page furniture, so its repeated-line finding is a
    // hint, published for open documents only.
    const since = session.published.length;
    session.open(uri, texts.get(uri)!, 1);
    const published = await session.nextPublication(uri, 1, since);
    const footer = published.diagnostics.find((d: any) => d.code === 'boilerplate-repeated-line' && d.message.includes('12 files') && d.range.start.line === 6) as any;
    assert.ok(footer, 'the footer line is reported as repeated');
    assert.equal(footer.relatedInformation.length, 5);
    for (const r of footer.relatedInformation) {
      assert.notEqual(r.location.uri, uri);
      const text = texts.get(r.location.uri)!;
      assert.equal(text.slice(offsetAt(text, r.location.range.start), offsetAt(text, r.location.range.end)), FOOTER);
    }
  });

  it('lists ten of the eleven other files on hover, as links to the line, and says one more', async function () {
    const uri = [...texts.keys()][0];
    const hover: any = await session.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 3 } });
    const value: string = hover.contents.value;
    const links = [...value.matchAll(/\[(p\d\d\.txt):(\d+)\]\((file:[^)#]+)#L(\d+)\) — The same line/g)];
    assert.equal(links.length, 10, value);
    for (const [, name, line, target, fragment] of links) {
      assert.equal(line, '7');
      assert.equal(fragment, '7');
      assert.ok(target.endsWith(`/${name}`) && target !== uri);
    }
    assert.match(value, /… and 1 more/);
  });
});
