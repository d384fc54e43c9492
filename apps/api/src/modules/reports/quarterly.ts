/**
 * 附件5 调度表 (Guiyang plan 七(三), G-10): for a district (or the city) and a quarter, by category
 * (the “两病” special mechanism; 两病 patients inside the outpatient chronic-disease programme) and
 * by disease: 规范化管理人数, 待遇享受人数, 待遇享受人次, and the drug cost of the disease's drugs.
 *
 * A claim of a patient with both diseases holds drugs of each: the disease columns are decided per
 * line by the drug (降血压药品 / 降血糖药品), so a visit counts once for each disease it paid drugs
 * for and no drug cost is counted twice. A benefit use is a claim the fund paid something for
 * (INDICATORS.md 待遇享受人次); the drug cost is the cost of the disease's drugs on those claims.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { DRUGS } from '@liangbing/policy';
import { exec } from '../../db/sql';

export interface ReportRow {
  category: 'special' | 'chronic_programme';
  disease: 'hypertension' | 'diabetes';
  /** 规范化管理人数: patients under standardised management at the quarter's end */
  managedPatients: number;
  beneficiaries: number;
  benefitUses: number;
  drugCostFen: number;
  fundPaidFen: number;
}

const HYPERTENSION_DRUGS = DRUGS.filter((d) => d.disease === 'hypertension').map((d) => d.code);
const DIABETES_DRUGS = DRUGS.filter((d) => d.disease === 'diabetes').map((d) => d.code);

export async function quarterlyRows(em: EntityManager, districts: readonly string[], from: string, to: string): Promise<ReportRow[]> {
  const [managed, claims] = await Promise.all([
    exec<{ category: string; disease: string; n: string }>(
      em,
      `select case when d.disease = any(p.chronic_programme_diseases) then 'chronic_programme' else 'special' end as category, d.disease, count(*) as n
         from patients p join patient_diseases d on d.district_code = p.district_code and d.patient_id = p.id
        where p.district_code = any(?) and d.district_code = any(?) and p.managed and p.managed_since <= ?::date and d.diagnosed_on <= ?::date
          and (p.left_on is null or p.left_on > ?::date)
        group by 1, 2`,
      // The districts are repeated on the joined table: the planner does not carry "= any(array)" across a join, and would read all of it.
      // A patient who died or moved away by the quarter end is no longer under management (patient-life.dates.ts presentOn).
      [districts, districts, to, to, to],
    ),
    exec<{ category: string; disease: string; persons: string; uses: string; cost: string; fund: string }>(
      em,
      `with lines as (
         select c.district_code, c.id, c.patient_id, c.category,
                case when l.drug_code = any(?::text[]) then 'hypertension' when l.drug_code = any(?::text[]) then 'diabetes' end as disease,
                l.amount_fen, l.fund_fen
           from claims c join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
          where c.district_code = any(?) and l.district_code = any(?) and c.status = 'accepted' and c.fund_fen > 0 and c.service_date between ?::date and ?::date
       )
       select category, disease, count(distinct (district_code, patient_id)) filter (where fund_fen > 0) as persons,
              count(distinct (district_code, id)) filter (where fund_fen > 0) as uses,
              coalesce(sum(amount_fen), 0) as cost, coalesce(sum(fund_fen), 0) as fund
         from lines where disease is not null
        group by 1, 2`,
      [HYPERTENSION_DRUGS, DIABETES_DRUGS, districts, districts, from, to],
    ),
  ]);
  const rows: ReportRow[] = [];
  for (const category of ['special', 'chronic_programme'] as const) {
    for (const disease of ['hypertension', 'diabetes'] as const) {
      const m = managed.find((r) => r.category === category && r.disease === disease);
      const c = claims.find((r) => r.category === category && r.disease === disease);
      rows.push({
        category,
        disease,
        managedPatients: Number(m?.n ?? 0),
        beneficiaries: Number(c?.persons ?? 0),
        benefitUses: Number(c?.uses ?? 0),
        drugCostFen: Number(c?.cost ?? 0),
        fundPaidFen: Number(c?.fund ?? 0),
      });
    }
  }
  return rows;
}

export async function ruleHitCounts(em: EntityManager, districts: readonly string[], from: string, to: string, institutionId: string | null) {
  return exec<{ code: string; institution_id: string; institution_name: string; month: string; count: string }>(
    em,
    `select h.code, c.institution_id, i.name as institution_name, to_char(c.service_date, 'YYYY-MM') as month, count(*) as count
       from claims c cross join lateral unnest(c.hit_codes) as h(code) join institutions i on i.id = c.institution_id
      where c.district_code = any(?) and c.hit_codes <> '{}' and c.service_date between ?::date and ?::date and (?::text is null or c.institution_id = ?)
      group by 1, 2, 3, 4 order by 4, 1, 2`,
    [districts, from, to, institutionId, institutionId],
  );
}
