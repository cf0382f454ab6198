import assert from 'node:assert/strict';
import { applyEdits, applyFixes } from '../../server/src/core/applyEdits';
import { Corpus } from '../../server/src/core/corpus';
import { SeedDocument } from '../../server/src/core/document';
import { fixText, lintSteps, lintText } from '../../server/src/core/engine';
import { runSteps } from '../../server/src/core/steps';
import { parseConfig } from '../../server/src/core/config';
import type { Rule } from '../../server/src/core/types';

describe('positions', () => {
  it('counts UTF-16 code units, so an astral character is two', () => {
    const doc = new SeedDocument('x', '𠀀發(fā)\n第二行');
    const start = doc.text.indexOf('(fā)');
    assert.deepEqual(doc.positionAt(start), { line: 0, character: 3 });
    assert.deepEqual(doc.positionAt(doc.text.indexOf('二')), { line: 1, character: 1 });
    assert.equal(doc.offsetAt({ line: 0, character: 3 }), start);
  });

  it('treats \\r\\n, \\n and \\r as one line break each', () => {
    const doc = new SeedDocument('x', 'a\r\nb\nc\rd');
    assert.deepEqual(doc.lines.map((l) => l.text), ['a', 'b', 'c', 'd']);
    assert.deepEqual(doc.positionAt(doc.text.indexOf('d')), { line: 3, character: 0 });
    // A character past the end of a line stops before its break.
    assert.equal(doc.offsetAt({ line: 0, character: 99 }), 1);
    assert.equal(doc.offsetAt({ line: 99, character: 0 }), doc.text.length);
  });
});

describe('applyEdits', () => {
  it('applies non-overlapping edits in any input order', () => {
    const r = applyEdits('abcdef', [{ start: 4, end: 5, text: 'E' }, { start: 0, end: 1, text: 'A' }]);
    assert.equal(r.text, 'AbcdEf');
  });

  it('drops the later of two overlapping edits deterministically, whatever the input order', () => {
    const a = { start: 1, end: 4, text: 'X' };
    const b = { start: 2, end: 5, text: 'Y' };
    const one = applyEdits('abcdef', [a, b]);
    const two = applyEdits('abcdef', [b, a]);
    assert.equal(one.text, 'aXef');
    assert.equal(two.text, one.text);
    assert.deepEqual(one.skipped, [b]);
  });

  it('keeps touching edits and applies a duplicated edit once', () => {
    const r = applyEdits('abcd', [{ start: 1, end: 2, text: '' }, { start: 2, end: 3, text: '' }, { start: 1, end: 2, text: '' }]);
    assert.equal(r.text, 'ad');
    assert.equal(r.applied.length, 2);
  });

  it('clamps edits that reach past the text', () => {
    assert.equal(applyEdits('abc', [{ start: 2, end: 99, text: 'Z' }]).text, 'abZ');
  });
});

describe('applyFixes', () => {
  it('applies a fix of several edits whole or not at all', () => {
    const text = '標題\n來源:新華社\n正文\n';
    const source = text.indexOf('來源');
    // Move the source line into a header: delete it there, insert at the top.
    const move = { edits: [{ start: source, end: source + '來源:新華社\n'.length, text: '' }, { start: 0, end: 0, text: '---\nsource: 新華社\n---\n' }] };
    // A competing fix on the same line, first in text order of its own edit.
    const rewrite = { edits: [{ start: source + 3, end: source + 6, text: '新华社' }] };
    const r = applyFixes(text, [rewrite, move]);
    assert.deepEqual(r.applied, [1]);
    assert.deepEqual(r.skipped, [0]);
    assert.equal(r.text, '---\nsource: 新華社\n---\n標題\n正文\n');
    // A fix is ordered by its first edit (the move's insertion at 0), whatever the input order.
    const s = applyFixes(text, [move, rewrite]);
    assert.equal(s.text, r.text);
    // Without the move, the rewrite applies.
    assert.equal(applyFixes(text, [rewrite]).text, '標題\n來源:新华社\n正文\n');
  });

  it('drops an insertion inside a range another fix replaces, and a second identical edit', () => {
    const r = applyFixes('abcdef', [{ edits: [{ start: 1, end: 4, text: 'X' }] }, { edits: [{ start: 2, end: 2, text: 'Y' }] }, { edits: [{ start: 1, end: 4, text: 'X' }] }]);
    assert.equal(r.text, 'aXef');
    assert.deepEqual(r.skipped, [1, 2]);
  });

  it('keeps touching fixes and insertions at a fix boundary', () => {
    const r = applyFixes('abcd', [{ edits: [{ start: 1, end: 2, text: '' }] }, { edits: [{ start: 2, end: 3, text: '' }, { start: 4, end: 4, text: '!' }] }, { edits: [{ start: 1, end: 1, text: '>' }] }]);
    assert.equal(r.text, 'a>d!');
    assert.deepEqual(r.applied, [0, 1, 2]);
  });
});

