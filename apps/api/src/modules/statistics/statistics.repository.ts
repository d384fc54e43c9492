/**
 * Counts behind every indicator, per group (district, street or institution), read from the
 * rollups: one statement over rows keyed by district, period and group, so a region's figures
 * cost O(districts × groups × months), never O(claims) or O(patients). The raw-table path
 * (statistics.raw.ts) computes the same counts and is the oracle (stats:check).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';
import { emptyCounts, KEYS_OF_FILTER, quarterOf, type Counts, type DiseaseFilter, type GroupBy, type Window } from './counts';
import { ensureMaterialised } from './rollup.build';
import { rawCountsByGroup } from './statistics.raw';

export { addCounts, emptyCounts, type Counts, type DiseaseFilter, type GroupBy, type Window } from './counts';

export type CountsByGroup = (
  em: EntityManager,
  districts: readonly string[],
  w: Window,
  disease: DiseaseFilter,
  groupBy: GroupBy,
) => Promise<Map<string, Counts>>;

/** The quarter (1–4) a window is, 0 for a whole year, or null for anything else. */
function periodIndex(w: Window): { year: number; quarter: number } | null {
  const year = Number(w.yearStart.slice(0, 4));
  if (w.yearStart !== `${year}-01-01` || w.periodEnd.slice(0, 4) !== String(year)) return null;
  if (w.periodStart === w.yearStart && w.periodEnd === `${year}-12-31`) return { year, quarter: 0 };
  const q = quarterOf(w.periodStart);
  const ends = ['03-31', '06-30', '09-30', '12-31'];
  return w.periodStart.slice(5) === `${String((q - 1) * 3 + 1).padStart(2, '0')}-01` && w.periodEnd.slice(5) === ends[q - 1] ? { year, quarter: q } : null;
}

const PATIENT_KEY: Record<GroupBy, string> = { district: 'district_code', street: `nullif(street_code, '')`, institution: `nullif(institution_id, '')` };
const CLAIM_TABLE: Record<GroupBy, [string, string]> = {
  district: ['stat_claims_by_street', 'district_code'],
  street: ['stat_claims_by_street', `nullif(street_code, '')`],
  institution: ['stat_claims_by_institution', 'institution_id'],
};

interface Row {
  part: 'p' | 'c' | 'b' | 'e';
  key: string | null;
  v: string[];
}

export const countsByGroup: CountsByGroup = async (em, districts, w, disease, groupBy) => {
  const period = periodIndex(w);
  if (period === null) return rawCountsByGroup(em, districts, w, disease, groupBy);
  await ensureMaterialised(em, districts, period.year);
  const [claimTable, claimKey] = CLAIM_TABLE[groupBy];
  const patientQuarter = period.quarter === 0 ? 4 : period.quarter;
  const population = groupBy === 'district' ? populationPart(disease) : '';
  const rows = await exec<Row>(
    em,
    `select 'p' as part, ${PATIENT_KEY[groupBy]} as key,
            array[sum(known), sum(known_pairs), sum(managed), sum(standard_managed), sum(ht_managed), sum(ht_controlled), sum(dm_managed), sum(dm_controlled),
                  sum(controlled), sum(certified), sum(covered_managed), sum(pdc_numerator), sum(pdc_denominator), sum(patients), sum(signed_managed)] as v
       from stat_patient_counts where district_code = any(?) and year = ? and quarter = ? and disease_filter = ? group by 2
     union all
     select 'c', ${claimKey}, array[sum(claims), sum(rational), sum(paid), sum(amount_fen), sum(compliant_fen), sum(fund_fen)]
       from ${claimTable} where district_code = any(?) and month between ?::date and ?::date and diseases = any(?) group by 2
     union all
     select 'b', ${groupBy === 'district' ? 'district_code' : `nullif(group_key, '')`}, array[sum(patients)]
       from stat_beneficiaries where district_code = any(?) and year = ? and quarter = ? and disease_filter = ? and kind = ? group by 2
     ${population}`,
    [
      districts,
      period.year,
      patientQuarter,
      disease,
      districts,
      w.periodStart,
      w.periodEnd,
      KEYS_OF_FILTER[disease],
      districts,
      period.year,
      period.quarter,
      disease,
      groupBy === 'institution' ? 'institution' : 'street',
      ...(population === '' ? [] : [districts, period.year]),
    ],
  );
  const out = new Map<string, Counts>();
  const get = (key: string | null) => {
    const k = key ?? '—';
    let c = out.get(k);
    if (c === undefined) {
      c = emptyCounts();
      out.set(k, c);
    }
    return c;
  };
  for (const r of rows) {
    const v = r.v.map(Number);
    // A group exists where the raw query would return a row for it: a patient counted, a fill pair, a claim.
    if (r.part === 'p') {
      if (v[13] === 0 && v[12] === 0) continue;
      const c = get(r.key);
      [
        c.known,
        c.knownPairs,
        c.managed,
        c.standardManaged,
        c.htManaged,
        c.htControlled,
        c.dmManaged,
        c.dmControlled,
        c.controlled,
        c.certified,
        c.coveredManaged,
        c.pdcNumerator,
        c.pdcDenominator,
      ] = v as [number, number, number, number, number, number, number, number, number, number, number, number, number];
      c.signedManaged = v[14]!;
    } else if (r.part === 'c') {
      if (v[0] === 0) continue;
      const c = get(r.key);
      c.claims = v[0]!;
      c.rationalClaims = v[1]!;
      c.benefitUses = v[2]!;
      c.drugCostFen = v[3]!;
      c.compliantFen = v[4]!;
      c.fundFen = v[5]!;
    } else if (r.part === 'b') {
      if (v[0] === 0) continue;
      get(r.key).beneficiaries = v[0]!;
    } else {
      get(r.key).estimated = v[0]!;
    }
  }
  return out;
};

/** The awareness denominator: the latest population figure up to the year, per district (a reference table). */
function populationPart(disease: DiseaseFilter): string {
  const ht = `population_35_plus::bigint * hypertension_prevalence_bp / 10000`;
  const dm = `population_35_plus::bigint * diabetes_prevalence_bp / 10000`;
  const expr = disease === 'HYPERTENSION' ? ht : disease === 'DIABETES' ? dm : `${ht} + ${dm}`;
  return `union all
     select 'e', key, array[estimated] from (
       select distinct on (district_code) district_code as key, ${expr} as estimated
         from population_figures where district_code = any(?) and year <= ? order by district_code, year desc) e`;
}
