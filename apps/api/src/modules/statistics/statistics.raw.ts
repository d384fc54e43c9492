/**
 * Counts behind every indicator, per group (district, street or institution), straight from the
 * raw tables. The API reads the rollups (statistics.repository.ts); this path stays as the
 * oracle the rollups are checked against (stats:check, the rollup test) and the baseline of the
 * benchmark. Rates are never stored or averaged: the API sums counts and divides at the end.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';
import { REFUSING_CODES } from './refused';
import { emptyCounts, followUpsRequired, pdcOf, quarterOf, type Counts, type DiseaseFilter, type GroupBy, type Window } from './counts';

const PATIENT_FILTER: Record<DiseaseFilter, string> = {
  HYPERTENSION: 'ht',
  DIABETES: 'dm',
  BOTH: 'ht and dm',
  ALL: '(ht or dm)',
};
const CLAIM_FILTER: Record<DiseaseFilter, string> = {
  HYPERTENSION: `'hypertension' = any(c.diseases)`,
  DIABETES: `'diabetes' = any(c.diseases)`,
  BOTH: `c.diseases @> array['hypertension','diabetes']`,
  ALL: 'true',
};
/** The awareness numerator per patient: one for each of the filter's diseases (counts.ts knownDiseases). */
const KNOWN_DISEASES: Record<DiseaseFilter, string> = {
  HYPERTENSION: '(adult35 and ht)::int',
  DIABETES: '(adult35 and dm)::int',
  BOTH: '(adult35 and ht)::int + (adult35 and dm)::int',
  ALL: '(adult35 and ht)::int + (adult35 and dm)::int',
};

/** Standard management per disease against the year-to-date requirement (counts.ts standardFor, followUpsRequired). */
function standardManaged(disease: DiseaseFilter, required: number): string {
  const n = Math.trunc(required);
  const ht = `coalesce(f2f, 0) >= ${n}`;
  const dm = `coalesce(f2f_glucose, 0) >= ${n}`;
  switch (disease) {
    case 'HYPERTENSION':
      return `ht and ${ht}`;
    case 'DIABETES':
      return `dm and ${dm}`;
    case 'ALL':
    case 'BOTH':
      return `(not ht or ${ht}) and (not dm or ${dm})`;
  }
}

const PATIENT_KEY: Record<GroupBy, string> = { district: 'p.district_code', street: 'p.street_code', institution: 'p.managing_institution_id' };

export async function rawCountsByGroup(
  em: EntityManager,
  districts: readonly string[],
  w: Window,
  disease: DiseaseFilter,
  groupBy: GroupBy,
): Promise<Map<string, Counts>> {
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
  const [patientRows, claimRows, fills, population] = await Promise.all([
    patientCounts(em, districts, w, disease, groupBy),
    claimCounts(em, districts, w, disease, groupBy),
    fillsForAdherence(em, districts, w, disease, groupBy),
    groupBy === 'district' ? populationEstimates(em, districts, Number(w.yearStart.slice(0, 4)), disease) : Promise.resolve([]),
  ]);
  for (const r of patientRows) {
    const c = get(r.key);
    c.known = Number(r.known);
    c.knownPairs = Number(r.known_pairs);
    c.managed = Number(r.managed);
    c.standardManaged = Number(r.standard_managed);
    c.htManaged = Number(r.ht_managed);
    c.htControlled = Number(r.ht_controlled);
    c.dmManaged = Number(r.dm_managed);
    c.dmControlled = Number(r.dm_controlled);
    c.controlled = Number(r.controlled);
    c.certified = Number(r.certified);
    c.coveredManaged = Number(r.covered_managed);
    c.signedManaged = Number(r.signed_managed);
  }
  for (const r of claimRows) {
    const c = get(r.key);
    c.claims = Number(r.claims);
    c.rationalClaims = Number(r.rational);
    c.beneficiaries = Number(r.beneficiaries);
    c.benefitUses = Number(r.uses);
    c.drugCostFen = Number(r.drug_cost);
    c.compliantFen = Number(r.compliant);
    c.fundFen = Number(r.fund);
  }
  for (const r of population) get(r.key).estimated = Number(r.estimated);
  for (const [key, pdc] of adherence(fills, w.periodEnd)) {
    const c = get(key);
    c.pdcNumerator = pdc.numerator;
    c.pdcDenominator = pdc.denominator;
  }
  return out;
}

