/**
 * Plausible Chinese personal names, community and village names, and mobile numbers. The names
 * are drawn from common characters; any resemblance to a real person is chance. Phone numbers use
 * real mobile prefixes with random subscriber digits: fake but well-formed.
 */
import type { Rng } from './prng';
import type { CityCode, Sex } from './types';

/** Common surnames, weighted roughly by frequency (more 王李张刘陈 than the rest). */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72],
  ['李', 70],
  ['张', 68],
  ['刘', 53],
  ['陈', 48],
  ['杨', 35],
  ['黄', 25],
  ['赵', 21],
  ['吴', 21],
  ['周', 20],
  ['徐', 15],
  ['孙', 15],
  ['马', 13],
  ['朱', 13],
  ['胡', 12],
  ['郭', 12],
  ['何', 11],
  ['林', 10],
  ['罗', 10],
  ['高', 10],
  ['郑', 9],
  ['梁', 8],
  ['谢', 8],
  ['宋', 7],
  ['唐', 7],
  ['许', 7],
  ['韩', 7],
  ['冯', 6],
  ['邓', 6],
  ['曹', 6],
  ['彭', 5],
  ['曾', 5],
  ['肖', 5],
  ['田', 5],
  ['董', 5],
  ['袁', 5],
  ['潘', 4],
  ['蒋', 4],
  ['蔡', 4],
  ['余', 4],
  ['杜', 4],
  ['叶', 4],
  ['程', 4],
  ['魏', 4],
  ['苏', 3],
  ['吕', 3],
  ['丁', 3],
  ['沈', 3],
  ['姚', 3],
  ['龙', 2],
  ['顾', 2],
  ['钱', 2],
  ['陆', 2],
  ['班', 1],
  ['韦', 1],
  ['岑', 1],
];

const MALE_CHARS = '建国明华军平伟强勇杰峰斌林波辉刚健俊文志海东兵成德富贵昌福荣生祥庆家永忠光宏新学云龙飞鹏涛浩宇磊鑫凯超亮';
const FEMALE_CHARS = '秀英兰桂芳珍玉凤霞梅红萍琴丽华敏静燕娟艳玲莉芬琼洁慧婷雪颖倩';

/** Given names typical of people born before about 1960. */
const OLDER_MALE = [
  '建国',
  '国强',
  '志华',
  '德明',
  '国庆',
  '卫东',
  '建华',
  '振华',
  '永福',
  '长生',
  '德福',
  '金生',
  '树林',
  '学文',
  '国平',
  '红军',
  '跃进',
  '建军',
];
const OLDER_FEMALE = ['秀英', '桂兰', '凤英', '玉兰', '秀兰', '桂英', '淑珍', '玉珍', '素芬', '桂芳', '秀珍', '凤兰', '美华', '彩凤', '金凤', '玉梅'];

export function personName(rng: Rng, sex: Sex, birthYear: number): string {
  const surname = rng.weighted(SURNAMES);
  if (birthYear < 1960 && rng.chance(0.45)) return surname + rng.pick(sex === 'male' ? OLDER_MALE : OLDER_FEMALE);
  const chars = sex === 'male' ? MALE_CHARS : FEMALE_CHARS;
  const first = chars[rng.int(0, chars.length - 1)]!;
  if (rng.chance(0.3)) return surname + first;
  let second = chars[rng.int(0, chars.length - 1)]!;
  if (second === first && rng.chance(0.7)) second = chars[(chars.indexOf(first) + 7) % chars.length]!;
  return surname + first + second;
}

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '157',
  '158',
  '159',
  '177',
  '180',
  '181',
  '182',
  '183',
  '186',
  '187',
  '188',
  '189',
  '199',
];

export function mobileNumber(rng: Rng): string {
  let n = rng.pick(MOBILE_PREFIXES);
  for (let i = 0; i < 8; i++) n += String(rng.int(0, 9));
  return n;
}

/** Residents' committee (社区) names: the usual civic and place-name stock. */
const COMMUNITIES = [
  '和平',
  '新华',
  '文化',
  '建设',
  '向阳',
  '东风',
  '红旗',
  '幸福',
  '光明',
  '团结',
  '朝阳',
  '中山',
  '人民',
  '友谊',
  '兴隆',
  '金桥',
  '龙泉',
  '湖滨',
  '滨河',
  '春晖',
  '青年',
  '东升',
  '新村',
  '南苑',
  '北苑',
  '西园',
  '花园',
  '学府',
  '锦绣',
  '长青',
];

/** Village names: Guizhou place names favour 寨/坝/坡/冲/堡/井, southern Jiangsu ones 浜/塘/桥/泾/巷/庄/墩. */
const VILLAGES: Readonly<Record<CityCode, readonly string[]>> = {
  '520100': [
    '龙井',
    '石桥',
    '大寨',
    '新寨',
    '坪上',
    '沙坝',
    '桃源',
    '龙潭',
    '高峰',
    '松林',
    '青山',
    '竹园',
    '马场',
    '岩脚',
    '水口',
    '田坝',
    '杨柳',
    '中寨',
    '上堡',
    '下坝',
    '新庄',
    '大坡',
    '茶山',
    '黄泥冲',
    '甘井',
    '花桥',
    '大关',
    '新民',
    '关口',
    '石门',
  ],
  '320200': [
    '南塘',
    '北庄',
    '东湖',
    '西浜',
    '荡口',
    '泾南',
    '长泾',
    '杨巷',
    '陆墩',
    '河塘',
    '桥头',
    '新桥',
    '庄前',
    '钱巷',
    '吴塘',
    '沙墩',
    '南泾',
    '石塘',
    '严家',
    '顾庄',
    '东舍',
    '华墅',
    '祝塘',
    '湖塘',
    '横山',
    '杨墅',
    '芙蓉',
    '万安',
    '周泾',
    '塘头',
  ],
};

/** `count` distinct names from the list, starting at a random offset (stable for a seed). */
export function distinctNames(rng: Rng, list: readonly string[], count: number): string[] {
  const start = rng.int(0, list.length - 1);
  const step = 7; // coprime with the list lengths (30), so every name is reached before any repeats
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = list[(start + i * step) % list.length]!;
    out.push(i < list.length ? base : `${base}${Math.floor(i / list.length) + 1}`);
  }
  return out;
}

export function communityNames(rng: Rng, count: number): string[] {
  return distinctNames(rng, COMMUNITIES, count);
}

export function villageNames(rng: Rng, city: CityCode, count: number): string[] {
  return distinctNames(rng, VILLAGES[city], count);
}
