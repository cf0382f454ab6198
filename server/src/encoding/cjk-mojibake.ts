import iconv from 'iconv-lite';
import { Commonness, type CommonnessModel } from './cjk-commonness';

// Finds text that is the bytes of one Chinese codec decoded with another (UTF-8
// read as GBK gives 鍏 娴 鈥 锟斤拷; GBK read as Big5 and Big5 read as GBK give
// strings of real but rare characters), and double-byte streams whose pairing
// slipped by one byte (a lead byte that lost its high bit, or was dropped).
// Every repair is a byte-exact round trip through iconv-lite; the commonness
// model decides which of the exact readings is the text and which the damage.

export type CodecName = 'utf8' | 'gbk' | 'big5';

export interface CodecPath {
  id: string;
  /** The codec that wrongly decoded the bytes: the damaged text encodes back with it. */
  readAs: CodecName;
  /** The codec the bytes really are in. */
  actual: CodecName;
  /** A slipped double-byte stream: restore the first byte's high bit, or drop the first byte. */
  shift?: 'high-bit' | 'drop-first';
  describe: string;
}

export const CODEC_PATHS: readonly CodecPath[] = [
  { id: 'utf8-as-gbk', readAs: 'gbk', actual: 'utf8', describe: 'UTF-8 bytes decoded as GBK' },
  { id: 'utf8-as-big5', readAs: 'big5', actual: 'utf8', describe: 'UTF-8 bytes decoded as Big5' },
  { id: 'big5-as-gbk', readAs: 'gbk', actual: 'big5', describe: 'Big5 bytes decoded as GBK' },
  { id: 'gbk-as-big5', readAs: 'big5', actual: 'gbk', describe: 'GBK bytes decoded as Big5' },
  { id: 'gbk-high-bit', readAs: 'gbk', actual: 'gbk', shift: 'high-bit', describe: 'a GBK stream whose lead byte lost its high bit, so every following pair slipped by one byte' },
  { id: 'big5-high-bit', readAs: 'big5', actual: 'big5', shift: 'high-bit', describe: 'a Big5 stream whose lead byte lost its high bit, so every following pair slipped by one byte' },
  { id: 'gbk-drop-first', readAs: 'gbk', actual: 'gbk', shift: 'drop-first', describe: 'a GBK stream that lost a lead byte, so the following pairs slipped by one byte' },
  { id: 'big5-drop-first', readAs: 'big5', actual: 'big5', shift: 'drop-first', describe: 'a Big5 stream that lost a lead byte, so the following pairs slipped by one byte' },
];

/** iconv-lite names; GB18030 is GBK's superset, so it encodes every character a GBK decoder can produce. */
const ICONV: Record<CodecName, string> = { utf8: 'utf8', gbk: 'gb18030', big5: 'big5' };

export interface MojibakeSpan {
  /** Offsets into the analysed text (UTF-16). */
  start: number;
  end: number;
  damaged: string;
  /** The exact reading of the bytes; undefined when no codec round trip restores the run. */
  repaired?: string;
  path?: CodecPath;
  /** The repair is exact and markedly more common: fit for fix-all. */
  safe: boolean;
  /** A `?` just before the run stands for a character whose bytes are gone. */
  lostBefore: boolean;
  /** The repair itself says bytes were lost before the damage (U+FFFD inside, or a dropped byte). */
  bytesLost: boolean;
  /** The uncommon characters that made the run suspicious. */
  evidence: string[];
}

interface Cp {
  ch: string;
  /** Offset of the code point in the text. */
  at: number;
}

const LATIN = /\p{Script=Latin}/u;
const SPACE = /\s/u;

const byteCache = new Map<string, Buffer | null>();

/** The bytes of one character in `codec`, or null when the codec cannot hold it. */
function charBytes(ch: string, codec: CodecName): Buffer | null {
  const key = codec + ch;
  let bytes = byteCache.get(key);
  if (bytes !== undefined) return bytes;
  bytes = null;
  // U+FFFD is what a decoder wrote for bytes it could not read: it has no bytes of its own.
  if (ch === '\uFFFD') {
    byteCache.set(key, null);
    return null;
  }
  // GBK first: a GBK decoder made 0x80 into €, which GB18030 would encode as A2 E3.
  for (const name of codec === 'gbk' ? ['gbk', 'gb18030'] : [ICONV[codec]]) {
    const encoded = iconv.encode(ch, name);
    if (iconv.decode(encoded, name) === ch) {
      bytes = encoded;
      break;
    }
  }
  byteCache.set(key, bytes);
  return bytes;
}

