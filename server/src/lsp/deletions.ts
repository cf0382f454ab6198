/**
 * Deletions heard while seed files are being read. A file read just before it was deleted is
 * not yet a workspace file when the watcher's event arrives (the scan reads a batch of files
 * before taking them in), so the event alone would not keep it out; a read asks here, with the
 * mark it took when it began, whether its file (or a folder above it) was deleted since.
 * A file deleted and written again is read again by its creation event, whose mark is later.
 */
export class DeletionsDuringReads {
  private count = 0;
  /** URI or folder prefix (ending in '/') → the count at its deletion; cleared when no read is under way. */
  private readonly deletedAt = new Map<string, number>();
  private readsUnderWay = 0;

  /** A read begins: the mark to give deletedSince once its text is in hand, then end(). */
  begin(): number {
    this.readsUnderWay++;
    return this.count;
  }

  end(): void {
    if (--this.readsUnderWay === 0) this.deletedAt.clear();
  }

  /** A file or folder was deleted (one watcher event may stand for a whole folder). */
  deleted(uri: string): void {
    if (this.readsUnderWay === 0) return;
    this.count++;
    this.deletedAt.set(uri, this.count);
    this.deletedAt.set(uri.endsWith('/') ? uri : `${uri}/`, this.count);
  }

  /** Whether `uri`, or a folder above it, was deleted after `mark` was taken. */
  deletedSince(uri: string, mark: number): boolean {
    if (this.deletedAt.size === 0) return false;
    if ((this.deletedAt.get(uri) ?? 0) > mark) return true;
    for (let slash = uri.indexOf('/'); slash !== -1; slash = uri.indexOf('/', slash + 1)) {
      if ((this.deletedAt.get(uri.slice(0, slash + 1)) ?? 0) > mark) return true;
    }
    return false;
  }
}
