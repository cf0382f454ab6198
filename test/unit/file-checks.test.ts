import assert from 'node:assert/strict';
import * as iconv from 'iconv-lite';
import { fileProblem, partToAnalyse } from '../../server/src/editor/file-checks';

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
});