/** Decodes `bytes` as `codec` only when encoding the result gives the very same bytes. */
function exactDecode(bytes: Buffer, codec: CodecName): string | undefined {
  const text = codec === 'utf8' ? bytes.toString('utf8') : iconv.decode(bytes, ICONV[codec]);
  const back = codec === 'utf8' ? Buffer.from(text, 'utf8') : iconv.encode(text, ICONV[codec]);
  return back.equals(bytes) ? text : undefined;
}

/** How many bytes at the end form a UTF-8 sequence whose last bytes are missing (0 when none). */
function incompleteUtf8Tail(bytes: Buffer): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 && byte <= 0xf4 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc2 ? 2 : 0;
    return need > back ? back : 0;
  }
  return 0;
}

function hasControl(text: string): boolean {
  return /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/.test(text);
}

interface Candidate {
  a: number;
  b: number;
  path: CodecPath;
  damaged: string;
  repaired: string;
  gain: number;
  damagedUncommon: number;
  repairedUncommon: number;
  lostMarks: number;
}

function tryWindow(cps: Cp[], a: number, b: number, path: CodecPath, model: CommonnessModel): Candidate | undefined {
  const parts: Buffer[] = [];
  for (let i = a; i < b; i++) {
    const bytes = charBytes(cps[i].ch, path.readAs);
    if (!bytes) return undefined;
    parts.push(bytes);
  }
  let bytes = Buffer.concat(parts);
  if (path.shift === 'high-bit') {
    // Only an ASCII byte that could be a lead with its high bit restored (0x21–0x7E → 0xA1–0xFE).
    if (bytes.length < 2 || bytes[0] < 0x21 || bytes[0] > 0x7e) return undefined;
    bytes = Buffer.from(bytes);
    bytes[0] |= 0x80;
  } else if (path.shift === 'drop-first') {
    // The first character must be double-byte: its first byte is the orphaned trail.
    if (bytes.length < 3 || bytes[0] < 0x81 || parts[0].length !== 2) return undefined;
    bytes = bytes.subarray(1);
  }
  let repaired = exactDecode(bytes, path.actual);
  let truncated = false;
  if (repaired === undefined && path.actual === 'utf8' && !path.shift && b < cps.length && (cps[b].ch === '\uFFFD' || cps[b].ch === '?')) {
    // The run ends in an incomplete UTF-8 sequence whose last bytes the wrong decoder
    // turned into the `?`/U+FFFD that follows: everything before it is exact, the
    // last character is gone.
    const cut = incompleteUtf8Tail(bytes);
    if (cut > 0) {
      const head = exactDecode(bytes.subarray(0, bytes.length - cut), 'utf8');
      if (head !== undefined) {
        repaired = head + '\uFFFD';
        truncated = true;
        b++;
      }
    }
  }
  if (repaired === undefined || hasControl(repaired)) return undefined;
  const damaged = cps.slice(a, b).map((c) => c.ch).join('');
  if (repaired === damaged) return undefined;
  // U+FFFD inside valid UTF-8 is a character lost before this damage: it stays a mark of loss.
  let lostMarks = 0;
  for (const ch of truncated ? repaired.slice(0, -1) : repaired) if (ch === '\uFFFD') lostMarks++;
  if (path.shift === 'drop-first') {
    repaired = '\uFFFD' + repaired;
    lostMarks++;
  }
  if (truncated) lostMarks++;
  let repairedCost = 0;
  let repairedUncommon = 0;
  for (const ch of repaired) {
    if (ch === '\uFFFD') continue;
    const c = model.of(ch);
    repairedCost += c;
    if (c !== Commonness.Common) repairedUncommon++;
  }
  let damagedCost = 0;
  let damagedUncommon = 0;
  // The lost-byte mark a truncated run swallowed is no evidence of mojibake.
  for (let i = a; i < (truncated ? b - 1 : b); i++) {
    const c = model.of(cps[i].ch);
    damagedCost += c;
    if (c !== Commonness.Common) damagedUncommon++;
  }
  return { a, b, path, damaged, repaired, gain: damagedCost - repairedCost, damagedUncommon, repairedUncommon, lostMarks };
}

/** Is this character a seed of suspicion: uncommon, not Latin (pinyin tone letters are not mojibake), not space? */
function isSeed(ch: string, model: CommonnessModel): boolean {
  return model.of(ch) !== Commonness.Common && !LATIN.test(ch) && !SPACE.test(ch) && ch !== '\uFFFD';
}

