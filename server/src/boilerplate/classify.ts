// What one line is, read on its own (no position in the page): the pattern half of
// boilerplate detection. Patterns run on `matchView` (Simplified, NFKC, trimmed), so one
// set covers Simplified, Traditional and converter output; English patterns on its
// lower-case form. Position (before the headline, inside the body, after the end) is
// added by analysis.ts.
import { codeUnitTable, countWords, hanCount, lacksLetterDigitAndLost, latinWordCount, wordSize, type WordCounts } from './normalise';

export type LineKind =
  | 'seo-spam'
  | 'app-prompt'
  | 'breadcrumb'
  | 'share-widget'
  | 'comment-stub'
  | 'teaser-heading'
  | 'footer'
  | 'end-trailer'
  | 'truncated-teaser'
  | 'debris';

export interface LineClass {
  kind: LineKind;
  /** What was recognised, for the message. */
  what: string;
  /**
   * Also article text at times (主办单位：… and 联系电话 lines in an event notice): the line
   * neither ends the article nor is flagged inside it, and is removed safely only in a block.
   */
  weak?: boolean;
  /** Furniture that sits inside the article (a link to a related article): flagged, but the article goes on after it. */
  inline?: boolean;
}

// ---- SEO spam: keyword lists of adult/gambling terms, the injected line of a hacked page.
const SPAM_TERMS = [
  '一区', '二区', '三区', '精品', '福利', '久久', '亚洲', '欧美', '日韩', '国产', '无码', '有码', '高清', '在线观看',
  '免费观看', '午夜', '成人', '色情', '伦理', '偷拍', '自拍', 'av', '博彩', '娱乐城', '百家乐', '六合彩', '时时彩',
  '老虎机', '真人荷官', '彩票网', '棋牌', '威尼斯人', '葡京', '太阳城', 'casino', 'porn', 'xxx', 'viagra', 'betting',
];

/** The terms by their first code unit (at most 64 terms: spamHits keeps them as bits). */
const SPAM_BY_FIRST = new Map<number, number[]>();
SPAM_TERMS.forEach((term, k) => {
  const first = term.charCodeAt(0);
  SPAM_BY_FIRST.set(first, [...(SPAM_BY_FIRST.get(first) ?? []), k]);
});

/** How many of the terms the line holds (each counted once), found in one pass over it. */
function spamHits(lower: string): number {
  // Terms seen, as bits: terms 0–31 in the first word, 32–63 in the second.
  const seen = [0, 0];
  let hits = 0;
  for (let i = 0; i < lower.length; i++) {
    const terms = SPAM_BY_FIRST.get(lower.charCodeAt(i));
    if (terms === undefined) continue;
    for (const k of terms) {
      const word = k >> 5;
      const bit = 1 << (k & 31);
      if ((seen[word] & bit) === 0 && lower.startsWith(SPAM_TERMS[k], i)) {
        seen[word] |= bit;
        hits++;
      }
    }
  }
  return hits;
}

// ---- App, login and account prompts.
const APP_PROMPT = [
  /(下载|打开|安装|前往|使用).{0,8}(app|客户端)/i,
  /扫(描|一扫|码).{0,10}(下载|关注|安装|app|客户端)/i,
  /^.{1,14}(app|客户端)$/i,
  /^(download|get|open (it )?in) (the|our)? ?app\b/i,
  /^(subscribe|newsletter|sign up for (our|the) newsletter|subscribe to (our|the) newsletter|accept( all)?( cookies)?)$/i,
  /\b(sign in|log in|sign up|register) to\b.{0,20}$/i,
  // WeChat official-account furniture: follow prompts and the read-original link.
  /^点击(上方|下方)?蓝字|关注我们$|^长按(识别)?(二维码|指纹)|^阅读原文$|^(follow us|scan the qr code)\b/i,
  /轻点两下取消(赞|在看)|预览时标签不可点|收录于(合集|话题)|^(继续|向上)滑动看下一个$|^轻触阅读原文$|^知道了$|喜欢此内容的人还喜欢|^微信扫一扫.{0,12}(关注|打开|小程序)|^戳这里/,
  // News apps: open the app to read or watch on, the full text behind a tap.
  /^打开.{1,10}[,，\s]*(查看|阅读|观看)(更多|精彩|全文)(精彩)?(内容|图片|视频|资讯|新闻)?$|^app\s*内(打开|阅读|查看)|^(展开|查看|阅读)全文$|^点击(查看|阅读|加载)(更多|全文)$|^(open|continue) (in|reading in) (the )?app\b/i,
];
// Account-menu words on their own line.
const ACCOUNT_WORDS = new Set([
  '登录', '注册', '登录/注册', '登录|注册', '注册/登录', '退出', '退出登录', '注销', '个人中心', '用户中心', '会员中心',
  '我的', '我的收藏', '我的订阅', '消息', '历史', '浏览历史', '订阅', '设置', '账号设置',
  'sign in', 'log in', 'login', 'sign up', 'register', 'log out', 'logout', 'sign out', 'my account', 'account',
]);

