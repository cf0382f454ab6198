// Names of China's administrative divisions (provinces, prefectures, counties: the
// statistics bureau's code table as the china-area-data package ships it), found in
// text so that `市长` can be completed to the city a page names outside any post.
import areaTable from 'china-area-data/data.json';
import { WORD_START, wordFlags } from './segments';

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
/** For each first two characters of a known name, the lengths of the names starting so, longest first. */
let lengthsByHead: Map<number, number[]> | undefined;

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
  lengthsByHead = new Map();
  for (const name of names) {
    const head = name.charCodeAt(0) * 0x10000 + name.charCodeAt(1);
    const lengths = lengthsByHead.get(head) ?? [];
    if (!lengths.includes(name.length)) lengths.push(name.length);
    lengthsByHead.set(head, lengths);
  }
  for (const lengths of lengthsByHead.values()) lengths.sort((a, b) => b - a);
  return names;
}

/**
 * Division names in Simplified text `S`, leftmost-longest, each starting where a word starts
 * (`flags`: the word boundaries of `S` from people/segments, computed when not given).
 */
export function divisionsIn(S: string, flags: Uint8Array = wordFlags(S)): Array<{ start: number; end: number }> {
  const known = divisionNames();
  const out: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < S.length; i++) {
    if (!(flags[i] & WORD_START)) continue;
    const lengths = lengthsByHead!.get(S.charCodeAt(i) * 0x10000 + S.charCodeAt(i + 1));
    if (!lengths) continue;
    for (const n of lengths) {
      if (n > S.length - i) continue;
      if (known.has(S.slice(i, i + n))) {
        out.push({ start: i, end: i + n });
        i += n - 1;
        break;
      }
    }
  }
  return out;
}
