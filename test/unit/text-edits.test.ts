// editsBetween (core/text-edits): the edits fix-all, Clean and Convert send to the editor.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits } from '../../server/src/core/applyEdits';
import { fixText } from '../../server/src/core/engine';
import { editsBetween } from '../../server/src/core/text-edits';
import type { TextEdit } from '../../server/src/core/types';

const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;

/** Sorted, not overlapping, reproducing `after`, and no edit boundary inside a surrogate pair. */
function checkEdits(before: string, after: string, edits: TextEdit[]): void {
  assert.equal(applyEdits(before, edits).text, after);
  for (let i = 1; i < edits.length; i++) assert.ok(edits[i - 1].end <= edits[i].start, `edits ${i - 1} and ${i} overlap or are out of order`);
  for (const e of edits) {
    for (const at of [e.start, e.end]) {
      if (at > 0 && at < before.length) assert.ok(!(isSurrogate(before.charCodeAt(at - 1)) && isSurrogate(before.charCodeAt(at)) && before.charCodeAt(at - 1) < 0xdc00), `boundary ${at} splits a surrogate pair`);
    }
  }
}

describe('edits between a text and its fixed text', () => {
  it('makes each repair its own edit: the annotations of a line, not the line', () => {
    const before = 'a\r\nb發(fā)展(zhǎn)c\nc\nd';
    const after = fixText('t', before).text;
    assert.equal(after, 'a\r\nb發展c\nc\nd');
    const edits = editsBetween(before, after);
    checkEdits(before, after, edits);
    assert.deepEqual(edits.map((e) => before.slice(e.start, e.end)), ['(fā)', '(zhǎn)']);
    assert.ok(edits.every((e) => e.text === ''));
  });

  it('replaces a damaged run as one edit, keeping the untouched text around it', () => {
    const before = '共赴山?!濒斢鍏f(xié)作之约\n';
    const after = '共赴山海”魯渝協(xié)作之约\n';
    const edits = editsBetween(before, after);
    checkEdits(before, after, edits);
    assert.deepEqual(edits, [{ start: 3, end: 9, text: '海”魯渝協' }]);
  });

  it('keeps the repairs of a line apart from boilerplate lines removed next to it', () => {
    const before = '下载客户端\n推荐阅读\n區(qū)域協(xié)作發(fā)展\n';
    const after = '區域協作發展\n';
    const edits = editsBetween(before, after);
    checkEdits(before, after, edits);
    assert.deepEqual(edits.map((e) => before.slice(e.start, e.end)), ['下载客户端\n推荐阅读\n', '(qū)', '(xié)', '(fā)']);
  });

  it('inserts and removes whole lines as one edit each', () => {
    const x = 'one\ntwo\nthree\n';
    const y = 'zero\none\nthree\nfour';
    const edits = editsBetween(x, y);
    checkEdits(x, y, edits);
    assert.deepEqual(edits.map((e) => [x.slice(e.start, e.end), e.text]), [['', 'zero\n'], ['two\n', ''], ['', 'four']]);
  });

  it('never splits an astral character, whatever differs around it', () => {
    const before = 'x𠀀y\n𠀁\n';
    const after = 'x𠀁y\n𠀀\n';
    const edits = editsBetween(before, after);
    checkEdits(before, after, edits);
    assert.deepEqual(edits.map((e) => [before.slice(e.start, e.end), e.text]), [['𠀀', '𠀁'], ['𠀁', '𠀀']]);
  });

  it('reproduces any text from any other (random lines of Han, pinyin, astral and line breaks)', () => {
    const piece = fc.constantFrom('發', '展', '(fā)', '(zhǎn)', '𠀀', '𠀁', 'a', ' ', '\n', '\r\n', '\r', '?', '”');
    const text = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, text, (before, after) => checkEdits(before, after, editsBetween(before, after))),
      { numRuns: 2000, seed: 20261123 },
    );
  });

  it('keeps a long line with many changes correct (one edit past the bound of the character diff)', () => {
    const before = Array.from({ length: 3000 }, (_, i) => (i % 2 ? '發' : '展')).join('');
    const after = Array.from({ length: 3000 }, (_, i) => (i % 3 ? '发' : '展')).join('');
    const edits = editsBetween(before, after);
    checkEdits(before, after, edits);
    assert.equal(edits.length, 1);
  });
});