const BOUNDARY = /[\s\x21-\x7e，。、；：！？“”‘’《》（）]/u;

function isBoundary(ch: string): boolean {
  return BOUNDARY.test(ch);
}

const MAX_GAP = 4;
const MAX_REACH = 8;

/** Clusters of suspicious characters on one line, as [first, last] code point indexes. */
function clusters(cps: Cp[], model: CommonnessModel): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let current: [number, number] | undefined;
  for (let i = 0; i < cps.length; i++) {
    if (!isSeed(cps[i].ch, model)) continue;
    const bridged = current && i - current[1] - 1 <= MAX_GAP && !cps.slice(current[1] + 1, i).some((c) => SPACE.test(c.ch));
    if (current && bridged) current[1] = i;
    else {
      if (current) out.push(current);
      current = [i, i];
    }
  }
  if (current) out.push(current);
  return out;
}

function better(x: Candidate, y: Candidate | undefined): boolean {
  if (!y) return true;
  // Net gain first: it already charges the repair for any rare character it keeps
  // (以万物为刍狗 is a better reading than 以万物为 and three characters of mojibake).
  if (x.gain !== y.gain) return x.gain > y.gain;
  if (x.repairedUncommon !== y.repairedUncommon) return x.repairedUncommon < y.repairedUncommon;
  if (x.lostMarks !== y.lostMarks) return x.lostMarks < y.lostMarks;
  // The same gain over more characters: the damage reaches that far (an exact
  // decoding of clean text into other common text would have cost it gain).
  return x.b - x.a > y.b - y.a;
}

/** Whether a candidate is a credible repair at all, and whether it is safe. */
function grade(c: Candidate): 'safe' | 'unsafe' | undefined {
  const damagedNonAscii = [...c.damaged].filter((ch) => ch.charCodeAt(0) >= 0x80).length;
  const density = damagedNonAscii === 0 ? 0 : c.damagedUncommon / damagedNonAscii;
  const repairedLength = [...c.repaired].length;
  if (c.repairedUncommon > (c.path.shift ? 0 : Math.max(1, Math.floor(repairedLength / 5)))) return undefined;
  // ASCII bytes mean the same in every codec here: a repair that makes new ASCII
  // characters out of trail bytes (0x40–0x7E) is pairing the bytes wrongly.
  const asciiIn = (text: string) => [...text].filter((ch) => ch.charCodeAt(0) < 0x80).sort().join('');
  const made = asciiIn(c.repaired);
  if (made.length > 0) {
    const had = [...asciiIn(c.damaged)];
    for (const ch of made) {
      const i = had.indexOf(ch);
      if (i === -1) return undefined;
      had.splice(i, 1);
    }
  }
  // 锟斤拷 is U+FFFD written in UTF-8 and read as GBK: it repairs to marks of loss only.
  const onlyLoss = [...c.repaired].every((ch) => ch === '\uFFFD');
  if (onlyLoss) return c.path.actual === 'utf8' && c.damagedUncommon >= 1 && [...c.damaged].length >= 3 ? 'unsafe' : undefined;
  if ([...c.repaired].filter((ch) => /\p{Script=Han}/u.test(ch)).length < 2) return undefined;
  if (c.gain < 2 || c.damagedUncommon < 2 || density < 0.3) return undefined;
  if (c.lostMarks > 0 || c.repairedUncommon > 0) return 'unsafe';
  // Between the two legacy double-byte codecs nearly every pair decodes in both: demand more.
  const legacyPair = c.path.actual !== 'utf8' && c.path.shift === undefined;
  if (legacyPair) return c.gain >= 4 && c.damagedUncommon >= 3 && density >= 0.5 ? 'safe' : 'unsafe';
  return density >= 0.4 ? 'safe' : 'unsafe';
}

function searchCluster(cps: Cp[], first: number, last: number, model: CommonnessModel, floor: number): Candidate | undefined {
  // The window stays within the run of non-space characters around the cluster.
  let lo = first;
  while (lo > floor && first - lo < MAX_REACH && !SPACE.test(cps[lo - 1].ch)) lo--;
  let hi = last + 1;
  while (hi < cps.length && hi - last - 1 < MAX_REACH && !SPACE.test(cps[hi].ch)) hi++;
  let best: Candidate | undefined;
  for (const path of CODEC_PATHS) {
    if (path.actual !== 'utf8' && !path.shift) {
      // Between GBK and Big5 nearly every pair decodes both ways and each character maps
      // to one character, so nothing in the bytes says where the damage ends: only a
      // whole run between boundaries (line edge, space, ASCII, full-width punctuation)
      // is tried.
      let ra = first;
      while (ra > 0 && !isBoundary(cps[ra - 1].ch)) ra--;
      let rb = last + 1;
      while (rb < cps.length && !isBoundary(cps[rb].ch)) rb++;
      const c = tryWindow(cps, ra, rb, path, model);
      if (c && grade(c) && better(c, best)) best = c;
      continue;
    }
    for (let a = lo; a <= Math.min(first + 3, last); a++) {
      for (let b = Math.max(a + 1, last - 2); b <= hi; b++) {
        const c = tryWindow(cps, a, b, path, model);
        if (c && grade(c) && better(c, best)) best = c;
      }
    }
  }
  return best;
}

