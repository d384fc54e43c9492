/**
 * The notice for the insured person from a stored decision: what was paid and what they pay,
 * the cap used and left for the year, each rule that changed the amount, and the next refill
 * date where a supply rule applies — short plain sentences, each citing its document and section
 * (按《无锡市…意见》二（三），在定点的基层机构就医配药，基金支付60%). Pure: the decision, the claim's
 * lines and the year's position come in; nothing is read.
 *
 * The parameters a sentence states (the ratio's and the cap's citations, the long-prescription
 * limit, the refill tolerance) are read from the decision's trace, which holds what the claim was
 * decided with, overrides included; a decision stored without a trace (a bulk load) falls back to
 * its rule set's own values on the service date.
 */
import { DRUG_FACTS } from '../catalogue/compile';
import type { Citation } from '../catalogue/types';
import { addDays, type IsoDate } from '../dates';
import { HITS } from '../hits';
import { formatYuan } from '../money';
import { valueOn, type ParameterHistory, type ParameterName, type ParameterTable } from '../params';
import { RULE_SETS } from '../resolve';
import type { Decision, ParameterUse, Pathway, RuleHit } from '../types';
import { citationZh, FULL_TITLE_ZH, ruleCiteZh } from '../zh/citation';
import { hitSentence, type HitFacts } from '../zh/hits';
import { ratioZh, yuanZh } from '../zh/labels';
import { stepKindOf } from '../zh/trace';
import type { ClaimNoticeInput, Notice, NoticeClaim, NoticeSection, YearPosition } from './types';

export const NOTICE_TITLE_ZH = '“两病”门诊用药结算告知书';
export const NOTICE_TITLE_EN = 'Hypertension and diabetes outpatient medication: notice of settlement';

const y = yuanZh;
const e = (fen: number) => `¥${formatYuan(fen)}`;

export function section(
  kind: NoticeSection['kind'],
  textZh: string,
  textEn: string,
  more: Partial<Omit<NoticeSection, 'kind' | 'textZh' | 'textEn'>> = {},
): NoticeSection {
  return { kind, code: null, lineNo: null, ruleId: null, section: null, citationZh: null, amountFen: null, date: null, textZh, textEn, ...more };
}

export function assemble(titleZh: string, titleEn: string, sections: readonly NoticeSection[]): Notice {
  return {
    titleZh,
    titleEn,
    textZh: [titleZh, ...sections.map((s) => s.textZh)].join('\n'),
    textEn: [titleEn, ...sections.map((s) => s.textEn)].join('\n'),
    sections,
  };
}

/** A parameter as the claim was decided with it (the trace), else the rule set's own value on the date. */
export function parameterOf(decision: Decision, date: IsoDate, name: ParameterName): ParameterUse | null {
  for (const s of decision.trace ?? []) for (const p of s.parameters) if (p.name === name) return p;
  const rs = RULE_SETS.find((r) => r.id === decision.ruleSetId);
  if (rs === undefined) return null;
  const v = valueOn<ParameterUse['value'] | null>(name, (rs.parameters as ParameterTable)[name] as ParameterHistory<ParameterUse['value'] | null>, date);
  return v === null ? null : { name, value: v.value as ParameterUse['value'], kind: v.kind, citation: v.citation };
}

const numberOf = (p: ParameterUse | null): number | null => (p !== null && typeof p.value === 'number' ? p.value : null);

/** 按《…》X，; a value the deployment set (configuration, an override) is 按本地配置（its name）. */
function according(p: ParameterUse | null, overrideName: string | null): string {
  if (p === null) return '';
  if (p.kind === 'configuration' || p.kind === 'override')
    return `按本地配置（${p.kind === 'override' && overrideName !== null ? overrideName : citationZh(p.citation)}），`;
  const cite = citationZh(p.citation);
  return cite === '' ? '' : `按${cite}，`;
}

function citedEn(c: Citation | null): string {
  return c === null || c.section === '—' ? '' : ` (${c.document} ${c.section})`;
}

/** The way the claim was made, as its city's text puts it (W 二(三)、三(三)、三(四); G 五(二)4). */
function pathwayZh(pathway: Pathway, guiyang: boolean): string {
  switch (pathway) {
    case 'designated':
      return guiyang ? '在可开展“两病”门诊诊疗的基层医疗卫生机构就医配药' : '在约定的定点基层机构（或其联合体）就医配药';
    case 'referral':
      return guiyang ? '用药控制不稳定、转诊到二级及以上医院治疗' : '经定点的基层机构转诊至其他医院就医';
    case 'emergency':
      return '突发危急重症就近就医、由约定的基层机构报销';
    case 'out_of_area':
      return '在异地长期居住地的联网定点医疗机构就医（按参保地政策执行）';
    case 'extension':
      return '凭二级及以上医疗机构半年内开具的处方在基层机构配药（延伸处方）';
  }
}

