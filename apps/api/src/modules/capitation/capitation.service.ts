/**
 * Capitation settlement (W-8). Per institution and month: the capitation amount — patients
 * designated to it at month end × the per-head rate — against what its patients' claims cost the
 * fund. "Its claims" are the claims of the patients it is paid for (designated to it on the claim's
 * date), wherever dispensed: under capitation the designated institution answers for its patients'
 * cost, referrals included (W-4, W-6); the fund paid for claims dispensed at the institution is
 * given beside it. During the year the fund pays claims monthly (按月及时结付), so the monthly
 * figures compare; at year end a consortium is settled as a package: 总额包干 (budget = its members'
 * capitation), 复合结算, 超支适补 (the fund bears a share of an overspend), 结余留用 (the consortium keeps
 * a share of a surplus). Amounts are integer fen; shares round down to the fen.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Scope } from '../../auth/scope';
import { badInput } from '../../errors';
import type { RegionInfo } from '../regions/region.directory';
import type { StatisticsService } from '../statistics/statistics.service';
import { CAPITATION_CONFIG, type CapitationConfig } from './capitation.config';
import type { ResolvedSetting, SettingsReader } from '../settings/settings.reader';
import { costAtInstitution, costOfDesignated, designatedPatients, institutionsOf } from './capitation.repository';

export interface InstitutionMonth {
  institutionId: string;
  institutionName: string;
  level: string;
  consortiumId: string | null;
  month: string;
  designatedPatients: number;
  capitationFen: number;
  fundPaidFen: number;
  fundPaidHereFen: number;
  /** capitation − fund paid: positive is a surplus, negative an overspend */
  balanceFen: number;
}

export interface ConsortiumSettlement {
  consortiumId: string;
  memberIds: string[];
  /** patient-months in the period */
  designatedPatientMonths: number;
  budgetFen: number;
  fundPaidFen: number;
  overspendFen: number;
  surplusFen: number;
  /** the year-end figures: only for a whole year */
  yearEnd: boolean;
  compensationFen: number | null;
  retainedFen: number | null;
  /** what the fund owes the consortium for the year in all */
  settlementFen: number | null;
  /** settlement − what was paid during the year (the claims): the year-end payment, or recovery when negative */
  yearEndAdjustmentFen: number | null;
}

export interface Settlement {
  region: RegionInfo;
  year: number;
  month: number | null;
  /** the configured values the settlement used, each with its validFrom and source: every per-head rate in force in the period, and the year-end shares */
  parameters: ResolvedSetting[];
  institutions: InstitutionMonth[];
  consortia: ConsortiumSettlement[];
}

const pad = (n: number) => String(n).padStart(2, '0');