/** Is this cluster dense enough in rare characters to call mojibake without a repair? */
function looksLikeMojibake(cps: Cp[], first: number, last: number, model: CommonnessModel): string[] | undefined {
  const evidence: string[] = [];
  let veryRare = 0;
  let symbols = 0;
  let han = 0;
  for (let i = first; i <= last; i++) {
    const ch = cps[i].ch;
    if (/\p{Script=Han}/u.test(ch)) han++;
    if (!isSeed(ch, model)) continue;
    evidence.push(ch);
    if (model.of(ch) === Commonness.VeryRare) veryRare++;
    // Greek, Cyrillic, kana, box drawing amid Han characters: table rows no prose mixes in.
    if (/[\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Hiragana}\p{Script=Katakana}\u2500-\u257f]/u.test(ch)) symbols++;
  }
  const length = last - first + 1;
  if (evidence.length >= 4 && evidence.length / length >= 0.4 && han >= 2 && (veryRare >= 1 || symbols >= 1) && veryRare + symbols >= 2) return evidence;
  return undefined;
}

/** Mojibake runs in one line of text (offsets relative to `lineStart` added). */
export function findMojibakeInLine(line: string, lineStart: number, model: CommonnessModel): MojibakeSpan[] {
  const cps: Cp[] = [];
  for (let at = 0; at < line.length; ) {
    const ch = String.fromCodePoint(line.codePointAt(at)!);
    cps.push({ ch, at });
    at += ch.length;
  }
  const spans: MojibakeSpan[] = [];
  let floor = 0;
  for (const [first, last] of clusters(cps, model)) {
    if (first < floor) continue;
    const best = searchCluster(cps, first, last, model, floor);
    if (best) {
      const grading = grade(best)!;
      // Characters the repair leaves as they were (ASCII at the edges) are not part of the damage.
      let a = best.a;
      let b = best.b;
      let repaired = best.repaired;
      while (a < b && repaired.startsWith(cps[a].ch) && best.path.shift === undefined) {
        repaired = repaired.slice(cps[a].ch.length);
        a++;
      }
      while (b > a && repaired.endsWith(cps[b - 1].ch)) {
        repaired = repaired.slice(0, repaired.length - cps[b - 1].ch.length);
        b--;
      }
      const start = cps[a].at;
      const end = b < cps.length ? cps[b].at : line.length;
      const evidence: string[] = [];
      for (let i = a; i < b; i++) if (isSeed(cps[i].ch, model)) evidence.push(cps[i].ch);
      spans.push({
        start: lineStart + start,
        end: lineStart + end,
        damaged: line.slice(start, end),
        repaired,
        path: best.path,
        safe: grading === 'safe',
        lostBefore: start > 0 && (line[start - 1] === '?' || line[start - 1] === '\uFFFD'),
        bytesLost: best.lostMarks > 0,
        evidence,
      });
      floor = best.b;
      continue;
    }
    const evidence = looksLikeMojibake(cps, first, last, model);
    if (evidence) {
      const start = cps[first].at;
      const end = last + 1 < cps.length ? cps[last + 1].at : line.length;
      spans.push({
        start: lineStart + start,
        end: lineStart + end,
        damaged: line.slice(start, end),
        safe: false,
        lostBefore: start > 0 && (line[start - 1] === '?' || line[start - 1] === '\uFFFD'),
        bytesLost: true,
        evidence,
      });
      floor = last + 1;
    }
  }
  return spans;
}

/** Mojibake runs in a whole text, line by line. */
export function findMojibake(text: string, model: CommonnessModel): MojibakeSpan[] {
  const spans: MojibakeSpan[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    spans.push(...findMojibakeInLine(line.endsWith('\r') ? line.slice(0, -1) : line, lineStart, model));
    lineStart += line.length + 1;
  }
  return spans;
}