// ---- Breadcrumbs: "you are here: home > section > page".
const BREADCRUMB_LEAD = /^(您|你)?(当前|现在)?(的)?(所在)?位置[:>》\s]|^当前位置|^(当前|所在)?栏目\s*:|^you are (here|in)\b|^(current |your )?(location|position)\s*:/i;
const CRUMB_SEPARATORS = /\s*(>|>>|»|›|→|\/|-)\s*/;
const HOME_WORDS = /^(首页|主页|网站首页|home)$/i;
/** A home word and white space first: how a line must start for its first word (split at \s+) to be a home word among others. */
const HOME_WORD_FIRST = /^(首页|主页|网站首页|home)\s/i;

// ---- Share, print, font-size and QR widgets.
const SHARE_PATTERNS = [
  /扫(一扫|描|码).{0,12}(二维码|手机|分享|打开|阅读|观看|朋友圈)/,
  /^(用|打开)?(微信|手机|qq|微博)\s*(扫一扫|扫码|扫描)/,
  // Accessibility links: skip to the content, the accesskey marker of government sites.
  /^(跳到|跳至|跳转到|跳过导航到)?主要?内容(区块|区|区域)?$|^skip (to|navigation to) (the )?(main )?content$|^(无障碍|适老化|长者)(浏览|模式|阅读)$/i,
  /^(分享|转发)(到|至|给|让)/,
  /^(font|font size|text size)\s*:?\s*[\[【(]?\s*(large|medium|small|big|bigger|smaller|[+-]|a)\b/i,
  /^scan (on|with|to (open|read) on) (your )?(mobile|phone)|^(view|read|open) (it )?on (your )?(mobile|phone)$/i,
  /^【?(打印|关闭)(本页|此页|窗口)?】?$/,
  /(字号|字体|字级|字型)(大小)?\s*[:]?\s*[\[【]?([大中小]|t\s*[|｜]\s*t)/i,
  /^(print|share|share this|email|font size|share on)\b.{0,20}$/i,
  /(手机|移动端)(看|阅读|浏览|打开)(新闻|本文|全文|本页)?$/,
  // WeChat's closing asks: 点个“在看”, 觉得好看请点这里, 分享给更多人.
  /^点(个|一下|亮)\s*["“]?(赞|在看)|^觉得(好看|不错|有用).{0,8}(点|请)|分享给更多(的)?(人|朋友)/,
];
const WIDGET_WORDS = new Set([
  '点赞', '赞', '收藏', '分享', '转发', '打印', '用手机看', '微信', '微博', '朋友圈', 'qq', 'qq空间', '复制链接', '关闭',
  '字号', '大', '中', '小', '默认', '在看', '好看', '喜欢', 'share', 'print', 'tweet', 'facebook', 'twitter',
  'weibo', 'wechat', 'email', 'like', 'save', 'copy link',
  // Report and correction buttons; a video player's controls and quality switches.
  '大字号', '中字号', '小字号', '默认字号', '大字', '小字',
  // Portal header: home page and bookmark buttons, language and accessibility switches, search.
  '设为首页', '加入收藏', '收藏本站', '繁体', '简体', '繁体版', '简体版', '繁', '简', 'english', '中文', '中文版', '无障碍',
  '长者模式', '关怀版', '搜索', '站内搜索', 'search', '请输入关键词', '请输入关键字', '请输入搜索内容', '高级搜索',
  'top', 'back', 'advertisement', 'sponsored', '广告', '推广',
  // WeChat's bottom bar and dialogs; read-aloud buttons.
  '客户端', '手机版', '移动版', 'app',
  '取消', '允许', '听过', '使用小程序', '关注该公众号', '小程序', '听全文', '朗读全文', '语音播报', '听新闻', 'listen', 'listen to this article',
  '举报', '纠错', '我要纠错', '分享至', '友善列印', '友善打印', '列印', '回上页', '回顶端', '回页首', '点击播放', '播放', '暂停', '全屏', '高清', '标清', '超清', '流畅', '蓝光', 'play',
]);

// ---- A media player's controls, as a scraper copies them (video.js and the like).
const PLAYER_CONTROLS =
  /^(video player is loading\.?|play video|play|pause|mute|unmute|fullscreen|non-fullscreen|current time \d+:\d+|duration( time)? \d+:\d+|remaining time -?\d+:\d+|loaded: \d+(\.\d+)?%|progress: \d+(\.\d+)?%|stream type live|seek to live.*|playback rate|chapters|\d(\.\d+)?x|(descriptions?|captions?|subtitles?|audio track)( settings| off)?(, (selected|opens .*))?|this is a modal window\.?|beginning of dialog window.*|end of dialog window\.?|(your|the) browser does not support (the )?(html5 )?(video|audio)( tag| element)?\.?|(您的)?浏览器(不支持|版本过低).{0,24}|请(升级|更换)(您的)?浏览器.{0,12}|视频加载中.{0,6})$/i;

// ---- Comment stubs.
const COMMENT_PATTERNS = [
  /^(全部|网友|热门|最新|相关)?评论(区)?(\(\d+\)|\d+条?)?$/,
  /登录后.{0,4}(发表|参与|查看)?评论/,
  /^(暂无|还没有)(评论|留言)|^快来(发表|评论|抢沙发)/,
  /(发表|写下|说说)(你|您)?的?(评论|看法)/,
  /^我要(评论|留言)/,
  /^(写|精选|全部|发表)?留言(\(\d+\))?$/,
  /^(已有|共)\d+(条|人)(评论|参与)/,
  /^(comments?|\d+ comments?|leave a (comment|reply)|no comments( yet)?|post a comment|log in to comment)\b.{0,20}$/i,
];
// The comment section's disclaimer, a sentence that is never article text.
const COMMENT_DISCLAIMER = /(评论|跟贴|跟帖|留言)仅(供|代表)(其|网友)/;

// ---- Headings of teaser lists.
const TEASER_HEAD_START = /^(相关|推荐|热门|热点|最新|精彩|猜你|更多|延伸|友情|往期|其他|其它|大家都在|今日|排行|点击排行|阅读排行|图片|视频|专题|深度|特别)/;
const TEASER_HEAD_END = /(内容|阅读|新闻|资讯|消息|视频|文章|推荐|链接|连结|报道|专题|排行|排行榜|热点|图片|喜欢|在看|要闻|动态|回顾|阅读榜|聚焦)$/;
const EN_TEASER_HEAD =
  /^(related( (articles?|news|stories|posts|content|links|reading|videos?))?|recommended( (for you|videos?|articles?|stories|reading))?|read more|more news|more stories|you may also like|you might also like|popular( (articles?|stories|posts))?|most (read|popular|viewed)|trending( now)?|editor'?s picks|(useful |friendly )?links|latest( news)?|top stories|in (photos|pictures)|editor'?s picks?|see also|more on this( topic| story)?|related coverage|further reading|also read|read also|in other news)$/i;

// ---- Footers: copyright, ICP and police records, licences, report hotlines, site links.
const FOOTER_PATTERNS = [
  /copyright|©|\(c\) ?\d{4}|all rights reserved|版权所有|版权声明|版权归|未经(授权|许可|同意).{0,8}(转载|使用|复制)|不得转载/i,
  /icp\s*(备|证|许可)|[\u4e00-\u9fa5]icp备|公网安备|网安备|公安(机关)?备案|网站标识码|政府网站标识/i,
  /许可证\s*[:(号]|经营许可证|网文\s*\[|网视备/,
  /举报(电话|邮箱|中心|专区|平台|入口)|违法和不良信息|不良信息举报|有害信息/,
  // Telecom and publishing licences (粤B2-20090059, (署)网出证(京)字), reprint notices.
  /(^|[^a-z0-9])[\u4e00-\u9fa5]b2-\d{6,}|网出证|出版物经营许可|^(未经(允许|授权|许可)[,，]?\s*(禁止|不得|严禁)(转载|复制|使用)|(本文|本站|本网)(系|为)?转载.{0,6}(侵权|版权问题).{0,12}(联系|删除))/i,
  /本站支持\s*ipv6|^ipv6$|^(党政机关|政府网站找错|适老化无障碍服务)$/i,
  /website identification code|public security (record|registration)|\bicp\s*(bei|no\.?|license|record|filing)\b/i,
  /建议(使用|采用).{0,30}(分辨率|浏览器)|(分辨率|浏览器).{0,12}(浏览|访问)(效果)?(最佳|更佳)|best viewed (with|in|at)\b|\bbrowsers?\b.{0,40}\bresolution\b|\bresolution\b.{0,40}\b(suggested|recommended)\b/i,
  /\blicen[cs]e (for|of) (publishing|internet|online|audio|video)|\b(registration|license|licence|record) (number|no\.?)\s*:?\s*[a-z0-9-]*\d{5,}/i,
  /仅代表(该)?作者(本人)?(观点|立场)|不代表本(网|站|平台|号)(的)?(立场|观点)|仅提供信息(发布|存储)(平台|空间)|^(特别|免责)声明\s*:/,
  /^(联系我们|关于我们|广告服务|网站地图|法律声明|隐私(政策|保护)|使用条款|免责声明|投诉建议|意见反馈|产品服务|法律条款|加入我们|网站声明|帮助中心)$/,
  /^(privacy policy|cookie policy|terms (of use|of service|and conditions)|contact us|about us|sitemap|site map|disclaimer|advertise( with us)?|careers)$/i,
  /^we use cookies\b|^(this (web)?site|our site) uses cookies\b/i,
];
// Organisers and contacts: a site's footer, and also an event notice's own lines.
const WEAK_FOOTER_PATTERNS = [
  /^((主办|承办|协办|技术支持|技术支援|运营|运维|网站维护|主管)(单位)?|(维护|网站建设|网站制作|制作)单位)\s*[:]/,
  /^(sponsored|undertaken|hosted|maintained|operated|managed|organi[sz]ed) by\s*:|^(technical support|sponsors?|organi[sz]ers?|undertakers?|hosts?|maintainers?|co-organi[sz]ers?)\s*:/i,
  /(电话|地址|邮编|传真|邮箱|e-?mail)\s*[:].{0,60}(电话|地址|邮编|传真|邮箱|e-?mail)\s*[:]/i,
  // An account's submission and business contacts.
  /^(投稿|爆料|商务合作|广告合作|合作|转载)(邮箱|热线|电话|请联系|请发送|联系)/,
];

const FOOTER_WHAT = 'site footer (copyright, record or licence numbers, report contacts, site links)';

// ---- `- END -` and its kin on their own line: the template's end mark. The agency's
// closing mark （完） (also 全文完, 本文完) is written into the article itself and is
// its text (see isClosingMark).
const END_TRAILER = /^[-—–_=*~·•.\s|【】\[\]()]*(end|the end|结束)[-—–_=*~·•.\s|【】\[\]()]*$/i;
const CLOSING_MARK = /^[-—–\s]*[(（]?\s*(完|全文完|本文完)\s*[)）]?[-—–\s]*$/;

/** The article's own closing mark on its own line: （完）. */
export function isClosingMark(view: string): boolean {
  return CLOSING_MARK.test(view);
}

// ---- Truncated teasers: cut off with ... or … (a teaser title and its summary).
// A CMS cuts with three dots or one ellipsis character; a writer's Chinese ellipsis is
// …… (two). The match view is NFKC, where … is three dots and …… six.
const TRUNCATED_END = /(?<!\.)\.{3}$|。。。$/;
const TRUNCATED_INSIDE = /[^.\s]\.{3}(?!\.)\s+\S/;

// ---- Debris: timestamps, durations, counters, lone numbers, symbol lines.
const DATE = String.raw`\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?`;
const TIME = String.raw`\d{1,2}:\d{2}(:\d{2})?`;
const WEEKDAY = String.raw`(星期|周|礼拜)[一二三四五六日天]|(mon|tues|wednes|thurs|fri|satur|sun)day`;
export const DATE_TIME_ONLY = new RegExp(String.raw`^[(\[]?(${DATE}(\s*${TIME})?(\s*(${WEEKDAY}))?|${TIME})[)\]]?$`, 'i');
// A media player's position and length: `00:00 / 03:42`.
const PLAYER_TIME = new RegExp(String.raw`^${TIME}\s*/\s*${TIME}$`);
// The portal's clock and weather in its header: 今天是2025年6月12日 星期四, 晴 25~32℃.
const PORTAL_CLOCK = new RegExp(String.raw`^(今天是|今天|今日|today is)\s*[:]?\s*${DATE}(\s*(${WEEKDAY}))?$`, 'i');
const WEATHER = /^(\S{1,6}\s+)?(晴|多云|阴|小雨|中雨|大雨|暴雨|雷阵雨|阵雨|小雪|中雪|大雪|雨夹雪|雾|霾)(转(晴|多云|阴|小雨|中雨|大雨|暴雨|雷阵雨|阵雨|小雪|中雪|大雪|雨夹雪|雾|霾))?\s*-?\d{1,2}\s*(℃|°c)?\s*[~～\-至\/]\s*-?\d{1,2}\s*(℃|°c)$/i;
const RELATIVE_TIME = /^(\d+\s*(秒|分钟|小时|天|周|个月|年)前|刚刚|昨天|前天|今天|\d+ (seconds?|minutes?|hours?|days?|weeks?) ago|yesterday|just now)$/i;
// A channel or show name glued to a date or relative time: `时讯2026/01/27`, `看现场2天前`.
const CHANNEL_DATE = new RegExp(String.raw`^\S{1,12}?\s?(${DATE}|\d{4}/\d{1,2}/\d{1,2}|\d+\s*(秒|分钟|小时|天|周)前)$`);
const COUNTER = /^(阅读|浏览|点击|播放|评论|点赞|收藏|转发|分享|views?|reads?|likes?|comments?)(量|数|次数)?\s*[:]?\s*\d+(\.\d+)?\s*[万wk]?$|^\d+(\.\d+)?\s*[万wk]?\s*(次)?(阅读|浏览|点击|播放|评论|赞|人看过|views?|reads?|likes?|comments?)$/i;
// Not 01, 02, …: WeChat numbers an article's sections that way.
const LONE_NUMBER = /^(?!0\d$)\d{1,7}$/;
// A counter whose icon (an emoji, a thumb) was lost to ?: `? 56`, `?1.2万`.
const LOST_ICON_COUNTER = /^[?\uFFFD]+\s*\d+(\.\d+)?\s*[万wk]?$/i;
export const COUNTER_WHAT = 'view/like counter';

/** The lower-cased match view's size limit below which a line may be a widget or menu word. */
// Toolbar buttons: print this page, close the window, back to the top.
const WIDGET_TOKEN = /^[【\[]?(打印|列印|关闭|分享|收藏|点赞|转发|返回|回到|回|回上一页|返回上一页)(本页|此页|窗口|视窗|本文|文章|顶部|列表|首页)?[】\]]?$|^[【\[]?\s*(back to top|print( this page| this article)?|close( this)?( window)?|e-?mail this( page| article)?|(share|post) (on|to|via) [a-z]+)\s*[】\]]?$/;

function isWidget(t: string): boolean {
  return WIDGET_WORDS.has(t) || WIDGET_TOKEN.test(t);
}

/** A widget whole, or every one of its words is one. */
function isWidgetPart(part: string): boolean {
  if (isWidget(part)) return true;
  for (const word of part.split(/\s+/)) if (!isWidget(word)) return false;
  return true;
}

const WIDGET_SEPARATOR = /\s*[|｜/·•]\s*|(?<=[】\]])\s*(?=[【\[])/;
/** Where WIDGET_SEPARATOR could split a line. */
const HAS_WIDGET_SEPARATOR = /[|｜/·•]|[】\]]\s*[【\[]/;

function isWidgetLine(lower: string): boolean {
  // Multi-word entries ("copy link") are checked whole first.
  if (isWidget(lower)) return true;
  // One part (no separator) of one word: that is the whole line, not a widget. Most lines end here.
  if (!/\s/.test(lower) && !HAS_WIDGET_SEPARATOR.test(lower)) return false;
  // Bracketed buttons side by side count one by one: 【打印本页】【关闭窗口】, [Print] [Close];
  // a part between separators is a widget whole (Print this page | Close window) or word by word.
  const parts = lower.split(WIDGET_SEPARATOR).filter(Boolean);
  if (parts.length === 0) return false;
  let long = false;
  for (const part of parts) {
    if (!isWidgetPart(part)) return false;
    long ||= part.replace(/[【】\[\]\s]/g, '').length > 1;
  }
  return long;
}

// Previous/next article links.
const PREV_NEXT = /^(上一篇|下一篇|上一条|下一条|上一则|下一则|上一页|下一页|上篇|下篇|previous( article| post| story)?|next( article| post| story)?)\s*[:>]|^(上一篇|下一篇|previous|next)( article| post| story)?$/i;

// Page and gallery navigation: 1/3, Photo 1 of 3, < Prev, 上一页 1 2 3 下一页, 共3页, 点击图片进入下一页.
const PAGINATION =
  /^(\d{1,2}\s*\/\s*\d{1,2}|photo \d+ of \d+|<\s*prev(ious)?|(click|tap) (to|for) (enlarge|a larger (image|picture)|full ?screen)|点击(图片|此处)?(进入|查看|浏览)?下一(页|张)|上一页(\s+\d+)+\s+下一页|(\d+\s+){2,}\d+|共\s*\d+\s*页|第\s*\d+\s*页)$/i;

// A link to another article inside or under the text: 相关阅读：《…》, Related: <title>.
const INLINE_RELATED = /^(related( (articles?|stories|news|reading))?|read more|see also|also read|read also|相关阅读|延伸阅读|相关新闻|相关报道|推荐阅读|相关链接|相关连结|点击阅读|往期回顾)\s*[:>]\s*\S.{0,80}$/i;

function allAtMost(parts: string[], size: number): boolean {
  for (const p of parts) if (wordSize(p) > size) return false;
  return true;
}

function isBreadcrumb(view: string): boolean {
  if (BREADCRUMB_LEAD.test(view) || PREV_NEXT.test(view)) return true;

  // Each test below needs a separator (| or an arrow) or a home word first: without them
  // the splits are not made.
  // A menu: three or more short items between | separators, no sentence in it.
  if (/[|｜]/.test(view)) {
    const items = view.split(/\s*[|｜]\s*/);
    if (items.length >= 3 && !items.includes('') && allAtMost(items, 6) && !/[。，,；;！？]/.test(view)) return true;
  }
  // A menu separated by spaces that starts at the home page: 首页 政务公开 政务服务 互动交流.
  if (HOME_WORD_FIRST.test(view)) {
    const words = view.split(/\s+/);
    if (words.length >= 3 && HOME_WORDS.test(words[0]) && allAtMost(words, 6) && !/[。，,；;！？:]/.test(view)) return true;
  }
  // Home > a > b: short parts, the first a home word.
  if (/(>|»|›|→)/.test(view)) {
    const parts = view.split(CRUMB_SEPARATORS).filter((p, i) => i % 2 === 0 && p.length > 0);
    if (parts.length >= 2 && HOME_WORDS.test(parts[0]) && allAtMost(parts, 12)) return true;
  }
  // Site > section > 正文: three short parts between arrows, or two ending at the page itself.
  if (!/>|»|›/.test(view)) return false; // one part at most
  const arrowed = view.split(/\s*(?:>>?|»|›)\s*/).filter((p) => p.length > 0);
  const short = allAtMost(arrowed, 8) && !/[。，,；;！？]/.test(view);
  return short && (arrowed.length >= 3 || (arrowed.length === 2 && /^(正文|详情|内容|文章|全文|text|article)$/i.test(arrowed[1])));
}

let teaserMarks: { lead: Uint8Array; trail: Uint8Array } | undefined;

/** The view without the marks around a heading: view.replace(/^[\s【\[#■●◆▌|·•>-]+|[\s】\]:>»|·•-]+$/g, ''), by index. */
function teaserBare(view: string): string {
  teaserMarks ??= { lead: codeUnitTable(/[\s【\[#■●◆▌|·•>-]/), trail: codeUnitTable(/[\s】\]:>»|·•-]/) };
  const { lead, trail } = teaserMarks;
  let start = 0;
  while (start < view.length && lead[view.charCodeAt(start)]) start++;
  let end = view.length;
  while (end > start && trail[view.charCodeAt(end - 1)]) end--;
  return start === 0 && end === view.length ? view : view.slice(start, end);
}

export function isTeaserHeading(view: string, size = hanCount(view)): boolean {
  const bare = teaserBare(view);
  if (size > 0) {
    if (bare.length > 10) return false;
    const han = hanCount(bare);
    if (han < 2 || han > 8) return false;
    return TEASER_HEAD_START.test(bare) && TEASER_HEAD_END.test(bare) || /^(友情链接|友站连结|猜你喜欢|大家都在看|延伸阅读|往期回顾|相关阅读|相关链接|相关连结|更多精彩)$/.test(bare);
  }
  // EN_TEASER_HEAD matches at most 20 characters, and lower-casing never shortens a string.
  if (bare.length > 40) return false;
  return EN_TEASER_HEAD.test(bare.toLowerCase());
}

/**
 * Whether any of the patterns matches, in one test: their union, with the i flag. A
 * pattern without it may join only when its source holds no cased letter (the flag then
 * changes nothing: non-ASCII input never folds to ASCII without the u flag); the others
 * are tested on their own. Callers test the patterns one by one only when the union matches.
 */
function unionTest(patterns: readonly RegExp[]): (s: string) => boolean {
  const joinable = (p: RegExp) =>
    p.flags === 'i' || (p.flags === '' && [...p.source.replace(/\\(u[0-9a-fA-F]{4}|.)/g, '')].every((c) => c.toLowerCase() === c.toUpperCase()));
  const union = new RegExp(patterns.filter(joinable).map((p) => `(?:${p.source})`).join('|'), 'i');
  const alone = patterns.filter((p) => !joinable(p));
  return (s) => union.test(s) || anyMatches(alone, s);
}

// Tested on the lower-cased view of a short line, and on the view of a line of up to
// 120 words: most lines match none, and one union test says so.
const ANY_SHORT_LOWER = unionTest([PLAYER_CONTROLS, COMMENT_DISCLAIMER, ...COMMENT_PATTERNS, ...APP_PROMPT, ...SHARE_PATTERNS]);
const ANY_FOOTER = unionTest([...FOOTER_PATTERNS, ...WEAK_FOOTER_PATTERNS]);
const ANY_DEBRIS = unionTest([DATE_TIME_ONLY, PORTAL_CLOCK, WEATHER, PLAYER_TIME, LOST_ICON_COUNTER, RELATIVE_TIME, CHANNEL_DATE, COUNTER, LONE_NUMBER]);

const counts: WordCounts = { han: 0, latin: 0 };

/**
 * Classifies one line's match view; undefined when nothing is recognised. `viewCounts`:
 * countWords(view), when the caller has them (the bullet and brackets taken off below
 * hold no Han character or letter, so they are the counts of what is classified too).
 */
export function classifyLine(view: string, viewCounts?: WordCounts): LineClass | undefined {
  // A list bullet says nothing about what the item is.
  if (BULLET_FIRST.test(view)) view = view.replace(/^(?:[•·▪●○◦■□▶►>»\-*–—]+|:{3})\s*/, '');
  // So do the brackets around a whole-line widget: 【打印】, [Font: Large Medium Small].
  if (BRACKET_FIRST.test(view)) view = view.replace(/^[【\[](.*)[】\]]$/, '$1');
  view = view.trim();
  if (view.length === 0) return undefined;
  const { han, latin } = viewCounts ?? countWords(view, counts);
  const size = han + latin;

  if (size <= 80) {
    const lower = view.toLowerCase();
    if (!view.includes('。') && spamHits(lower) >= 3) return { kind: 'seo-spam', what: 'SEO spam keyword line' };
    if (END_TRAILER.test(view)) return { kind: 'end-trailer', what: 'end-of-article trailer' };
    if (size <= 40) {
      const short = classifyShort(view, lower);
      if (short) return short;
    }
  } else if (END_TRAILER.test(view)) return { kind: 'end-trailer', what: 'end-of-article trailer' };
  if (size <= 120 && ANY_FOOTER(view)) {
    if (anyMatches(FOOTER_PATTERNS, view)) return { kind: 'footer', what: FOOTER_WHAT };
    if (anyMatches(WEAK_FOOTER_PATTERNS, view)) return { kind: 'footer', what: 'site footer (organisers, maintainers or contacts)', weak: true };
  }
  if (isTeaserHeading(view, han)) return { kind: 'teaser-heading', what: 'heading of a teaser list' };

  // Every debris pattern but RELATIVE_TIME needs an ASCII digit (\d; the view is NFKC).
  if (!/\d/.test(view)) {
    if (RELATIVE_TIME.test(view)) return { kind: 'debris', what: 'channel/time stamp of a teaser' };
    return truncated(view, size);
  }
  if (!ANY_DEBRIS(view)) return truncated(view, size);
  if (DATE_TIME_ONLY.test(view)) return { kind: 'debris', what: 'timestamp on its own line' };
  if (PORTAL_CLOCK.test(view)) return { kind: 'debris', what: "the portal's clock" };
  if (WEATHER.test(view)) return { kind: 'debris', what: "the portal's weather widget" };
  if (PLAYER_TIME.test(view)) return { kind: 'debris', what: "a media player's time display" };
  if (LOST_ICON_COUNTER.test(view)) return { kind: 'debris', what: COUNTER_WHAT };
  if (RELATIVE_TIME.test(view) || CHANNEL_DATE.test(view)) return { kind: 'debris', what: 'channel/time stamp of a teaser' };
  if (COUNTER.test(view)) return { kind: 'debris', what: COUNTER_WHAT };
  if (LONE_NUMBER.test(view)) return { kind: 'debris', what: 'number on its own line (a counter)' };
  return truncated(view, size);
}

// What the two leading replacements of classifyLine need at the start of the line.
const BULLET_FIRST = /^[•·▪●○◦■□▶►>»\-*–—:]/;
const BRACKET_FIRST = /^[【\[]/;

/** The tests only a short line (up to 40 words) gets. */
function classifyShort(view: string, lower: string): LineClass | undefined {
  // A menu of site links (about us | contact | privacy) is the footer's.
  if (/[|｜]/.test(view) && isFooterMenu(view)) return { kind: 'footer', what: FOOTER_WHAT };
  // A bar of share buttons (Share on WeChat | Email) is a widget, not a menu of pages.
  if (isWidgetLine(lower)) return { kind: 'share-widget', what: 'share/print/QR widget' };
  const anyLower = ANY_SHORT_LOWER(lower);
  if (anyLower && PLAYER_CONTROLS.test(lower)) return { kind: 'share-widget', what: "a media player's controls" };
  if (INLINE_RELATED.test(view) && !/[。.!?！？]["”’」』)）]?$/.test(view))
    return { kind: 'breadcrumb', what: 'link to a related article', inline: true };
  if (PAGINATION.test(view)) return { kind: 'breadcrumb', what: 'page or gallery navigation', inline: true };
  if (isBreadcrumb(view) || HOME_WORDS.test(view)) return { kind: 'breadcrumb', what: 'breadcrumb or navigation menu' };
  if (anyLower && COMMENT_DISCLAIMER.test(lower)) return { kind: 'comment-stub', what: 'comment section disclaimer' };
  // A sentence of the article may mention 扫码关注, 分享 or 评论 (企业代表分享了经验，欢迎扫码关注…。):
  // matched inside a sentence, the pattern is weak evidence only.
  if (anyLower && anyMatches(COMMENT_PATTERNS, lower)) return { kind: 'comment-stub', what: 'comment section stub', ...weakIfProse(view) };
  if (ACCOUNT_WORDS.has(lower)) return { kind: 'app-prompt', what: 'account menu item' };
  if (anyLower && anyMatches(APP_PROMPT, lower)) return { kind: 'app-prompt', what: 'app download or login prompt', ...weakIfProse(view) };
  if (anyLower && anyMatches(SHARE_PATTERNS, lower)) return { kind: 'share-widget', what: 'share/print/QR widget', ...weakIfProse(view) };
  return undefined;
}

function truncated(view: string, size: number): LineClass | undefined {
  // Both patterns need three dots (or 。。。 at the end).
  if (!view.includes('...') && !view.endsWith('。。。')) return undefined;
  if (TRUNCATED_END.test(view) || (TRUNCATED_INSIDE.test(view) && size <= 120))
    return { kind: 'truncated-teaser', what: 'truncated teaser' };
  return undefined;
}

function anyMatches(patterns: readonly RegExp[], s: string): boolean {
  for (const p of patterns) if (p.test(s)) return true;
  return false;
}

/** Each |-separated item is a footer link or notice. */
function isFooterMenu(view: string): boolean {
  const items = view.split(/\s*[|｜]\s*/);
  if (items.length < 2) return false;
  for (const p of items) if (!ANY_FOOTER(p)) return false;
  return true;
}

function weakIfProse(view: string): { weak?: true } {
  return readsLikeProse(view) ? { weak: true } : {};
}

/** A sentence with a clause break that ends like one: how article text reads, not a button. */
function readsLikeProse(view: string): boolean {
  return /[。！？!?.]["”’」』)）]?$/.test(view) && /[，,；;]/.test(view) && (hanCount(view) >= 15 || latinWordCount(view) >= 10);
}

/** A symbol-only line (no letter, digit or Han): a lost icon or bullet. */
export function isSymbolOnly(view: string): boolean {
  return view.length > 0 && lacksLetterDigitAndLost(view);
}

/**
 * A line that reads like running text: long enough and built of sentences (ends
 * like a sentence, or holds several clause breaks). Headlines, with at most a
 * comma or an enumeration comma, do not qualify.
 */
export function isParagraphLike(view: string, counts?: WordCounts): boolean {
  const han = counts ? counts.han : hanCount(view);
  if (han >= 25) return /[。！？!?…”"）)]$/.test(view) || (view.match(/[，,。；;！？]/g)?.length ?? 0) >= 2;
  const words = counts ? counts.latin : latinWordCount(view);
  if (words >= 8 && /[.!?]["”’)]?$/.test(view)) return true;
  return words >= 12 && (/[.!?:"”)]$/.test(view) || (view.match(/[,;]|\.\s/g)?.length ?? 0) >= 2);
}

/** Ends like a sentence, long enough to be one: a short paragraph. */
export function isSentenceLike(view: string): boolean {
  if (!/[。！？!?.…]["”’」』)）]?$/.test(view) && !/。/.test(view)) return false;
  return hanCount(view) >= 8 || latinWordCount(view) >= 6;
}

/** Could be a headline: a short run of words without closing sentence punctuation. */
export function isTitleLike(view: string): boolean {
  const han = hanCount(view);
  const words = latinWordCount(view);
  if (han >= 6) return han <= 60 && !/[。;；]$/.test(view);
  return han === 0 && words >= 5 && words <= 30 && !/[.;]$/.test(view);
}
