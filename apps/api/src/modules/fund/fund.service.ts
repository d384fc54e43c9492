/**
 * Fund watch (the city's rule set's programme.fundWatch; Wuxi 五(一): 做好基金运行和专项统计分析): fund paid per district and month against the
 * district's annual budget, the year-end projection from the run rate (fund.projection.ts), and the
 * patients who used up their annual cap, by the month they reached it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { isIsoDate, ruleSetOfCity } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { badInput, forbidden, notFound } from '../../errors';
import { audit } from '../audit/audit';
import type { RegionDirectory, RegionInfo } from '../regions/region.directory';
import type { StatisticsService } from '../statistics/statistics.service';
import { periodOf } from '../statistics/statistics.service';
import { budgetsOf, capReachedByMonth, currentBudgetForUpdate, fundByMonth, upsertBudget, type StoredBudget } from './fund.repository';
import { completeMonths, project, PROJECTION_METHOD, PROJECTION_METHOD_ZH, type Projection } from './fund.projection';

/** What the fund watch cites for a city: its rule set's programme.fundWatch, or that its texts ask for none (then budgets are configuration alone). */
export function budgetCitation(cityCode: string): string {
  const rs = ruleSetOfCity(cityCode);
  const c = rs?.programme.fundWatch ?? null;
  if (c === null) return `${rs?.cityName.zh ?? cityCode}的“两病”文件未规定基金运行监测：预算与预测为部署配置`;
  return `${c.document} ${c.section}${c.note === undefined ? '' : `：${c.note}`}`;
}

export interface FundWatchRow {
  region: RegionInfo;
  /** the district's budget; for a city, null (see budgetFen) */
  budget: StoredBudget | null;
  /** the district's budget, or for a city the sum of its districts' when every one has a budget */
  budgetFen: number | null;
  projection: Projection;
  /** projected year end − budget; positive means over budget */
  projectedVsBudgetFen: number | null;
  /** paid to date ÷ budget */
  budgetUsed: number | null;
  /** patients who reached their cap in the year up to the as-of date, and per month (index 0 = January) */
  patientsReachingCap: number;
  capReachedByMonth: number[];
}

export interface FundWatch {
  region: RegionInfo;
  year: number;
  asOf: string;
  method: string;
  methodZh: string;
  citation: string;
  total: FundWatchRow;
  districts: FundWatchRow[];
  districtsWithoutBudget: string[];
}

function row(
  region: RegionInfo,
  budget: StoredBudget | null,
  budgetFen: number | null,
  monthly: readonly number[],
  caps: readonly number[],
  complete: number,
  begun: number,
): FundWatchRow {
  const projection = project(monthly, complete, begun, budgetFen);
  return {
    region,
    budget,
    budgetFen,
    projection,
    projectedVsBudgetFen: budgetFen === null || projection.projectedYearEndFen === null ? null : projection.projectedYearEndFen - budgetFen,
    budgetUsed: budgetFen === null || budgetFen === 0 ? null : projection.paidToDateFen / budgetFen,
    patientsReachingCap: caps.reduce((a, b) => a + b, 0),
    capReachedByMonth: [...caps],
  };
}

export class FundService {
  constructor(
    private readonly regions: RegionDirectory,
    private readonly statistics: StatisticsService,
    private readonly today: () => string,
  ) {}

  async watch(em: EntityManager, scope: Scope, regionCode: string, year: number, asOfArg: string | null): Promise<FundWatch> {
    // Budgets, run rates and projections are a district's; an institution has none of its own.
    if (scope.institutionOnly !== null)
      throw forbidden('The fund watch is a district’s budget, not an institution’s', '基金运行监测按区县预算，医疗机构无权查看');
    periodOf(year, null);
    const asOf = asOfArg ?? this.today();
    if (!isIsoDate(asOf)) throw badInput('asOf', 'must be a calendar date YYYY-MM-DD', '须为有效日期 YYYY-MM-DD');
    const { region, districts } = this.statistics.scopedRegion(scope, regionCode);
    if (region.level === 'street') throw badInput('regionCode', 'must be a city or a district: budgets are per district', '须为市或区县');
    const yearEnd = `${year}-12-31`;
    const to = asOf < yearEnd ? asOf : yearEnd;
    const complete = completeMonths(year, asOf);
    const begun = asOf < `${year}-01-01` ? 0 : asOf >= yearEnd ? 12 : Number(asOf.slice(5, 7));
    const [budgets, fund, caps] = await Promise.all([
      budgetsOf(em, districts, year),
      fundByMonth(em, districts, year, to),
      capReachedByMonth(em, districts, year, to),
    ]);

    const zero = new Array<number>(12).fill(0);
    const rows = districts.map((code) => {
      const b = budgets.get(code) ?? null;
      return row(this.regions.get(code)!, b, b?.budgetFen ?? null, fund.get(code) ?? zero, caps.get(code) ?? zero, complete, begun);
    });
    const sum = (pick: (r: FundWatchRow) => readonly number[]) => zero.map((_, i) => rows.reduce((a, r) => a + pick(r)[i]!, 0));
    const monthly = zero.map((_, i) => districts.reduce((a, code) => a + (fund.get(code)?.[i] ?? 0), 0));
    const without = districts.filter((d) => !budgets.has(d));
    const totalBudget = without.length === 0 ? rows.reduce((a, r) => a + r.budgetFen!, 0) : null;
    const total =
      region.level === 'district'
        ? rows[0]!
        : row(
            region,
            null,
            totalBudget,
            monthly,
            sum((r) => r.capReachedByMonth),
            complete,
            begun,
          );
    return {
      region,
      year,
      asOf,
      method: PROJECTION_METHOD,
      methodZh: PROJECTION_METHOD_ZH,
      citation: budgetCitation(region.cityCode),
      total,
      districts: rows,
      districtsWithoutBudget: without,
    };
  }

  async setBudget(
    em: EntityManager,
    scope: Scope,
    input: { districtCode: string; year: number; budgetFen: number; source: string; note?: string | null },
  ): Promise<StoredBudget> {
    const region = this.regions.get(input.districtCode);
    if (region === undefined || region.level !== 'district') throw notFound('district', input.districtCode);
    scope.assertBudgetWrite(region.code, region.cityCode);
    periodOf(input.year, null);
    if (!Number.isSafeInteger(input.budgetFen) || input.budgetFen < 0)
      throw badInput('budgetFen', 'must be a non-negative integer of fen', '须为非负整数（分）');
    const source = input.source.trim();
    if (source.length === 0 || source.length > 200)
      throw badInput('source', 'name the decision the budget comes from, 1–200 characters', '须注明预算依据（1–200个字符）');
    if (input.note != null && input.note.length > 500) throw badInput('note', 'at most 500 characters', '最多500个字符');
    return em.transactional(async (tem) => {
      // The figure replaced, in the audit row: the entry says what the change was, not only what it became.
      const before = await currentBudgetForUpdate(tem, region.code, input.year);
      const stored = await upsertBudget(tem, {
        districtCode: region.code,
        year: input.year,
        budgetFen: input.budgetFen,
        source,
        note: input.note ?? null,
        setBy: scope.viewer.userId,
      });
      await audit(tem, scope.viewer, region.code, 'fund_budget.set', 'fund_budget', `${region.code}/${input.year}`, {
        budgetFen: input.budgetFen,
        source,
        before:
          before === null ? null : { budgetFen: before.budgetFen, source: before.source, setBy: before.setBy, setAt: new Date(before.setAt).toISOString() },
      });
      return stored;
    });
  }
}
