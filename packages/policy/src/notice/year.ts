/**
 * The patient's year in one notice: how many claims were settled, what the drugs cost, what the
 * fund paid and what the patient paid (reversed claims left out), the cap used and left from the
 * ledger, and when the supply dispensed runs out. Pure, like the claim's notice.
 */
import { addDays } from '../dates';
import { formatYuan } from '../money';
import { citationZh } from '../zh/citation';
import { yuanZh } from '../zh/labels';
import { assemble, section, sourceSection, yearSection } from './notice';
import type { Notice, NoticeSection, YearNoticeInput } from './types';

export const YEAR_NOTICE_TITLE_ZH = '“两病”门诊用药年度待遇告知书';
export const YEAR_NOTICE_TITLE_EN = 'Hypertension and diabetes outpatient medication: the year’s benefit';

export function renderYearNotice(input: YearNoticeInput): Notice {
  const { year, position: p } = input;
  const settled = input.claims.filter((c) => !c.reversed);
  const reversed = input.claims.length - settled.length;
  let amount = 0;
  let fund = 0;
  let own = 0;
  for (const c of settled) {
    amount += c.amountFen;
    fund += c.fundFen;
    own += c.patientFen;
  }
  const sections: NoticeSection[] = [];
  if (input.person !== null)
    sections.push(
      section(
        'person',
        `参保人：${input.person.name}（身份证号 ${input.person.residentId}）`,
        `Insured person: ${input.person.name} (ID ${input.person.residentId})`,
      ),
    );
  sections.push(
    section(
      'summary',
      `${year}年您共结算“两病”门诊用药${settled.length}次${reversed > 0 ? `（另有${reversed}次已冲正，不计入）` : ''}，药费合计${yuanZh(amount)}，医保基金支付${yuanZh(fund)}，您个人支付${yuanZh(own)}。`,
      `In ${year} you settled ${settled.length} claims${reversed > 0 ? ` (${reversed} more reversed, not counted)` : ''}: drugs ¥${formatYuan(amount)}, the fund paid ¥${formatYuan(fund)}, you paid ¥${formatYuan(own)}.`,
      { amountFen: fund },
    ),
  );
  if (p.capFen !== null && p.capCitation !== null) {
    sections.push(
      section(
        'cap',
        `按${citationZh(p.capCitation)}，您${year}年的医保基金最高支付限额为${yuanZh(p.capFen)}${p.capIncludesGeneralOutpatient ? '（含居民医保普通门诊基金支付部分）' : ''}。`,
        `Your ${year} fund cap is ¥${formatYuan(p.capFen)}${p.capIncludesGeneralOutpatient ? ', including the general-outpatient fund’s payments' : ''} (${p.capCitation.document} ${p.capCitation.section}).`,
        { section: p.capCitation.section, citationZh: citationZh(p.capCitation), amountFen: p.capFen },
      ),
    );
  }
  const refill = input.supplyLastsUntil;
  const tolerance = input.earlyRefillToleranceDays ?? 0;
  const tail =
    refill === null || refill < p.asOf
      ? { zh: '', en: '' }
      : {
          zh: `已配的药可用到${refill}，最早可于${addDays(refill, -tolerance)}再次配药。`,
          en: ` The drugs dispensed last until ${refill}; the next fill may be on or after ${addDays(refill, -tolerance)}.`,
        };
  sections.push({ ...yearSection(p, tail), date: refill !== null && refill >= p.asOf ? addDays(refill, -tolerance) : p.asOf });
  sections.push(...sourceSection(input.ruleSetId));
  return assemble(YEAR_NOTICE_TITLE_ZH, YEAR_NOTICE_TITLE_EN, sections);
}