const PATHWAY_EN: Readonly<Record<Pathway, string>> = {
  designated: 'at the designated primary institution',
  referral: 'after a referral',
  emergency: 'in an emergency, reimbursed by the designated primary institution',
  out_of_area: 'out of area, under the insured city’s rules',
  extension: 'on an extension prescription',
};

const RATIO_PARAMETER: Readonly<Record<Pathway, ParameterName>> = {
  designated: 'ratioDesignatedBp',
  referral: 'ratioReferralBp',
  emergency: 'ratioEmergencyBp',
  out_of_area: 'ratioOutOfAreaBp',
  extension: 'ratioExtensionBp',
};

const drugZh = (code: string) => DRUG_FACTS.get(code)?.drug.nameZh ?? code;
const drugEn = (code: string) => DRUG_FACTS.get(code)?.drug.nameEn ?? code;

/** Days still on hand and units allowed, per line, as the trace recorded them. */
interface TraceFacts {
  onHand: number | null;
  allowed: number | null;
  standardUnit: number | null;
}

function lineFactsFromTrace(decision: Decision): Map<number, TraceFacts> {
  const out = new Map<number, TraceFacts>();
  for (const s of decision.trace ?? []) {
    if (s.lineNo === null) continue;
    const k = stepKindOf(s);
    if (k === null) continue;
    const f = out.get(s.lineNo) ?? { onHand: null, allowed: null, standardUnit: null };
    if (k.kind.kind === 'ON_HAND') f.onHand = s.result === 'none' ? 0 : Number(/^(\d+) days$/.exec(s.result)?.[1] ?? 0);
    if (k.kind.kind === 'QUANTITY') f.allowed = Number(k.groups[3]);
    if (k.kind.kind === 'PAYMENT_STANDARD') f.standardUnit = Number(/^(\d+) fen × /.exec(s.result)?.[1] ?? NaN);
    if (f.standardUnit !== null && Number.isNaN(f.standardUnit)) f.standardUnit = null;
    out.set(s.lineNo, f);
  }
  return out;
}

function duplicateRule(ruleSetId: string | null): { ruleId: string; section: string } {
  const rs = RULE_SETS.find((r) => r.id === ruleSetId);
  return rs?.ruleIds.DUPLICATE_DISPENSING ?? HITS.DUPLICATE_DISPENSING;
}

function personSection(input: ClaimNoticeInput['person']): NoticeSection[] {
  if (input === null) return [];
  return [section('person', `参保人：${input.name}（身份证号 ${input.residentId}）`, `Insured person: ${input.name} (ID ${input.residentId})`)];
}

export function yearSection(p: YearPosition, tail: { zh: string; en: string } = { zh: '', en: '' }): NoticeSection {
  if (p.capFen === null || p.remainingFen === null) {
    return section(
      'year',
      `截至${p.asOf}，您${p.year}年“两病”基金已支付${y(p.fundPaidFen)}；年度最高支付限额尚未配置。${tail.zh}`,
      `As of ${p.asOf}, the benefit has paid ${e(p.fundPaidFen)} in ${p.year}; the annual cap is not configured.${tail.en}`,
      {
        amountFen: p.fundPaidFen,
      },
    );
  }
  const general = p.capIncludesGeneralOutpatient && p.generalOutpatientFundFen > 0 ? `（其中普通门诊基金支付${y(p.generalOutpatientFundFen)}）` : '';
  const generalEn =
    p.capIncludesGeneralOutpatient && p.generalOutpatientFundFen > 0 ? ` (${e(p.generalOutpatientFundFen)} of it by the general-outpatient fund)` : '';
  return section(
    'year',
    `截至${p.asOf}，您${p.year}年的年度限额已使用${y(p.usedFen)}${general}，还剩${y(p.remainingFen)}。${tail.zh}`,
    `As of ${p.asOf}, ${e(p.usedFen)} of your ${p.year} cap is used${generalEn} and ${e(p.remainingFen)} is left.${tail.en}`,
    { amountFen: p.remainingFen, date: p.asOf, citationZh: p.capCitation === null ? null : citationZh(p.capCitation) },
  );
}

export function sourceSection(ruleSetId: string | null): NoticeSection[] {
  const rs = RULE_SETS.find((r) => r.id === ruleSetId);
  if (rs === undefined) return [];
  const title = FULL_TITLE_ZH[rs.source.document] ?? rs.source.document;
  return [section('source', `依据：${title}。`, `Source: ${rs.source.document} (${rs.nameEn}).`)];
}

