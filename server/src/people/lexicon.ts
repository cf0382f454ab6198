// Word lists the Chinese extractor reads. All in Simplified script: extraction runs
// on a Simplified view of the text, so Traditional pages need no second list.

/**
 * Common Chinese surnames (single characters): the frequent entries of the modern
 * surname rankings (the Ministry of Public Security's household-register statistics
 * and the classical 百家姓), about 300 characters, which cover well over 95% of the
 * population. Rare surnames that are also everyday words (打, 被, 是, 和 …) are left
 * out on purpose: a surname list is what keeps `董事长打人` from yielding a name.
 * A compact, documented table is used rather than one derived from a segmenter's
 * person-name entries: those start with transliteration syllables (阿, 斯, 卡, 小 …) as
 * often as with surnames, so a derived list would be noisier than this one.
 */
export const SINGLE_SURNAMES = new Set([...(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤' +
  '常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由习'
)]);

/** Two-character surnames (复姓); matched before single ones, so 诸葛宇杰 is 诸葛 + 宇杰. */
export const COMPOUND_SURNAMES = new Set([
  '欧阳', '上官', '司马', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯',
  '轩辕', '令狐', '钟离', '端木', '独孤', '南宫', '西门', '万俟', '闻人', '澹台', '公羊', '赫连', '呼延',
  '申屠', '太史', '濮阳', '百里', '东郭', '拓跋', '完颜', '司空', '第五',
]);

/**
 * Titles (posts) that end a post phrase, longest first when matched. A post phrase is
 * an optional organisation followed by one of these: 苏州市委 + 书记, 辽宁省 + 副省长.
 */
export const TITLES: readonly string[] = [
  // party
  '总书记', '党组书记', '党组副书记', '党组成员', '党委书记', '党委副书记', '党工委书记', '党工委副书记',
  '副书记', '书记', '常委', '委员', '秘书长', '副秘书长',
  // governments
  '省长', '副省长', '常务副省长', '市长', '副市长', '常务副市长', '区长', '副区长', '常务副区长',
  '县长', '副县长', '常务副县长', '州长', '副州长', '常务副州长', '盟长', '副盟长', '旗长', '副旗长',
  '镇长', '副镇长', '乡长', '副乡长', '主席', '副主席', '总理', '副总理', '国务委员',
  // departments and institutions
  '主任', '副主任', '常务副主任', '局长', '副局长', '厅长', '副厅长', '部长', '副部长', '处长', '副处长',
  '司长', '副司长', '署长', '副署长', '科长', '副科长', '院长', '副院长', '校长', '副校长', '馆长',
  '检察长', '副检察长', '庭长', '所长', '副所长', '行长', '副行长', '会长', '副会长', '理事长',
  '董事长', '副董事长', '总经理', '副总经理', '总裁', '社长', '总编辑', '组长', '副组长', '队长', '团长',
  '巡视员', '副巡视员', '调研员', '一级巡视员', '二级巡视员', '政委', '司令员',
  // headings of lists: 苏州市领导顾海东、王飏
  '领导',
].slice().sort((a, b) => b.length - a.length);

/** Labels of the people who made the page, and the kind of person they name. */
export const FUNCTION_LABELS: ReadonlyArray<[string, 'reporter' | 'editor' | 'photographer']> = [
  ['责任编辑', 'editor'], ['责编', 'editor'], ['编辑', 'editor'], ['主编', 'editor'], ['审核', 'editor'], ['校对', 'editor'],
  ['特约记者', 'reporter'], ['见习记者', 'reporter'], ['记者', 'reporter'], ['通讯员', 'reporter'], ['作者', 'reporter'], ['撰稿', 'reporter'], ['文', 'reporter'],
  ['摄影', 'photographer'], ['摄像', 'photographer'], ['图', 'photographer'],
];

/**
 * Words that may directly follow a name in news prose and so end it: verbs of
 * attending, speaking and leading, particles, time words. `县长王中率` is 王中 + 率.
 */
export const NAME_END_WORDS: readonly string[] = [
  '率领', '率', '带领', '带队', '出席', '主持', '参加', '会见', '会谈', '陪同', '随团', '随同', '随', '一行', '等',
  '同志', '讲话', '致辞', '表示', '指出', '强调', '介绍', '说', '代表', '要求', '希望', '认为', '提出', '汇报',
  '通报', '宣布', '签署', '见证', '考察', '调研', '慰问', '看望', '接见', '会晤', '前往', '赴', '到', '来', '在',
  '对', '向', '和', '与', '及', '并', '为', '就', '是', '也', '还', '都', '的', '了', '今天', '昨天', '今日',
  '昨日', '日前', '近日', '上午', '下午', '晚上', '首先', '先后', '分别', '一同', '共同', '以', '从', '于', '将',
  '已', '曾', '被', '作', '做', '听取', '充分', '高度', '突然', '亲切', '专程', '深入', '详细',
];

/** Characters that never stand in a given name (function words), so `毛主席曾这样说` yields no 曾这样. */
export const NON_NAME_CHARS = new Set([...'的了是在不也和就都而及与着被把让从对向为以于之其此每各该本我你他她它们这那哪什么吗呢吧啊年月日时分个些里外又再很最更已将要会能可']);

/** Place suffixes that give an organisation its level: 苏州市 is a city, 巫溪县 a county. */
export const LEVEL_SUFFIXES: readonly string[] = ['自治区', '自治州', '自治县', '省', '市', '区', '县', '州', '盟', '旗', '镇', '乡', '街道'];

/** Words that end a post phrase on the left: 刘小涛会见普陀区委书记 starts at 普陀. */
export const ORGANISATION_STOP_WORDS: readonly string[] = [
  '会见了', '会见', '率领', '带领', '陪同', '出席', '参加', '主持', '邀请', '接待', '拜会', '看望', '慰问', '听取',
  '会同', '以及', '暨', '和', '与', '及', '同', '由', '在', '对', '向', '经', '是', '为', '任', '了', '的', '将',
  '被', '等', '并', '请', '据', '期间', '其间', '其中', '今天', '昨天', '日前', '近日', '上午', '下午', '晚上',
].slice().sort((a, b) => b.length - a.length);