export class CapitationService {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly settings: SettingsReader,
    /** which cities settle by capitation; their values come from configuration (capitation.* keys) */
    private readonly config: Readonly<Record<string, CapitationConfig>> = CAPITATION_CONFIG,
  ) {}

  async settle(em: EntityManager, scope: Scope, regionCode: string, year: number, month: number | null): Promise<Settlement> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', 'must be a year 2000–2100', '年份须在2000–2100之间');
    if (month !== null && (!Number.isInteger(month) || month < 1 || month > 12)) throw badInput('month', 'must be 1–12', '月份须为1–12');
    const { region, districts } = this.statistics.scopedRegion(scope, regionCode);
    const cfg = this.config[region.cityCode];
    if (cfg === undefined) throw badInput('regionCode', 'this city’s rules do not settle by capitation (W-8 is Wuxi’s)', '该市“两病”政策未规定按人头付费');
    const from = month === null ? `${year}-01-01` : `${year}-${pad(month)}-01`;
    const lastMonth = month ?? 12;
    const to = new Date(Date.UTC(year, lastMonth, 0)).toISOString().slice(0, 10);
    const months = Array.from({ length: lastMonth - (month ?? 1) + 1 }, (_, i) => `${year}-${pad((month ?? 1) + i)}`);
    // Each month at the rate in force on its first day; the year-end shares as in force at the year's end.
    // In production a rate nobody set is NOT_CONFIGURED, never the demo placeholder.
    const s = await this.settings.city(em, region.cityCode);
    const rates = new Map(months.map((m) => [m, s.require('capitation.perHeadMonthlyFen', `${m}-01`)]));
    const shares =
      month === null ? { overspend: s.require('capitation.overspendCompensationBp', to), surplus: s.require('capitation.surplusRetentionBp', to) } : null;
    const [heads, cost, here, institutions] = await Promise.all([
      designatedPatients(em, districts, from, `${year}-${pad(lastMonth)}-01`),
      costOfDesignated(em, districts, from, to),
      costAtInstitution(em, districts, from, to),
      institutionsOf(em, districts),
    ]);
    const only = scope.institutionOnly;
    const key = (id: string, m: string) => `${id}|${m}`;
    const headMap = new Map(heads.map((h) => [key(h.institution_id, h.month), Number(h.n)]));
    const costMap = new Map(cost.map((c) => [key(c.institution_id, c.month), Number(c.fund_fen)]));
    const hereMap = new Map(here.map((c) => [key(c.institution_id, c.month), Number(c.fund_fen)]));

    const rows: InstitutionMonth[] = [];
    for (const inst of institutions) {
      if (only !== null && inst.id !== only) continue;
      for (const m of months) {
        const k = key(inst.id, m);
        const n = headMap.get(k) ?? 0;
        const fund = costMap.get(k) ?? 0;
        const fundHere = hereMap.get(k) ?? 0;
        const rate = rates.get(m)!.value as number;
        if (n === 0 && fund === 0 && fundHere === 0) continue;
        rows.push({
          institutionId: inst.id,
          institutionName: inst.name,
          level: inst.level,
          consortiumId: inst.consortium_id,
          month: m,
          designatedPatients: n,
          capitationFen: n * rate,
          fundPaidFen: fund,
          fundPaidHereFen: fundHere,
          balanceFen: n * rate - fund,
        });
      }
    }
    const consortia = only === null ? this.consortia(rows, institutions, shares) : [];
    const distinctRates = [...rates.values()].filter(
      (r, i, all) => all.findIndex((o) => o.validFrom === r.validFrom && o.setAt === r.setAt && o.districtCode === r.districtCode) === i,
    );
    return {
      region,
      year,
      month,
      parameters: [...distinctRates, ...(shares === null ? [] : [shares.overspend, shares.surplus])],
      institutions: rows,
      consortia,
    };
  }

  /** Consortium packages; the year-end figures only for a whole year (`shares` given). */
  private consortia(
    rows: readonly InstitutionMonth[],
    institutions: readonly { id: string; consortium_id: string | null }[],
    shares: { overspend: ResolvedSetting; surplus: ResolvedSetting } | null,
  ): ConsortiumSettlement[] {
    const wholeYear = shares !== null;
    const members = new Map<string, string[]>();
    for (const i of institutions) if (i.consortium_id !== null) members.set(i.consortium_id, [...(members.get(i.consortium_id) ?? []), i.id]);
    const out: ConsortiumSettlement[] = [];
    for (const [consortiumId, memberIds] of [...members].sort(([a], [b]) => a.localeCompare(b))) {
      const mine = rows.filter((r) => r.consortiumId === consortiumId);
      const budget = mine.reduce((s, r) => s + r.capitationFen, 0);
      const fund = mine.reduce((s, r) => s + r.fundPaidFen, 0);
      const overspend = Math.max(0, fund - budget);
      const surplus = Math.max(0, budget - fund);
      const compensation = shares === null ? 0 : Math.floor((overspend * (shares.overspend.value as number)) / 10_000);
      const retained = shares === null ? 0 : Math.floor((surplus * (shares.surplus.value as number)) / 10_000);
      // over budget: the fund pays the budget and its share of the overspend; under: the cost and the retained surplus
      const settlement = overspend > 0 ? budget + compensation : fund + retained;
      out.push({
        consortiumId,
        memberIds,
        designatedPatientMonths: mine.reduce((s, r) => s + r.designatedPatients, 0),
        budgetFen: budget,
        fundPaidFen: fund,
        overspendFen: overspend,
        surplusFen: surplus,
        yearEnd: wholeYear,
        compensationFen: wholeYear ? compensation : null,
        retainedFen: wholeYear ? retained : null,
        settlementFen: wholeYear ? settlement : null,
        yearEndAdjustmentFen: wholeYear ? settlement - fund : null,
      });
    }
    return out;
  }
}
