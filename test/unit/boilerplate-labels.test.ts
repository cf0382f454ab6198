// The Traditional forms of the metadata labels are written out in metadata.ts (converting
// them at start-up loaded OpenCC's dictionaries for some 150 words): they must stay what
// OpenCC gives, for every label, in the order the parser once converted them.
import assert from 'node:assert/strict';
import { LABELS, METADATA_KEYS, TRADITIONAL_FORMS, parseMetadataLine } from '../../server/src/boilerplate/metadata';
import { converter } from '../../server/src/script/opencc';

describe('metadata labels in Traditional script', () => {
  it('are the forms OpenCC gives each label (cn→t, cn→tw, cn→hk), each once, and no others', () => {
    const expected: Record<string, string[]> = {};
    for (const key of METADATA_KEYS) {
      for (const label of LABELS[key]) {
        const forms: string[] = [];
        for (const form of [converter('cn', 't')(label), converter('cn', 'tw')(label), converter('cn', 'hk')(label)]) if (form !== label && !forms.includes(form)) forms.push(form);
        if (forms.length > 0) expected[label] = forms;
      }
    }
    assert.deepEqual({ ...TRADITIONAL_FORMS }, expected);
  });

  it('are read as labels', () => {
    assert.deepEqual(parseMetadataLine('責任編輯：王五')?.pairs.map((p) => [p.key, p.value]), [['editor', '王五']]);
    assert.deepEqual(parseMetadataLine('點閲次數：1024')?.pairs.map((p) => p.key), ['views']);
    // An English label that is also a name on Object.prototype's chain is no problem either.
    assert.equal(parseMetadataLine('constructor: x'), undefined);
  });
});