describe('corpus', () => {
  it('keeps line statistics incrementally as documents change and go', () => {
    const corpus = new Corpus();
    corpus.set('a', '版权所有\n正文一\n');
    corpus.set('b', '  版权所有 \n正文二\n');
    assert.equal(corpus.lines.documentCount('版权所有'), 2);
    corpus.set('b', '正文二\n');
    assert.equal(corpus.lines.documentCount('版权所有'), 1);
    corpus.delete('a');
    assert.equal(corpus.lines.documentCount('版权所有'), 0);
    assert.equal(corpus.size, 1);
  });
});

describe('engine', () => {
  it('applies the fix order: an entity decoded first lets the pinyin rule see its Han neighbour', () => {
    const text = '濟南&middot;協(xié)作';
    const fixed = fixText('t', text).text;
    assert.equal(fixed, '濟南·協作');
  });

  it('reaches a fixed point on double-escaped entities', () => {
    const r = fixText('t', '上海&amp;middot;大连');
    assert.equal(r.text, '上海·大连');
    assert.ok(r.converged);
  });

  it('honours rule levels from settings, and off', () => {
    const text = '發(fā)展';
    assert.equal(lintText('t', text, { config: parseConfig({ rules: { 'pinyin-annotation': 'error' } }) })[0].severity, 'error');
    assert.equal(lintText('t', text, { config: parseConfig({ rules: { 'pinyin-annotation': 'off' } }) }).length, 0);
    // Junk in settings is ignored, not trusted.
    assert.equal(lintText('t', text, { config: parseConfig({ rules: { 'pinyin-annotation': 'loud' } }) })[0].severity, 'warning');
  });

  it('isolates a rule that throws and reports it', () => {
    const boom: Rule = { id: 'boom', description: '', category: 'encoding', defaultSeverity: 'error', check: () => { throw new Error('bad'); } };
    const ok: Rule = { id: 'ok', description: '', category: 'encoding', defaultSeverity: 'hint', check: () => [{ start: 0, end: 1, message: 'm', fixes: [] }] };
    const errors: string[] = [];
    const findings = lintText('t', 'abc', { rules: [boom, ok], onRuleError: (id) => errors.push(id) });
    assert.deepEqual(findings.map((f) => f.ruleId), ['ok']);
    assert.deepEqual(errors, ['boom']);
  });

  it('lints in parts: a rule with checkInSteps yields between its parts, and the result is the lint\'s', () => {
    // One part per line; check runs the same parts to the end.
    const perLine: Rule = {
      id: 'per-line', description: '', category: 'encoding', defaultSeverity: 'warning',
      *checkInSteps(doc) {
        const found = [];
        for (const line of doc.lines) {
          if (line.text.includes('x')) found.push({ start: line.start, end: line.end, message: 'x', fixes: [] });
          yield;
        }
        return found;
      },
      check(doc, ctx) {
        return runSteps(this.checkInSteps!(doc, ctx));
      },
    };
    const whole: Rule = { id: 'whole', description: '', category: 'encoding', defaultSeverity: 'hint', check: () => [{ start: 0, end: 1, message: 'w', fixes: [] }] };
    const text = 'ax\nb\ncx\nd';
    const steps = lintSteps(new SeedDocument('t', text), { rules: [perLine, whole] });
    let parts = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) parts++;
    // Four lines' parts and the yield after each of the two rules.
    assert.equal(parts, 4 + 2);
    assert.deepEqual(step.value, lintText('t', text, { rules: [perLine, whole] }));
    assert.deepEqual(step.value.map((f) => [f.ruleId, f.start]), [['whole', 0], ['per-line', 0], ['per-line', 5]]);
  });

  it('reports a rule that throws in one of its parts, and the others still run', () => {
    const boom: Rule = {
      id: 'boom', description: '', category: 'encoding', defaultSeverity: 'error',
      *checkInSteps() {
        yield;
        throw new Error('bad');
      },
      check() { throw new Error('bad'); },
    };
    const ok: Rule = { id: 'ok', description: '', category: 'encoding', defaultSeverity: 'hint', check: () => [{ start: 0, end: 1, message: 'm', fixes: [] }] };
    const errors: string[] = [];
    const findings = runSteps(lintSteps(new SeedDocument('t', 'abc'), { rules: [boom, ok], onRuleError: (id) => errors.push(id) }));
    assert.deepEqual(findings.map((f) => f.ruleId), ['ok']);
    assert.deepEqual(errors, ['boom']);
  });
});