interface PatientCountRow {
  key: string | null;
  known: string;
  known_pairs: string;
  managed: string;
  standard_managed: string;
  ht_managed: string;
  ht_controlled: string;
  dm_managed: string;
  dm_controlled: string;
  controlled: string;
  certified: string;
  covered_managed: string;
  signed_managed: string;
}

function patientCounts(em: EntityManager, districts: readonly string[], w: Window, disease: DiseaseFilter, groupBy: GroupBy) {
  const key = PATIENT_KEY[groupBy];
  return exec<PatientCountRow>(
    em,
    `with sc as (
       select s.district_code, s.patient_id,
              (array_agg(s.scheme order by s.effective_from desc) filter (where s.effective_from <= ?::date))[1] as on_date,
              (array_agg(s.previous_scheme order by s.effective_from))[1] as first_previous
         from patient_scheme_changes s where s.district_code = any(?)
        group by s.district_code, s.patient_id
     ), pd as (
       select p.district_code, p.id, ${key} as key, p.birth_date, coalesce(min(sc.on_date), min(sc.first_previous), p.scheme) as scheme, p.managed and p.managed_since <= ?::date as managed,
              bool_or(d.disease = 'hypertension') as ht, bool_or(d.disease = 'diabetes') as dm
         from patients p join patient_diseases d on d.district_code = p.district_code and d.patient_id = p.id and d.diagnosed_on <= ?::date
         left join sc on sc.district_code = p.district_code and sc.patient_id = p.id
        where p.district_code = any(?) and (p.left_on is null or p.left_on > ?::date)
        group by p.district_code, p.id
     ), pf as (
       select * from pd where ${PATIENT_FILTER[disease]}
     ), fu as (
       select f.district_code, f.patient_id,
              count(*) filter (where f.face_to_face) as f2f,
              count(*) filter (where f.face_to_face and f.fasting_glucose_tenths is not null) as f2f_glucose,
              (array_agg(f.systolic order by f.follow_up_date desc) filter (where f.systolic is not null))[1] as sbp,
              (array_agg(f.diastolic order by f.follow_up_date desc) filter (where f.systolic is not null))[1] as dbp,
              (array_agg(f.fasting_glucose_tenths order by f.follow_up_date desc) filter (where f.fasting_glucose_tenths is not null))[1] as glucose
         from follow_ups f join pf on pf.district_code = f.district_code and pf.id = f.patient_id
        where f.district_code = any(?) and f.follow_up_date between ?::date and ?::date
        group by f.district_code, f.patient_id
     ), cert as (
       select distinct c.district_code, c.patient_id from certifications c
        where c.district_code = any(?) and c.certified_on <= ?::date and (c.revoked_on is null or c.revoked_on > ?::date)
     ), sg as (
       select distinct s.district_code, s.patient_id from family_doctor_signings s
        where s.district_code = any(?) and s.valid_from <= ?::date and (s.valid_to is null or s.valid_to >= ?::date)
     ), x as (
       select pf.*, fu.f2f, fu.f2f_glucose, fu.sbp, fu.dbp, fu.glucose, cert.patient_id is not null as certified, sg.patient_id is not null as signed,
              pf.birth_date <= (?::date - interval '35 years') as adult35,
              pf.birth_date <= (?::date - interval '65 years') as senior,
              coalesce(fu.sbp < case when pf.birth_date <= (?::date - interval '65 years') then 150 else 140 end and fu.dbp < 90, false) as bp_ok,
              coalesce(fu.glucose < 70, false) as glucose_ok
         from pf left join fu on fu.district_code = pf.district_code and fu.patient_id = pf.id
         left join cert on cert.district_code = pf.district_code and cert.patient_id = pf.id
         left join sg on sg.district_code = pf.district_code and sg.patient_id = pf.id
     )
     select key,
            count(*) filter (where adult35) as known,
            sum(${KNOWN_DISEASES[disease]}) as known_pairs,
            count(*) filter (where managed) as managed,
            count(*) filter (where managed and ${standardManaged(disease, followUpsRequired(quarterOf(w.periodEnd)))}) as standard_managed,
            count(*) filter (where managed and ht) as ht_managed,
            count(*) filter (where managed and ht and bp_ok) as ht_controlled,
            count(*) filter (where managed and dm) as dm_managed,
            count(*) filter (where managed and dm and glucose_ok) as dm_controlled,
            count(*) filter (where managed and (not ht or bp_ok) and (not dm or glucose_ok)) as controlled,
            count(*) filter (where certified) as certified,
            count(*) filter (where managed and certified and scheme = 'resident') as covered_managed,
            count(*) filter (where managed and signed) as signed_managed
       from x group by key`,
    [
      w.periodEnd,
      districts,
      w.periodEnd,
      w.periodEnd,
      districts,
      w.periodEnd,
      districts,
      w.yearStart,
      w.periodEnd,
      districts,
      w.periodEnd,
      w.periodEnd,
      districts,
      w.periodEnd,
      w.periodEnd,
      w.periodEnd,
      w.periodEnd,
      w.periodEnd,
    ],
  );
}

