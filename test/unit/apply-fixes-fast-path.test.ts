// applyFixes takes fixes of one edit each, in order and apart, as they stand: the same result as
// taking every fix in turn (applyFixesOneByOne), on any fixes.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyFixes, applyFixesOneByOne } from '../../server/src/core/applyEdits';

const edit = (length: number) =>
  fc.record({ start: fc.integer({ min: -2, max: length + 2 }), span: fc.integer({ min: -1, max: 4 }), text: fc.constantFrom('', 'x', 'YZ') }).map((e) => ({
    start: e.start,
    end: e.start + e.span,
    text: e.text,
  }));

describe('applyFixes: the shortcut for fixes in order and apart', () => {
  it('gives what taking the fixes one by one gives, on fixes of any shape', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.array(fc.array(edit(12), { maxLength: 2 }), { maxLength: 6 }), (text, edits) => {
        const fixes = edits.map((e) => ({ edits: e }));
        assert.deepEqual(applyFixes(text, fixes), applyFixesOneByOne(text, fixes));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives what taking them one by one gives on a rule-like list: single edits in text order, some touching', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 20, maxLength: 40 }), fc.array(fc.tuple(fc.nat(3), fc.integer({ min: 0, max: 3 }), fc.constantFrom('', 'é', '€™')), { maxLength: 8 }), (text, steps) => {
        const fixes: { edits: { start: number; end: number; text: string }[] }[] = [];
        let at = 0;
        for (const [gap, span, t] of steps) {
          const start = at + gap;
          fixes.push({ edits: [{ start, end: start + span, text: t }] });
          at = start + span;
        }
        assert.deepEqual(applyFixes(text, fixes), applyFixesOneByOne(text, fixes));
      }),
      { numRuns: 5000 },
    );
  });
});
