import assert from 'node:assert/strict';
import * as iconv from 'iconv-lite';
import { fileProblem, fixWithinLimit, partToAnalyse } from '../../server/src/editor/file-checks';

describe('editor file checks', () => {
  it('tells a GBK file and a Big5 file apart from UTF-8, and says how to reopen them', () => {
    const text = '苏州市委书记刘小涛会见普陀区委书记胡广杰一行,共同见证两地签署合作备忘录。';
    assert.match(fileProblem(iconv.encode(text, 'gbk'))!, /This file is GBK, not UTF-8.*Reopen with Encoding.*--encoding gbk/);
    assert.match(fileProblem(iconv.encode('濟南市委書記劉強出席並講話,武隆區委書記何慶出席並講話。', 'big5'))!, /This file is Big5/);
    assert.equal(fileProblem(Buffer.from(text, 'utf8')), undefined);
    assert.equal(fileProblem(new Uint8Array()), undefined);
    assert.match(fileProblem(Buffer.from([0x61, 0, 0x62]))!, /Binary file/);
  });

  it('cuts a large text at a line break before the limit and says what was checked', () => {
    const line = '上海市普陀区党政代表团来苏州考察。\n'; // 17 Han/punctuation × 3 bytes + 1
    const text = line.repeat(100);
    const part = partToAnalyse(text, 1024);
    assert.ok(Buffer.byteLength(part.text) <= 1024);
    assert.ok(part.text.endsWith('\n'));
    assert.equal(part.text, line.repeat(part.text.length / line.length));
    assert.match(part.note!, /only the first 19 lines were checked/);
    assert.deepEqual(partToAnalyse(text, 1024 * 1024), { text });
  });

  it('checks a line longer than the limit up to the limit, whole characters, and says which part', () => {
    const title = '标题\n';
    const long = '合作𠀀'.repeat(1000); // 2,000 bytes of Han and astral characters, one line
    const part = partToAnalyse(title + long + '\n结尾\n', 1024);
    assert.ok(part.text.startsWith(title + '合作𠀀'));
    assert.ok(Buffer.byteLength(part.text) <= 1024 && Buffer.byteLength(part.text) > 1024 - 4, `${Buffer.byteLength(part.text)} bytes`);
    assert.equal(part.text, (title + long).slice(0, part.text.length), 'a prefix of the text');
    assert.ok(!/[\ud800-\udbff]$/.test(part.text), 'no astral character cut in half');
    const characters = part.text.length - title.length;
    assert.match(part.note!, new RegExp(`only the first 1 lines and the first ${characters} characters of line 2 were checked`));
    // A file of one line.
    assert.match(partToAnalyse(long, 1024).note!, /only the first \d+ characters of line 1 were checked/);
  });

  it('fix-all stops where the analysis does: damage past the limit is left as it is', () => {
    const damaged = '两地召开发(fā)展会议。\n';
    const text = damaged.repeat(200);
    const maxBytes = Buffer.byteLength(damaged) * 50 + 10;
    const fixed = fixWithinLimit('file:///big.txt', text, maxBytes, { only: ['pinyin-annotation'] }).text;
    const cut = partToAnalyse(text, maxBytes).text.length;
    assert.equal(cut, damaged.length * 50);
    assert.equal(fixed.slice(fixed.length - (text.length - cut)), text.slice(cut), 'the rest unchanged');
    assert.equal(fixed.slice(0, fixed.length - (text.length - cut)), '两地召开发展会议。\n'.repeat(50), 'the analysed part fixed');
    assert.equal(fixWithinLimit('file:///small.txt', damaged, maxBytes, { only: ['pinyin-annotation'] }).text, '两地召开发展会议。\n');
  });

  it('counts lone CR and CRLF line breaks as lines when it cuts', () => {
    const text = '上海市普陀区党政代表团来苏州考察。\r'.repeat(50) + '合作交流。\r\n'.repeat(50);
    const part = partToAnalyse(text, 1024);
    assert.ok(part.text.endsWith('\r'));
    assert.equal(part.text, text.slice(0, part.text.length));
    const lines = part.text.split(/\r\n|\r|\n/).length - 1;
    assert.match(part.note!, new RegExp(`only the first ${lines} lines were checked`));
  });
});
