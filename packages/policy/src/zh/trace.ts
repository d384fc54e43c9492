/**
 * The explanation trace in Chinese. A trace step is stored as the core wrote it, in English
 * (claim_documents keeps the decision whole); its kind is recognised from the step's own
 * description, which the core writes from a fixed set of templates, and its result is read
 * back into Chinese from the values the template put in. So a trace stored before this module
 * existed reads in Chinese too, without being stored again.
 *
 * Every template the core writes is a kind here: trace.test.ts fails when a step of any
 * adjudication is not recognised, or when a kind has no Chinese.
 */
import type { TraceStep } from '../types';
import { citeZh, ruleCiteZh } from './citation';
import { GUIYANG_2021, WUXI_2019 } from '../sources';
import { cityZh, OUTCOME_ZH, PATHWAY_ZH, SCHEME_ZH, FORM_ZH, termZh, yuanZh } from './labels';
import { noteZh, parameterZh, type ParameterZh } from './parameters';

type Groups = readonly string[];

interface StepKind {
  readonly kind: string;
  /** matches the English description (`step`) the core writes */
  readonly step: RegExp;
  /** the description in Chinese, from the description's own values */
  readonly stepZh: (g: Groups) => string;
  /** the result in Chinese, from the English result */
  readonly resultZh: (result: string, g: Groups) => string;
}

const fen = (s: string | undefined) => yuanZh(Number(s ?? 0));
const zhList = (s: string) => s.split(', ').map(termZh).join('、');
/** Replaces whole words the core wrote in English (levels, pathways, diseases) by their Chinese. */
const terms = (s: string) => s.replace(/[a-z][a-z0-9_]+/g, (w) => termZh(w));

function mapResult(table: Readonly<Record<string, string>>, fallback: (r: string) => string = terms): (r: string) => string {
  return (r) => table[r] ?? fallback(r);
}