interface ClaimCountRow {
  key: string | null;
  claims: string;
  rational: string;
  beneficiaries: string;
  uses: string;
  drug_cost: string;
  compliant: string;
  fund: string;
}

function claimCounts(em: EntityManager, districts: readonly string[], w: Window, disease: DiseaseFilter, groupBy: GroupBy) {
  const key = groupBy === 'district' ? 'c.district_code' : groupBy === 'institution' ? 'c.institution_id' : 'p.street_code';
  const join = groupBy === 'street' ? 'join patients p on p.district_code = c.district_code and p.id = c.patient_id' : '';
  return exec<ClaimCountRow>(
    em,
    `select ${key} as key, count(*) as claims, count(*) filter (where c.rational_use) as rational,
            count(distinct c.patient_id) filter (where c.fund_fen > 0) as beneficiaries,
            count(*) filter (where c.fund_fen > 0) as uses,
            coalesce(sum(c.amount_fen), 0) as drug_cost, coalesce(sum(c.compliant_fen), 0) as compliant, coalesce(sum(c.fund_fen), 0) as fund
       from claims c ${join}
      where c.district_code = any(?) and c.status = 'accepted' and c.service_date between ?::date and ?::date and ${CLAIM_FILTER[disease]}
        and not (c.hit_codes && ?::text[])
      group by ${key}`,
    [districts, w.periodStart, w.periodEnd, REFUSING_CODES],
  );
}

function populationEstimates(em: EntityManager, districts: readonly string[], year: number, disease: DiseaseFilter) {
  const ht = `population_35_plus::bigint * hypertension_prevalence_bp / 10000`;
  const dm = `population_35_plus::bigint * diabetes_prevalence_bp / 10000`;
  const expr = disease === 'HYPERTENSION' ? ht : disease === 'DIABETES' ? dm : `${ht} + ${dm}`;
  return exec<{ key: string; estimated: string }>(
    em,
    `select distinct on (district_code) district_code as key, ${expr} as estimated
       from population_figures where district_code = any(?) and year <= ? order by district_code, year desc`,
    [districts, year],
  );
}

interface Fill {
  key: string | null;
  patient: string;
  day: string;
  days: number;
}

function fillsForAdherence(em: EntityManager, districts: readonly string[], w: Window, disease: DiseaseFilter, groupBy: GroupBy) {
  const key = groupBy === 'district' ? 'c.district_code' : groupBy === 'institution' ? 'p.managing_institution_id' : 'p.street_code';
  return exec<Fill>(
    em,
    `select ${key} as key, c.district_code || '/' || c.patient_id as patient, to_char(c.service_date, 'YYYY-MM-DD') as day, max(l.days_supply) as days
       from claims c join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
       join patients p on p.district_code = c.district_code and p.id = c.patient_id
      where c.district_code = any(?) and c.status = 'accepted' and l.compliant_fen > 0 and c.service_date between ?::date and ?::date and ${CLAIM_FILTER[disease]}
        and (p.left_on is null or p.left_on > ?::date)
      group by 1, 2, 3 order by 2, 3`,
    [districts, w.yearStart, w.periodEnd, w.periodEnd],
  );
}

/** PDC per group: the fills come ordered by patient and day. */
export function adherence(fills: readonly Fill[], periodEnd: string): Map<string, { numerator: number; denominator: number }> {
  const out = new Map<string, { numerator: number; denominator: number }>();
  let i = 0;
  while (i < fills.length) {
    const patient = fills[i]!.patient;
    const key = fills[i]!.key ?? '—';
    let j = i;
    const own: { day: string; days: number }[] = [];
    while (j < fills.length && fills[j]!.patient === patient) {
      own.push({ day: fills[j]!.day, days: Number(fills[j]!.days) });
      j++;
    }
    const pdc = pdcOf(own, periodEnd);
    if (pdc !== null) {
      const agg = out.get(key) ?? { numerator: 0, denominator: 0 };
      agg.denominator += pdc.denominator;
      agg.numerator += pdc.numerator;
      out.set(key, agg);
    }
    i = j;
  }
  return out;
}
