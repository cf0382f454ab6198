// Officials in English pages (machine translations of Chinese news, like seed 000):
//
//   Name, Title of Organisation[, Title of Organisation]   Pan Xiaogang, Director of the …, Secretary of the Party Group
//   … and Name, title of organisation                      and Xu Shujie, deputy head of the district
//   Title Name                                             (Reporter Jiao Shuyue), reporter He Ke
//
// A name is a romanised Chinese name: a surname syllable (or compound surname) and a
// given name that splits into pinyin syllables; the syllable table comes from pinyin-pro.
import { pinyin } from 'pinyin-pro';
import { COMPOUND_SURNAMES, SINGLE_SURNAMES } from './lexicon';
import type { PersonKind } from './types';

let syllables: Set<string> | undefined;
let surnameSyllables: Set<string> | undefined;

function pinyinSyllables(): Set<string> {
  if (!syllables) {
    let all = '';
    for (let c = 0x4e00; c <= 0x9fa5; c++) all += String.fromCharCode(c);
    syllables = new Set(
      (pinyin(all, { toneType: 'none', type: 'array', v: true }) as string[])
        .map((s) => s.toLowerCase())
        .filter((s) => /^[a-z]+$/.test(s)),
    );
    for (const s of [...syllables]) if (s.includes('v')) syllables.add(s.replace(/v/g, 'u')); // Lü is written Lu or Lv
  }
  return syllables;
}

function surnamesRomanised(): Set<string> {
  if (!surnameSyllables) {
    surnameSyllables = new Set();
    for (const s of [...SINGLE_SURNAMES, ...COMPOUND_SURNAMES]) {
      const r = (pinyin(s, { toneType: 'none', type: 'array', surname: 'all', v: true }) as string[]).join('').toLowerCase();
      surnameSyllables.add(r);
      surnameSyllables.add(r.replace(/v/g, 'u'));
    }
  }
  return surnameSyllables;
}

/** True when a word splits into 1–3 pinyin syllables: Xiaogang, Dongdong, Shuyue. */
export function isPinyinWord(word: string, maxSyllables = 3): boolean {
  const w = word.toLowerCase().replace(/[-']/g, '');
  if (!/^[a-z]+$/.test(w)) return false;
  const syl = pinyinSyllables();
  const best: number[] = new Array(w.length + 1).fill(Infinity);
  best[0] = 0;
  for (let i = 0; i < w.length; i++) {
    if (best[i] === Infinity) continue;
    for (let j = i + 1; j <= Math.min(w.length, i + 6); j++) {
      if (syl.has(w.slice(i, j))) best[j] = Math.min(best[j], best[i] + 1);
    }
  }
  return best[w.length] <= maxSyllables;
}

export function isRomanisedName(surname: string, given: string): boolean {
  return surnamesRomanised().has(surname.toLowerCase()) && isPinyinWord(given);
}

// One word of a name: capitalised, ending where a lower-case run ends (`He KeOn` → He, Ke).
const WORD = String.raw`[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?`;
const NAME_RE = new RegExp(String.raw`\b(?=(${WORD}) (${WORD})(?![a-z]))`, 'g');

const TITLE_WORDS = String.raw`Secretary-General|Secretary General|Party Secretary|Secretary|Director(?:-General)?|Mayor|Governor|Chairman|Chairwoman|Chair|President|Head|Minister|Member|Commissioner|Chief|Leader|Inspector|Counsel(?:l)?or|Manager|Premier|Procurator|Dean|Captain`;
const ROLE_START = new RegExp(
  String.raw`^(?:the )?(?:(?:Executive|Deputy|Vice|Standing|First|Second|Full-time|Permanent) )*(?:${TITLE_WORDS})\b`, 'i');
const FUNCTION_RE = /\b(reporter|correspondent|photographer|photo by|editor|author|intern reporter)\s*:?\s*$/i;

function kindOfFunction(label: string): PersonKind {
  if (/photo/i.test(label)) return 'photographer';
  if (/editor/i.test(label)) return 'editor';
  return 'reporter';
}

export interface EnRole {
  start: number;
  end: number;
  title: string;
  organization: string;
}

export interface EnStatement {
  start: number;
  end: number;
  name: string;
  kind: PersonKind;
  roles: EnRole[];
}

function role(text: string, start: number): EnRole {
  const m = /^(.*?)\s+of\s+(?:the\s+)?(.+)$/i.exec(text);
  if (m) return { start, end: start + text.length, title: m[1].replace(/^the\s+/i, ''), organization: m[2] };
  return { start, end: start + text.length, title: text.replace(/^the\s+/i, ''), organization: '' };
}

/** The comma-separated role phrases after `end`, split again at `and` before another title. */
function rolesAfter(text: string, end: number): EnRole[] {
  const roles: EnRole[] = [];
  let at = end;
  for (;;) {
    const comma = /^\s*,\s*/.exec(text.slice(at));
    if (!comma) break;
    const segStart = at + comma[0].length;
    const stop = text.slice(segStart).search(/[,;()\n]|\.(?:\s|$)/);
    const segEnd = stop < 0 ? text.length : segStart + stop;
    const segment = text.slice(segStart, segEnd);
    if (!ROLE_START.test(segment)) break;
    // Deputy Secretary of the District Party Committee and head of the district
    let partStart = 0;
    const parts = [...segment.matchAll(/\s+and\s+/g)].filter((m) => ROLE_START.test(segment.slice(m.index! + m[0].length)));
    for (const p of parts) {
      roles.push(role(segment.slice(partStart, p.index!).trim(), segStart + partStart));
      partStart = p.index! + p[0].length;
    }
    const last = segment.slice(partStart).trimEnd();
    roles.push(role(last, segStart + partStart));
    at = segEnd;
  }
  return roles;
}

export function extractEnglish(text: string): EnStatement[] {
  const out: EnStatement[] = [];
  for (const m of text.matchAll(NAME_RE)) {
    const [, surname, given] = m;
    if (!isRomanisedName(surname, given)) continue;
    const start = m.index!;
    const end = start + surname.length + 1 + given.length;
    const name = `${surname} ${given}`;
    // Title Name: (Reporter Jiao Shuyue), Henan Daily client reporter He Ke.
    const before = text.slice(Math.max(0, start - 40), start);
    const fn = FUNCTION_RE.exec(before);
    if (fn) {
      const labelStart = start - before.length + fn.index!;
      const label = fn[1];
      out.push({ start, end, name, kind: kindOfFunction(label), roles: [{ start: labelStart, end: labelStart + label.length, title: label, organization: '' }] });
      continue;
    }
    const roles = rolesAfter(text, end);
    if (roles.length) out.push({ start, end, name, kind: 'official', roles });
  }
  return out;
}
