// The people index keeps views without their annotation-free text and rebuilds it from
// the original and the cut list (viewText, viewSlice): the rebuilt text must be the
// one makeView made, at every offset, or mention offsets and written forms would drift.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { generateDocuments } from '../../bench/generate';
import { keptView, makeView, originalSpan, simplifiedText, viewSlice, viewText, type KeptView } from '../../server/src/people/view';

const kept = (text: string): KeptView => keptView(makeView(text));

describe('people: kept views', () => {
  it('rebuild the annotation-free text of generated documents and of a name cut by an annotation', () => {
    const texts = [...generateDocuments({ seed: 3, files: 40 }).map((d) => d.text), '濟南市委書記劉(liú)強(qiáng)出席', '劉(liú)', '(liú)劉(liú)'];
    let annotated = 0;
    for (const text of texts) {
      const view = makeView(text);
      if (view.cuts) annotated++;
      const k = kept(text);
      assert.equal(viewText(k), view.text);
      for (let start = 0; start < view.text.length; start += 7) {
        for (const end of [start, start + 1, start + 3, start + 40]) {
          const e = Math.min(end, view.text.length);
          assert.equal(viewSlice(k, start, e), view.text.slice(start, e), `${start}-${e}`);
        }
      }
    }
    assert.ok(annotated >= 10, `${annotated} annotated texts`);
  });

  it('rebuild the Simplified text, also of pages that keep only their converted lines', () => {
    const texts = [...generateDocuments({ seed: 3, files: 60 }).map((d) => d.text), '劉強\n刘强', '这是简体\n這是繁體\n这是简体', '這是(zhè)繁體\n这是简体'];
    let onlyLines = 0;
    for (const text of texts) {
      const k = kept(text);
      if (k.simplified === undefined) onlyLines++;
      assert.equal(simplifiedText(k), makeView(text).simplified);
    }
    assert.ok(onlyLines >= 5, `${onlyLines} views keep their converted lines only`);
  });

  it('map offsets past 64K units of a long text (short texts keep their cuts in 16 bits)', () => {
    const line = '濟南市委書記劉強(qiáng)出席,市委副書記、市長(zhǎng)于海田主持。';
    const text = Array.from({ length: 2600 }, () => line).join('\n');
    assert.ok(text.length > 0x10000 + 1000);
    const view = makeView(text);
    assert.equal(viewText(kept(text)), view.text);
    for (let i = view.text.length - 3000; i < view.text.length; i += 17) {
      const o = originalSpan(view, i, i + 1);
      assert.equal(text.slice(o.start, o.end), view.text[i], `view offset ${i}`);
    }
  });

  it('rebuild any text of Han characters, annotations and brackets', () => {
    const piece = fc.constantFrom('劉', '強', '发', '展', '(qiáng)', '（fā）', '(', ')', 'a', '\n', '𠀀', '(xx)');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.nat(), fc.nat(), (pieces, a, b) => {
        const text = pieces.join('');
        const view = makeView(text);
        const k = kept(text);
        assert.equal(viewText(k), view.text);
        const start = a % (view.text.length + 1);
        const end = start + (b % (view.text.length - start + 1));
        assert.equal(viewSlice(k, start, end), view.text.slice(start, end));
      }),
      { seed: 21, numRuns: 2000 },
    );
  });
});
