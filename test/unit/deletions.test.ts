// lsp/deletions: which reads a deletion event overtakes (the server's scan reads a batch of
// files before taking them in; test/lsp/lifecycle.test.ts shows the race over the protocol).
import assert from 'node:assert/strict';
import { DeletionsDuringReads } from '../../server/src/lsp/deletions';

describe('deletions heard while files are read', () => {
  it('marks a file deleted after its read began, not one deleted before', () => {
    const deletions = new DeletionsDuringReads();
    const batch = deletions.begin();
    deletions.deleted('file:///w/seeds/a.txt');
    const later = deletions.begin();
    assert.equal(deletions.deletedSince('file:///w/seeds/a.txt', batch), true);
    // Written again and read after the event: this read's text stands.
    assert.equal(deletions.deletedSince('file:///w/seeds/a.txt', later), false);
    assert.equal(deletions.deletedSince('file:///w/seeds/b.txt', batch), false);
    // Not a prefix match on names: a.txt.bak is another file.
    assert.equal(deletions.deletedSince('file:///w/seeds/a.txt.bak', batch), false);
  });

  it('marks every file under a deleted folder, one event for the folder', () => {
    const deletions = new DeletionsDuringReads();
    const mark = deletions.begin();
    deletions.deleted('file:///w/seeds/old');
    assert.equal(deletions.deletedSince('file:///w/seeds/old/x/doc.txt', mark), true);
    assert.equal(deletions.deletedSince('file:///w/seeds/older/doc.txt', mark), false);
  });

  it('forgets deletions once no read is under way, and ignores those heard when none was', () => {
    const deletions = new DeletionsDuringReads();
    deletions.deleted('file:///w/seeds/a.txt');
    const first = deletions.begin();
    assert.equal(deletions.deletedSince('file:///w/seeds/a.txt', first), false);
    const second = deletions.begin();
    deletions.deleted('file:///w/seeds/b.txt');
    deletions.end();
    // One read still under way: the deletion is kept for it.
    assert.equal(deletions.deletedSince('file:///w/seeds/b.txt', second), true);
    deletions.end();
    const third = deletions.begin();
    assert.equal(deletions.deletedSince('file:///w/seeds/b.txt', third), false);
    assert.equal(deletions.deletedSince('file:///w/seeds/b.txt', first), false, 'cleared when the last read ended');
  });
});