function facts(h: RuleHit, decision: Decision, claim: NoticeClaim, fromTrace: Map<number, TraceFacts>, maxDays: number | null): HitFacts {
  const ld = h.lineNo === null ? undefined : decision.lines.find((l) => l.lineNo === h.lineNo);
  const cl = h.lineNo === null ? undefined : claim.lines.find((l) => l.lineNo === h.lineNo);
  const tf = h.lineNo === null ? undefined : fromTrace.get(h.lineNo);
  const code = ld?.drugCode ?? cl?.drugCode ?? '';
  return {
    lineNo: h.lineNo,
    drug: drugZh(code),
    drugEn: drugEn(code),
    amountFen: ld?.amountFen ?? decision.amountFen,
    compliantFen: ld?.compliantFen ?? decision.compliantFen,
    daysSupply: cl?.daysSupply ?? null,
    quantity: cl?.quantity ?? null,
    maxDays,
    onHandDays: tf?.onHand ?? null,
    allowedUnits: tf?.allowed ?? null,
    overStandardFen: ld?.overStandardFen ?? null,
    standardUnitFen: tf?.standardUnit ?? null,
  };
}

export function renderClaimNotice(input: ClaimNoticeInput): Notice {
  const { decision: d, claim } = input;
  const date = claim.serviceDate;
  const guiyang = d.ruleSetId?.startsWith('guiyang') === true;
  const sections: NoticeSection[] = [...personSection(input.person)];

  const where = claim.institutionName === null ? '' : `在${claim.institutionName}`;
  const whereEn = claim.institutionName === null ? '' : ` at ${claim.institutionName}`;
  sections.push(
    section(
      'payment',
      `您于${date}${where}配药，药费合计${y(d.amountFen)}，其中符合“两病”保障规定的${y(d.compliantFen)}；医保基金支付${y(d.fundFen)}，您个人支付${y(d.patientFen)}。`,
      `On ${date}${whereEn} your drugs cost ${e(d.amountFen)}, of which ${e(d.compliantFen)} is covered; the fund pays ${e(d.fundFen)} and you pay ${e(d.patientFen)}.`,
      { amountFen: d.fundFen, date },
    ),
  );
  if (claim.reversedOn !== null) {
    sections.push(
      section(
        'reversal',
        `本次结算已于${claim.reversedOn}冲正（撤销），基金支付的${y(d.fundFen)}已退回，不再计入年度限额。`,
        `This settlement was reversed on ${claim.reversedOn}: the fund's ${e(d.fundFen)} is returned and no longer counts against the cap.`,
        { amountFen: d.fundFen, date: claim.reversedOn },
      ),
    );
  }

  const claimRefused = d.hits.some((h) => h.severity === 'reject_claim');
  const ruleSetKnown = d.ruleSetId !== null;
  if (ruleSetKnown && !claimRefused) {
    const ratio = parameterOf(d, date, RATIO_PARAMETER[d.pathway]);
    const cite = ratio === null ? null : ratio.citation;
    sections.push(
      section(
        'ratio',
        `${according(ratio, d.overrideName)}${pathwayZh(d.pathway, guiyang)}，合规药费由基金支付${ratioZh(d.ratioBp)}。`,
        `Paid ${PATHWAY_EN[d.pathway]}: the fund pays ${d.ratioBp / 100}% of the covered cost${citedEn(cite)}.`,
        { ruleId: null, section: cite?.section ?? null, citationZh: cite === null ? null : citationZh(cite), amountFen: d.fundFen },
      ),
    );
    const deductible = numberOf(parameterOf(d, date, 'deductibleFen'));
    if (deductible !== null && deductible > 0) {
      const dp = parameterOf(d, date, 'deductibleFen');
      sections.push(
        section(
          'deductible',
          `${according(dp, d.overrideName)}年度起付线为${y(deductible)}，起付线以下的合规药费由您自付。`,
          `The annual deductible is ${e(deductible)}${citedEn(dp?.citation ?? null)}.`,
          { amountFen: deductible },
        ),
      );
    }
    const capName: ParameterName =
      d.capFen === numberOf(parameterOf(d, date, 'capBothDiseasesFen')) && d.capFen !== numberOf(parameterOf(d, date, 'capOneDiseaseFen'))
        ? 'capBothDiseasesFen'
        : 'capOneDiseaseFen';
    const cap = parameterOf(d, date, capName);
    const includes = parameterOf(d, date, 'capIncludesGeneralOutpatient')?.value === true;
    const both = capName === 'capBothDiseasesFen';
    sections.push(
      section(
        'cap',
        `${according(cap, d.overrideName)}${both ? '同时患有高血压、糖尿病的，' : ''}您今年的医保基金最高支付限额为${y(d.capFen)}${includes ? '（含居民医保普通门诊基金支付部分）' : ''}；本次结算前已用${y(d.capUsedBeforeFen)}，本次后还剩${y(d.capRemainingFen)}。`,
        `Your annual fund cap is ${e(d.capFen)}${includes ? ' (including the general-outpatient fund’s payments)' : ''}${citedEn(cap?.citation ?? null)}: ${e(d.capUsedBeforeFen)} was used before this claim and ${e(d.capRemainingFen)} is left after it.`,
        { section: cap?.citation.section ?? null, citationZh: cap === null ? null : citationZh(cap.citation), amountFen: d.capRemainingFen },
      ),
    );
  }

  // Each rule that changed the amount (and, as a note, a warning that did not), once per code and line.
  const fromTrace = lineFactsFromTrace(d);
  const maxDays = numberOf(parameterOf(d, date, 'longPrescriptionMaxDays'));
  const seen = new Set<string>();
  for (const h of d.hits) {
    const key = `${h.code}|${h.lineNo ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const s = hitSentence(h, d.ruleSetId, facts(h, d, claim, fromTrace, maxDays));
    const ld = h.lineNo === null ? undefined : d.lines.find((l) => l.lineNo === h.lineNo);
    sections.push(
      section(h.severity === 'warning' ? 'note' : 'rule', s.zh, s.en, {
        code: h.code,
        lineNo: h.lineNo,
        ruleId: h.ruleId,
        section: h.section,
        citationZh: ruleCiteZh(d.ruleSetId, h.ruleId, h.section) || null,
        amountFen: ld === undefined ? null : ld.amountFen - ld.compliantFen,
      }),
    );
  }

  // The next refill of each line dispensed under the benefit, where the supply rule applies (重复配药).
  if (ruleSetKnown && !claimRefused && claim.reversedOn === null) {
    const tolerance = numberOf(parameterOf(d, date, 'earlyRefillToleranceDays')) ?? 0;
    const toleranceParam = parameterOf(d, date, 'earlyRefillToleranceDays');
    const rule = duplicateRule(d.ruleSetId);
    const cite = ruleCiteZh(d.ruleSetId, rule.ruleId, rule.section);
    const configured = toleranceParam !== null && toleranceParam.kind === 'configuration';
    for (const line of claim.lines) {
      const ld = d.lines.find((l) => l.lineNo === line.lineNo);
      if (ld === undefined) continue;
      const duplicate = ld.hitCodes.includes('DUPLICATE_DISPENSING');
      const onHand = fromTrace.get(line.lineNo)?.onHand ?? null;
      const lastsDays = duplicate ? onHand : ld.compliantFen > 0 ? line.daysSupply : null;
      if (lastsDays === null || lastsDays <= 0) continue;
      const next = addDays(date, Math.max(0, lastsDays - tolerance));
      const name = drugZh(line.drugCode);
      const why = duplicate ? `${name}上次配的药可用到${addDays(date, lastsDays)}` : `${name}本次配了${line.daysSupply}天的用量`;
      const whyEn = duplicate
        ? `the earlier supply of ${drugEn(line.drugCode)} lasts until ${addDays(date, lastsDays)}`
        : `${line.daysSupply} days of ${drugEn(line.drugCode)} were dispensed`;
      sections.push(
        section(
          'refill',
          `${cite === '' ? '' : `按${cite}，`}药未用完不得重复配药：${why}，最早可于${next}再次配药${tolerance > 0 ? `（可在用完前${tolerance}天内续配${configured ? '，该天数为本地配置' : ''}）` : ''}。`,
          `Refill: ${whyEn}; the next fill may be on or after ${next}${tolerance > 0 ? ` (up to ${tolerance} days early${configured ? ', a configured tolerance' : ''})` : ''} (${rule.ruleId} ${rule.section}).`,
          {
            lineNo: line.lineNo,
            ruleId: rule.ruleId,
            section: rule.section,
            citationZh: cite || null,
            date: next,
            code: duplicate ? 'DUPLICATE_DISPENSING' : null,
          },
        ),
      );
    }
  }

  if (input.year !== null) sections.push(yearSection(input.year));
  sections.push(...sourceSection(d.ruleSetId));
  return assemble(NOTICE_TITLE_ZH, NOTICE_TITLE_EN, sections);
}
