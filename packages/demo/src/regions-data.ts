/**
 * Districts, streets and hospitals of the two cities, as data.
 *
 * District codes are the GB/T 2260 codes, except two functional areas that have none (marked
 * `standardCode: false`). Street and township names are real ones of each district (a selection,
 * not the full list); their 9-digit codes are ours: the district code plus 3 digits, numbered
 * 001… for 街道, 101… for 镇 and 201… for 乡 after the convention of the NBS 统计用区划代码, but
 * NOT the official numbers.
 *
 * Hospital names follow real naming patterns and several are real hospitals; their levels here are
 * the demo's assignment, not an accreditation record.
 *
 * `weight` apportions the city's census total among districts (see regions.ts). It is a rough
 * relative size set by this demo, not a published district figure.
 */
import type { CityCode } from './types';

export type DistrictKind = 'district' | 'county' | 'county_city' | 'functional_area';

export interface HospitalSpec {
  readonly name: string;
  readonly level: 'level2_hospital' | 'level3_hospital';
}

export interface DistrictSpec {
  readonly code: string;
  readonly name: string;
  readonly kind: DistrictKind;
  readonly standardCode: boolean;
  readonly note: string | null;
  /** the published 2020 census resident population, where we have one with its source */
  readonly census2020?: { readonly residents: number; readonly source: string };
  readonly weight: number;
  readonly streets: readonly string[];
  readonly hospitals: readonly HospitalSpec[];
}

export interface CitySpec {
  readonly code: CityCode;
  readonly name: string;
  readonly census2020Residents: number;
  readonly census2020Source: string;
  /** assumed share of residents aged ≥ 35: an assumption of this demo, not a published figure */
  readonly shareAged35PlusBp: number;
  readonly districts: readonly DistrictSpec[];
}

const h2 = (name: string): HospitalSpec => ({ name, level: 'level2_hospital' });
const h3 = (name: string): HospitalSpec => ({ name, level: 'level3_hospital' });

export const GUIYANG: CitySpec = {
  code: '520100',
  name: '贵阳市',
  census2020Residents: 5_987_018,
  census2020Source: '贵州省第七次全国人口普查公报（第二号）：贵阳市常住人口 5987018 人（2020-11-01）',
  shareAged35PlusBp: 5200,
  districts: [
    {
      code: '520102',
      name: '南明区',
      kind: 'district',
      standardCode: true,
      note: null,
      weight: 16,
      streets: ['花果园街道', '兴关路街道', '太慈桥街道', '油榨街街道', '中曹司街道', '后巢乡'],
      hospitals: [h3('贵州省人民医院'), h3('贵阳市第一人民医院'), h2('南明区人民医院')],
    },
    {
      code: '520103',
      name: '云岩区',
      kind: 'district',
      standardCode: true,
      note: null,
      weight: 18,
      streets: ['北京路街道', '延中街道', '头桥街道', '宅吉街道', '水东路街道', '黔灵镇'],
      hospitals: [h3('贵州医科大学附属医院'), h3('贵州中医药大学第一附属医院'), h2('云岩区人民医院')],
    },
    {
      code: '520111',
      name: '花溪区',
      kind: 'district',
      standardCode: true,
      note: null,
      weight: 13,
      streets: ['贵筑街道', '清溪街道', '溪北街道', '青岩镇', '石板镇', '高坡苗族乡'],
      hospitals: [h2('花溪区人民医院'), h2('花溪区中医医院')],
    },
    {
      code: '520112',
      name: '乌当区',
      kind: 'district',
      standardCode: true,
      note: null,
      weight: 7.5,
      streets: ['新添寨街道', '高新街道', '东风镇', '水田镇', '羊昌镇', '新场镇'],
      hospitals: [h2('乌当区人民医院'), h2('乌当区中医医院')],
    },
    {
      code: '520113',
      name: '白云区',
      kind: 'district',
      standardCode: true,
      note: null,
      weight: 6.5,
      streets: ['大山洞街道', '泉湖街道', '沙文镇', '麦架镇', '都拉布依族乡', '牛场布依族乡'],
      hospitals: [h2('白云区人民医院'), h2('白云区中医医院')],
    },
    {
      code: '520115',
      name: '观山湖区',
      kind: 'district',
      standardCode: true,
      note: null,
      weight: 10,
      streets: ['世纪城街道', '金华园街道', '宾阳街道', '观山街道', '朱昌镇', '百花湖镇'],
      hospitals: [h3('贵阳市第二人民医院'), h2('观山湖区人民医院')],
    },
    {
      code: '520121',
      name: '开阳县',
      kind: 'county',
      standardCode: true,
      note: null,
      weight: 6.5,
      streets: ['城关镇', '双流镇', '金中镇', '冯三镇', '楠木渡镇', '南江布依族苗族乡'],
      hospitals: [h2('开阳县人民医院'), h2('开阳县中医医院')],
    },
    {
      code: '520122',
      name: '息烽县',
      kind: 'county',
      standardCode: true,
      note: null,
      weight: 4,
      streets: ['永靖镇', '温泉镇', '九庄镇', '小寨坝镇', '西山镇', '养龙司镇'],
      hospitals: [h2('息烽县人民医院'), h2('息烽县中医医院')],
    },
    {
      code: '520123',
      name: '修文县',
      kind: 'county',
      standardCode: true,
      note: null,
      weight: 5,
      streets: ['龙场镇', '扎佐镇', '久长镇', '六屯镇', '洒坪镇', '谷堡镇'],
      hospitals: [h2('修文县人民医院'), h2('修文县中医医院')],
    },
    {
      code: '520181',
      name: '清镇市',
      kind: 'county_city',
      standardCode: true,
      note: null,
      weight: 8.5,
      streets: ['青龙山街道', '巢凤街道', '红枫湖镇', '站街镇', '卫城镇', '犁倭镇'],
      hospitals: [h2('清镇市第一人民医院'), h2('清镇市中医医院')],
    },
    {
      // 贵安新区 is a state-level new area (国家级新区) without its own GB/T 2260 code: its towns
      // belong administratively to 花溪区, 清镇市 and 安顺市平坝区. 520190 is OUR code, not a standard one.
      code: '520190',
      name: '贵安新区',
      kind: 'functional_area',
      standardCode: false,
      note: '国家级新区，无 GB/T 2260 行政区划代码；520190 为本演示自定代码（非标准）',
      weight: 5,
      streets: ['湖潮乡', '马场镇', '高峰镇', '党武镇'],
      hospitals: [h2('贵安新区人民医院')],
    },
  ],
};