export const STEP_KINDS: readonly StepKind[] = [
  {
    kind: 'RULE_SET',
    step: /^rule set in force for city (\S+) on (\S+)$/,
    stepZh: (g) => `${cityZh(g[1]!)}在${g[2]}生效的“两病”规则`,
    resultZh: (r) => {
      const m = /^(\S+) \((.+)\) version (\S+), catalogue (\S+)(?:, overrides: (.+))?$/.exec(r);
      if (m === null) return r;
      return `${m[2]}（${m[1]}，${m[3]}版），用药目录${m[4]}${m[5] ? `，覆盖配置：${m[5]}` : ''}`;
    },
  },
  {
    kind: 'RULE_SET_NOT_IN_FORCE',
    step: /^rule set in force$/,
    stepZh: () => '生效的“两病”规则',
    resultZh: (r) => {
      const none = /^no rule set for city (\S+)$/.exec(r);
      if (none !== null) return `${cityZh(none[1]!)}没有“两病”规则`;
      const m = /^no rule set for city (\S+) in force on (\S+); in force: (.+?)(?: \((.+)\))?$/.exec(r);
      if (m === null) return r;
      const periods = m[3]!.replace(/(\S+) from (\S+)(?: to (\S+))?/g, (_, id: string, from: string, to?: string) => `${id}自${from}${to ? `至${to}` : ''}`);
      const source = m[4] ? /^(.+?): (.*)$/.exec(m[4]) : null;
      return `${cityZh(m[1]!)}在${m[2]}没有生效的规则；生效期：${periods}${source ? `（${source[2]}）` : ''}`;
    },
  },
  {
    kind: 'PARAMETERS_CONFIGURED',
    step: /^benefit levels configured$/,
    stepZh: () => '待遇标准（支付比例、年度限额、起付线）已配置',
    resultZh: () => '尚未配置：部署设定前不予支付',
  },
  {
    kind: 'DECISION',
    step: /^decision$/,
    stepZh: () => '结算结果',
    resultZh: (r) => {
      const m = /^(\w+): amount (\d+), compliant (\d+), fund (\d+), patient (\d+) fen; cap left (\d+) fen; rational use: (true|false)$/.exec(r);
      if (m === null) return r;
      return `${OUTCOME_ZH[m[1] as keyof typeof OUTCOME_ZH] ?? m[1]}：药费${fen(m[2])}，合规费用${fen(m[3])}，基金支付${fen(m[4])}，个人支付${fen(m[5])}；年度限额剩余${fen(m[6])}；合理用药：${m[7] === 'true' ? '是' : '否'}`;
    },
  },
  {
    kind: 'SCHEME',
    step: /^insurance scheme is the residents’ scheme \(居民医保\)$/,
    stepZh: () => '参加城乡居民医保',
    resultZh: (r) => SCHEME_ZH[r as keyof typeof SCHEME_ZH] ?? r,
  },
  {
    kind: 'CERTIFIED',
    step: /^certified for the benefit on the service date$/,
    stepZh: () => '就诊当日持有效的“两病”门诊医疗证（鉴定）',
    resultZh: (r) => {
      const m = /^certified (\S+) for (.+)$/.exec(r);
      return m === null ? (r === 'not certified' ? '未认定' : r) : `${m[1]}认定：${zhList(m[2]!)}`;
    },
  },
  {
    kind: 'GENERAL_OUTPATIENT_FIRST',
    step: /^general-outpatient benefit used up first$/,
    stepZh: () => '普通门诊待遇已先用完',
    resultZh: mapResult({ 'used up': '已用完', 'not used up': '未用完' }),
  },
  {
    kind: 'PATHWAY',
    step: /^pathway (\w+) is provided by this rule set$/,
    stepZh: (g) => `本地规则规定了“${PATHWAY_ZH[g[1] as keyof typeof PATHWAY_ZH] ?? g[1]}”`,
    resultZh: (r) => (r === 'not provided' ? '未规定' : r === 'provided' ? '已规定' : (noteZh(r) ?? r)),
  },
  {
    kind: 'EMERGENCY',
    step: /^emergency claim reimbursed afterwards by the designated primary institution$/,
    stepZh: () => '突发危急重症就近就医，事后由约定的基层机构报销',
    resultZh: mapResult({ checked: '已核对' }),
  },
  {
    kind: 'OUT_OF_AREA',
    step: /^out of area: registered long-term resident elsewhere, networked institution of level 2 or below$/,
    stepZh: () => '异地长期居住登记，在居住地二级及以下异地联网结算定点医疗机构就医',
    resultZh: (r) => {
      const m = /^(\w+), networked: (true|false)$/.exec(r);
      return m === null ? r : `${termZh(m[1]!)}，${m[2] === 'true' ? '已' : '未'}异地联网`;
    },
  },
  {
    kind: 'DESIGNATED_IS_PRIMARY',
    step: /^the designated institution is a primary institution \(基层医疗卫生服务机构\)$/,
    stepZh: () => '约定机构为基层医疗卫生服务机构',
    resultZh: (r) => {
      const unknown = /^level of (\S+) not given$/.exec(r);
      if (unknown !== null) return `未提供${unknown[1]}的机构级别`;
      const m = /^(\S+): (\w+)$/.exec(r);
      return m === null ? r : `${m[1]}：${termZh(m[2]!)}`;
    },
  },
  {
    kind: 'AT_DESIGNATED',
    step: /^dispensed at the designated primary institution or within its consortium$/,
    stepZh: () => '在约定的基层机构或其联合体内配药',
    resultZh: (r) => {
      if (r === 'no designation on the service date') return '就诊当日无约定机构';
      const elsewhere = /^designated (\S+), dispensed at (\S+)$/.exec(r);
      if (elsewhere !== null) return `约定机构${elsewhere[1]}，实际在${elsewhere[2]}配药`;
      const m = /^designated (\S+)$/.exec(r);
      return m === null ? r : `约定机构${m[1]}`;
    },
  },
  {
    kind: 'AUTHORISED',
    step: /^institution authorised to treat 两病$/,
    stepZh: () => '机构可开展“两病”门诊诊疗',
    resultZh: mapResult({ authorised: '可以', 'not authorised': '不可以' }),
  },
  {
    kind: 'REFERRAL',
    step: /^referral issued by the designated primary institution$/,
    stepZh: () => '由约定的基层机构出具转诊',
    resultZh: (r) => {
      if (r === 'no referral') return '无转诊记录';
      const m = /^from (\S+) on (\S+)$/.exec(r);
      return m === null ? r : `${m[2]}由${m[1]}转诊`;
    },
  },
  {
    kind: 'EXTENSION',
    step: /^extension prescription: stable patient, level-2\+ prescription issued within the validity period$/,
    stepZh: () => '延伸处方：用药控制稳定，凭二级及以上医疗机构在有效期内开具的处方',
    resultZh: (r) => {
      if (r === 'no source prescription') return '无原处方';
      const m = /^issued (\S+) at (\w+); valid through (\S+)$/.exec(r);
      return m === null ? r : `${m[1]}由${termZh(m[2]!)}开具；有效至${m[3] === '—' ? '（未设置）' : m[3]}`;
    },
  },
  {
    kind: 'IN_CATALOGUE',
    step: /^(.+) \((\S+)\) (oral|injection) in the catalogue$/,
    stepZh: (g) => `${g[1]}（${g[2]}）${FORM_ZH[g[3] as 'oral' | 'injection']}剂型在“两病”用药范围内`,
    resultZh: (r) => {
      // `${document} ${section}: ${note}`, the catalogue entry's citation; a section may hold a space (附件3 序号 29).
      const document = [WUXI_2019, GUIYANG_2021].find((d) => r.startsWith(`${d} `));
      if (document === undefined) return r;
      const rest = r.slice(document.length + 1);
      const colon = rest.indexOf(': ');
      const section = (colon < 0 ? rest : rest.slice(0, colon)).replace(' 序号 ', '序号');
      const note = colon < 0 ? null : rest.slice(colon + 2);
      return `${citeZh(document, section)}${note === null ? '' : `：${noteZh(note) ?? note}`}`;
    },
  },
  {
    kind: 'RESTRICTION',
    step: /^restriction “(.+)”$/,
    stepZh: (g) => `限定支付条件“${g[1]}”`,
    resultZh: mapResult({ met: '符合', 'not met': '不符合' }),
  },
  {
    kind: 'ON_HAND',
    step: /^supply of the same substance still on hand, days$/,
    stepZh: () => '同一药品尚未用完的用药天数',
    resultZh: (r) => (r === 'none' ? '无' : r.replace(/^(\d+) days$/, '$1天')),
  },
  {
    kind: 'LONG_PRESCRIPTION',
    step: /^days of supply within the long-prescription limit$/,
    stepZh: () => '用药天数不超过长期处方上限',
    resultZh: (r) => r.replace(/^(\d+) days$/, '$1天'),
  },
  {
    kind: 'QUANTITY',
    step: /^quantity within (\S+) units a day × (\d+) days = (\d+)$/,
    stepZh: (g) => `数量不超过每日${g[1]}个单位×${g[2]}天=${g[3]}个单位`,
    resultZh: (r) => r.replace(/^(\d+) units$/, '$1个单位'),
  },
  {
    kind: 'PAYMENT_STANDARD',
    step: /^payment standard (\S+) of (\S+?)(?: changed by (.+))?$/,
    stepZh: (g) => `医保支付标准（规格${g[1]}，${g[2]}${g[3] === undefined ? '' : `，经${g[3]}调整`}）`,
    resultZh: (r) => {
      const m = /^(\d+) fen × (\d+) units = (\d+) fen; submitted (\d+) fen; over (\d+) fen$/.exec(r);
      return m === null ? r : `每单位${fen(m[1])}×${m[2]}个单位=${fen(m[3])}；申报${fen(m[4])}；超出标准${fen(m[5])}由个人负担`;
    },
  },
  {
    kind: 'PAYMENT_STANDARD_MISSING',
    step: /^payment standard (?:of (\S+)|in force)$/,
    stepZh: (g) => (g[1] === undefined ? '生效的医保支付标准' : `医保支付标准（${g[1]}）`),
    resultZh: (r) => {
      if (r === 'none: paid on the submitted price') return '无生效的支付标准：按申报价格计算（目前暂按现有支付标准执行）';
      if (r === 'none for this drug and form: paid on the submitted price') return '该药品该剂型无支付标准：按申报价格计算';
      const other = /^none for this strength \(standards for (.+)\): paid on the submitted price$/.exec(r);
      if (other !== null) return `该规格无支付标准（有标准的规格：${other[1]!.split(', ').join('、')}）：按申报价格计算`;
      const several = /^strength not given, several standards \((.+)\): paid on the submitted price$/.exec(r);
      if (several !== null) return `未申报规格，且有多个规格的支付标准（${several[1]!.split(', ').join('、')}）：按申报价格计算`;
      return r;
    },
  },
  {
    kind: 'CAP',
    step: /^annual cap and what is used of it$/,
    stepZh: () => '年度基金最高支付限额及已使用额',
    resultZh: (r) => {
      const m = /^cap (\d+) fen; used (\d+) fen \(两病 (\d+)(?: \+ general outpatient (\d+))?\); left (\d+) fen$/.exec(r);
      if (m === null) return r;
      return `限额${fen(m[1])}；已用${fen(m[2])}（“两病”${fen(m[3])}${m[4] === undefined ? '' : `＋普通门诊${fen(m[4])}`}）；剩余${fen(m[5])}`;
    },
  },
  {
    kind: 'RATIO',
    step: /^fund ratio for the (\w+) pathway and deductible$/,
    stepZh: (g) => `“${PATHWAY_ZH[g[1] as keyof typeof PATHWAY_ZH] ?? g[1]}”的基金支付比例及起付线`,
    resultZh: (r) => {
      const m = /^(\S+)%, deductible left (\d+) fen$/.exec(r);
      return m === null ? r : `${m[1]}%，起付线剩余${fen(m[2])}`;
    },
  },
  {
    kind: 'LINE_SHARE',
    step: /^fund share of the line: floor\(\(compliant − deductible\) × ratio\), within the cap left$/,
    stepZh: () => '该项基金支付：（合规费用−起付线）×支付比例，向下取整到分，不超过剩余限额',
    resultZh: (r) => {
      const m = /^compliant (\d+) fen → share (\d+) fen → paid (\d+) fen$/.exec(r);
      return m === null ? r : `合规${fen(m[1])}→按比例${fen(m[2])}→支付${fen(m[3])}`;
    },
  },
];

export type StepKindName = (typeof STEP_KINDS)[number]['kind'];

export interface TraceStepZh {
  /** the kind recognised from the step's description; null for a description no template wrote */
  readonly kind: string | null;
  readonly stepZh: string;
  readonly resultZh: string;
  /** 《无锡市…意见》四（二）; '' for a step that cites no section */
  readonly citationZh: string;
  readonly parameters: readonly ParameterZh[];
}

export function stepKindOf(step: TraceStep): { kind: StepKind; groups: Groups } | null {
  for (const k of STEP_KINDS) {
    const m = k.step.exec(step.step);
    if (m !== null) return { kind: k, groups: m };
  }
  return null;
}

/** One stored step in Chinese; `ruleSetId` is the decision's (for the document a step without a rule id cites). */
export function traceStepZh(step: TraceStep, ruleSetId: string | null): TraceStepZh {
  const found = stepKindOf(step);
  return {
    kind: found?.kind.kind ?? null,
    stepZh: found === null ? step.step : found.kind.stepZh(found.groups),
    resultZh: found === null ? step.result : found.kind.resultZh(step.result, found.groups),
    citationZh: ruleCiteZh(ruleSetId, step.ruleId, step.section),
    parameters: step.parameters.map(parameterZh),
  };
}
