// Names of China's administrative divisions (provinces, prefectures, counties: the
// statistics bureau's code table as the china-area-data package ships it), found in
// text so that `市长` can be completed to the city a page names outside any post.
import areaTable from 'china-area-data/data.json';
import { LazyWordFlags, WORD_START } from './segments';

/**
 * The 55 minority peoples: autonomous prefectures and counties are usually called by
 * the name before them, 黔东南苗族侗族自治州 → 黔东南州, 石柱土家族自治县 → 石柱县.
 */
const PEOPLES = [
  '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克',
  '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔', '仫佬',
  '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克',
  '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺', '各',
];
const AUTONOMOUS_TAIL = new RegExp(`^(?:(?:${PEOPLES.join('|')})族)+自治([州县旗])$`);

let names: Set<string> | undefined;
let longest = 0;
/**
 * For each first UTF-16 unit of a known name, then its second, the names starting so,
 * longest first (compared in place, no substring made). Two levels of small-integer keys:
 * one key of both units would exceed a small integer and make every lookup hash a heap number.
 */
let namesByHead: Map<number, Map<number, string[]>> | undefined;
/** 1 for the units a known name starts with: most positions of a text are passed over on this alone. */
let firstUnits: Uint8Array | undefined;
/** 1 at `headHash` of the first two units of every known name: rules out most of the remaining positions before any map lookup. */
let headFilter: Uint8Array | undefined;
const headHash = (c0: number, c1: number) => (c0 * 31 + c1) & 0xffff;

function divisionNames(): Set<string> {
  if (names) return names;
  names = new Set();
  const add = (name: string) => {
    // Two-character names (任县, 和县, 中区) are mostly other words' pieces: 担任县委, 市委和县委.
    if (name.length < 3 || name.includes('辖')) return;
    names!.add(name);
    longest = Math.max(longest, name.length);
  };
  for (const children of Object.values(areaTable as Record<string, Record<string, string>>)) {
    for (const name of Object.values(children)) {
      add(name);
      for (let i = 2; i < name.length; i++) {
        const tail = AUTONOMOUS_TAIL.exec(name.slice(i));
        if (tail) {
          add(name.slice(0, i) + tail[1]);
          break;
        }
      }
    }
  }
  namesByHead = new Map();
  firstUnits = new Uint8Array(0x10000);
  headFilter = new Uint8Array(0x10000);
  for (const name of names) {
    const c0 = name.charCodeAt(0);
    firstUnits[c0] = 1;
    headFilter[headHash(c0, name.charCodeAt(1))] = 1;
    let bySecond = namesByHead.get(c0);
    if (!bySecond) namesByHead.set(c0, (bySecond = new Map()));
    const list = bySecond.get(name.charCodeAt(1)) ?? [];
    list.push(name);
    bySecond.set(name.charCodeAt(1), list);
  }
  // Longest first; among names of one length at most one can match.
  for (const bySecond of namesByHead.values()) for (const list of bySecond.values()) list.sort((a, b) => b.length - a.length);
  return names;
}

/**
 * Division names in Simplified text `S`, leftmost-longest, each starting where a word starts
 * (`flags`: the word boundaries of `S` from people/segments, computed when not given).
 */
export function divisionsIn(S: string, flags: LazyWordFlags = new LazyWordFlags(S)): Array<{ start: number; end: number }> {
  divisionNames();
  const out: Array<{ start: number; end: number }> = [];
  const first = firstUnits!;
  const heads = headFilter!;
  const n = S.length;
  for (let i = 0; i + 1 < n; i++) {
    const c0 = S.charCodeAt(i);
    if (first[c0] === 0) continue;
    const c1 = S.charCodeAt(i + 1);
    if (heads[headHash(c0, c1)] === 0) continue;
    const candidates = namesByHead!.get(c0)!.get(c1);
    if (!candidates) continue;
    // The word boundary last: it is the one test that may need the line segmented.
    if ((flags.at(i) & WORD_START) === 0) continue;
    for (const name of candidates) {
      if (S.startsWith(name, i)) {
        out.push({ start: i, end: i + name.length });
        i += name.length - 1;
        break;
      }
    }
  }
  return out;
}