export const WUXI: CitySpec = {
  code: '320200',
  name: '无锡市',
  census2020Residents: 7_462_135,
  census2020Source: '无锡市第七次全国人口普查公报：无锡市常住人口 7462135 人（2020-11-01）',
  shareAged35PlusBp: 5800,
  districts: [
    {
      code: '320205',
      name: '锡山区',
      kind: 'district',
      standardCode: true,
      note: null,
      weight: 0,
      census2020: { residents: 882_387, source: '无锡市第七次全国人口普查公报：锡山区常住人口 882387 人（as quoted by Wikipedia, 锡山区）' },
      streets: ['东亭街道', '安镇街道', '云林街道', '厚桥街道', '东港镇', '锡北镇'],
      hospitals: [h2('锡山区人民医院'), h2('锡山区中医医院')],
    },
    {
      code: '320206',
      name: '惠山区',
      kind: 'district',
      standardCode: true,
      note: null,
      weight: 10,
      streets: ['堰桥街道', '长安街道', '钱桥街道', '前洲街道', '洛社镇', '阳山镇'],
      hospitals: [h2('惠山区人民医院'), h2('惠山区中医医院')],
    },
    {
      code: '320211',
      name: '滨湖区',
      kind: 'district',
      standardCode: true,
      note: null,
      weight: 7.5,
      streets: ['河埒街道', '荣巷街道', '蠡园街道', '蠡湖街道', '马山街道', '胡埭镇'],
      hospitals: [h3('江南大学附属医院'), h2('滨湖区人民医院')],
    },
    {
      code: '320213',
      name: '梁溪区',
      kind: 'district',
      standardCode: true,
      note: null,
      weight: 13,
      streets: ['崇安寺街道', '广益街道', '清名桥街道', '南禅寺街道', '金星街道', '扬名街道'],
      hospitals: [h3('无锡市人民医院'), h3('无锡市第二人民医院'), h2('梁溪区人民医院')],
    },
    {
      code: '320214',
      name: '新吴区',
      kind: 'district',
      standardCode: true,
      note: null,
      weight: 10,
      streets: ['旺庄街道', '硕放街道', '江溪街道', '新安街道', '梅村街道', '鸿山街道'],
      hospitals: [h2('新吴区人民医院'), h2('新吴区中医医院')],
    },
    {
      code: '320281',
      name: '江阴市',
      kind: 'county_city',
      standardCode: true,
      note: null,
      weight: 24,
      streets: ['澄江街道', '南闸街道', '云亭街道', '华士镇', '周庄镇', '徐霞客镇'],
      hospitals: [h3('江阴市人民医院'), h2('江阴市中医院'), h2('江阴市第三人民医院')],
    },
    {
      code: '320282',
      name: '宜兴市',
      kind: 'county_city',
      standardCode: true,
      note: null,
      weight: 17,
      streets: ['宜城街道', '屺亭街道', '新街街道', '丁蜀镇', '和桥镇', '张渚镇'],
      hospitals: [h3('宜兴市人民医院'), h2('宜兴市中医医院'), h2('宜兴市第二人民医院')],
    },
    {
      // 无锡经济开发区 is a functional area carved out of 滨湖区 (its streets were 滨湖区 streets); it
      // has no GB/T 2260 code of its own. We could not confirm a statistical code for it, so 320290
      // is OUR code, not a standard one.
      code: '320290',
      name: '无锡经济开发区',
      kind: 'functional_area',
      standardCode: false,
      note: '功能区，无 GB/T 2260 行政区划代码；320290 为本演示自定代码（非标准）',
      weight: 3.5,
      streets: ['华庄街道', '太湖街道', '雪浪街道'],
      hospitals: [h2('无锡经济开发区人民医院')],
    },
  ],
};

export const CITY_SPECS: Readonly<Record<CityCode, CitySpec>> = { '320200': WUXI, '520100': GUIYANG };
