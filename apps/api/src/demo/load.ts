/**
 * Loads the deterministic demo programme (@liangbing/demo) into an empty database. Claims are
 * decided by the policy core in date order per patient, exactly as submitClaim would decide
 * them, and stored with their decisions; ledgers are the sums of those decisions.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { adjudicate, type Decision, type DispensingRecord, type PatientYear, type RuleSetOverride } from '@liangbing/policy';
import { generateDemo, type DemoData, type Patient } from '@liangbing/demo';
import { exec } from '../db/sql';
import { requestHash } from '../modules/claims/claim.service';

/** A stable UUID for a demo claim id (name-based, so a reload gives the same ids). */
export function uuidFrom(name: string): string {
  const h = createHash('sha1').update(`liangbing-demo:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

async function insertRows(em: EntityManager, table: string, columns: string[], rows: unknown[][], casts: Record<string, string> = {}): Promise<void> {
  const per = Math.max(1, Math.floor(30_000 / columns.length));
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const tuple = `(${columns.map((c) => `?${casts[c] ?? ''}`).join(', ')})`;
    await exec(em, `insert into ${table} (${columns.join(', ')}) values ${chunk.map(() => tuple).join(', ')}`, chunk.flat());
  }
}

export async function isEmpty(em: EntityManager): Promise<boolean> {
  const [row] = await exec<{ n: string }>(em, `select count(*) as n from regions`);
  return Number(row?.n ?? 0) === 0;
}

export async function loadDemo(em: EntityManager, overrides: readonly RuleSetOverride[], options: { seed?: number; scale?: number } = {}, log: (m: string) => void = () => {}): Promise<{ patients: number; claims: number; followUps: number }> {
  const data = generateDemo({ seed: options.seed ?? 20261123, scale: options.scale ?? 1 });
  await em.transactional(async (tem) => {
    await loadReference(tem, data);
    await loadPatients(tem, data.patients);
    log(`demo: ${data.patients.length} patients`);
    await insertRows(
      tem,
      'follow_ups',
      ['district_code', 'patient_id', 'institution_id', 'follow_up_date', 'face_to_face', 'systolic', 'diastolic', 'fasting_glucose_tenths'],
      data.followUps.map((f) => [f.districtCode, f.patientId, f.institutionId, f.date, f.faceToFace, f.systolic, f.diastolic, f.fastingGlucose === null ? null : Math.round(f.fastingGlucose * 10)]),
      { follow_up_date: '::date' },
    );
    log(`demo: ${data.followUps.length} follow-ups`);
    await loadClaims(tem, data, overrides);
    log(`demo: ${data.claims.length} claims`);
  });
  return { patients: data.patients.length, claims: data.claims.length, followUps: data.followUps.length };
}

async function loadReference(em: EntityManager, data: DemoData): Promise<void> {
  const ordered = [...data.regions].sort((a, b) => ['city', 'district', 'street'].indexOf(a.level) - ['city', 'district', 'street'].indexOf(b.level));
  await insertRows(em, 'regions', ['code', 'name', 'level', 'parent_code', 'city_code', 'standard_code'], ordered.map((r) => [r.code, r.name, r.level, r.parentCode, r.cityCode, r.standardCode]));
  await insertRows(
    em,
    'population_figures',
    ['district_code', 'year', 'population_35_plus', 'hypertension_prevalence_bp', 'diabetes_prevalence_bp', 'source'],
    data.populations.map((p) => [p.districtCode, p.year, p.residentsAged35Plus, p.hypertensionPrevalenceBp, p.diabetesPrevalenceBp, `population: ${p.populationSource}; hypertension: ${p.hypertensionSource}; diabetes: ${p.diabetesSource}`]),
  );
  await insertRows(
    em,
    'institutions',
    ['id', 'name', 'level', 'city_code', 'district_code', 'street_code', 'consortium_id', 'can_treat_two_diseases', 'insurance_designated', 'networked_out_of_area'],
    data.institutions.map((i) => [i.id, i.name, i.level, i.cityCode, i.districtCode, i.streetCode, i.consortiumId, i.canTreatTwoDiseases, i.insuranceDesignated, i.networkedOutOfArea]),
  );
  const users: unknown[][] = [];
  for (const city of data.regions.filter((r) => r.level === 'city')) {
    users.push([`leader-${city.code}`, `${city.name}领导小组`, 'city_leadership', city.code, null, null]);
    users.push([`auditor-${city.code}`, `${city.name}医保稽核`, 'auditor', city.code, null, null]);
    for (const d of data.regions.filter((r) => r.level === 'district' && r.parentCode === city.code)) {
      users.push([`bureau-${d.code}`, `${d.name}医保局`, 'district_bureau', city.code, d.code, null]);
      const inst = data.institutions.find((i) => i.districtCode === d.code && (i.level === 'community_health_centre' || i.level === 'township_health_centre'));
      if (inst) users.push([`operator-${inst.id}`, `${inst.name}操作员`, 'institution_operator', city.code, d.code, inst.id]);
    }
  }
  await insertRows(em, 'app_users', ['id', 'name', 'role', 'city_code', 'district_code', 'institution_id'], users);
}

async function loadPatients(em: EntityManager, patients: readonly Patient[]): Promise<void> {
  await insertRows(
    em,
    'patients',
    ['district_code', 'id', 'resident_id', 'name', 'sex', 'birth_date', 'street_code', 'phone', 'scheme', 'uninsured_reason', 'managed', 'managed_since', 'managing_institution_id', 'chronic_programme_diseases', 'long_term_residence_elsewhere', 'findings'],
    patients.map((p) => [p.districtCode, p.id, p.residentId, p.name, p.sex, p.birthDate, p.streetCode, p.phone, p.scheme, p.uninsuredReason, p.managed, p.managedFrom, p.homeInstitutionId, [...p.chronicProgrammeDiseases], p.longTermResidenceElsewhere, [...p.findings]]),
    { birth_date: '::date', managed_since: '::date', chronic_programme_diseases: '::text[]', findings: '::text[]' },
  );
  await insertRows(
    em,
    'patient_diseases',
    ['district_code', 'patient_id', 'disease', 'diabetes_type', 'diagnosed_on'],
    patients.flatMap((p) => p.diseases.map((d) => [p.districtCode, p.id, d.disease, d.diabetesType, d.diagnosedOn])),
    { diagnosed_on: '::date' },
  );
  await insertRows(
    em,
    'certifications',
    ['district_code', 'patient_id', 'certificate_no', 'certified_on', 'certifying_institution_id', 'diseases', 'revoked_on'],
    patients.filter((p) => p.certification !== null).map((p) => {
      const c = p.certification!;
      return [p.districtCode, p.id, c.certificateNo, c.certifiedOn, c.certifyingInstitutionId, [...c.diseases], c.revokedOn];
    }),
    { certified_on: '::date', diseases: '::text[]', revoked_on: '::date' },
  );
  await insertRows(
    em,
    'designations',
    ['district_code', 'patient_id', 'valid_from', 'valid_to', 'institution_id', 'consortium_id', 'requested_on', 'at_enrolment'],
    patients.flatMap((p) => p.designations.map((d) => [p.districtCode, p.id, d.from, d.to, d.institutionId, d.consortiumId, d.from, true])),
    { valid_from: '::date', valid_to: '::date', requested_on: '::date' },
  );
}

interface LedgerState {
  fund: number;
  compliant: number;
  cost: number;
  paidClaims: number;
  capReachedOn: string | null;
}

async function loadClaims(em: EntityManager, data: DemoData, overrides: readonly RuleSetOverride[]): Promise<void> {
  const patients = new Map(data.patients.map((p) => [p.id, p]));
  const institutions = new Map(data.institutions.map((i) => [i.id, i]));
  const claimRows: unknown[][] = [];
  const lineRows: unknown[][] = [];
  const ledgers = new Map<string, LedgerState>();
  const history = new Map<string, DispensingRecord[]>();
  const prior = new Map<string, Set<string>>();
  for (const c of data.claims) {
    const p = patients.get(c.patientId)!;
    const year = Number(c.claim.serviceDate.slice(0, 4));
    const lk = `${p.id}|${year}`;
    const ledger = ledgers.get(lk) ?? { fund: 0, compliant: 0, cost: 0, paidClaims: 0, capReachedOn: null };
    const go = p.generalOutpatient.find((g) => g.year === year);
    const hist = history.get(p.id) ?? [];
    const priorSet = prior.get(p.id) ?? new Set<string>();
    const patientYear: PatientYear = {
      scheme: p.scheme,
      districtCode: p.districtCode,
      diseases: p.diseases,
      certification: p.certification,
      designations: p.designations,
      chronicProgrammeDiseases: p.chronicProgrammeDiseases,
      longTermResidenceElsewhere: p.longTermResidenceElsewhere,
      generalOutpatient: { exhausted: go?.exhaustedOn != null && go.exhaustedOn <= c.claim.serviceDate, fundPaidFen: go?.fundPaidFen ?? 0 },
      fundPaidFen: ledger.fund,
      compliantFenYtd: ledger.compliant,
      findings: p.findings,
      priorDrugCodes: [...priorSet],
      history: hist.filter((h) => h.date >= `${Number(c.claim.serviceDate.slice(0, 4)) - 1}${c.claim.serviceDate.slice(4)}`),
    };
    const d: Decision = adjudicate(c.claim, patientYear, { trace: true, overrides });
    ledger.fund += d.fundFen;
    ledger.compliant += d.compliantFen;
    ledger.cost += d.amountFen;
    if (d.fundFen > 0) ledger.paidClaims += 1;
    if (d.fundFen > 0 && d.capRemainingFen === 0 && ledger.capReachedOn === null) ledger.capReachedOn = c.claim.serviceDate;
    ledgers.set(lk, ledger);
    d.lines.forEach((l) => {
      if (l.compliantFen > 0) {
        const req = c.claim.lines.find((x) => x.lineNo === l.lineNo)!;
        hist.push({ date: c.claim.serviceDate, drugCode: l.drugCode, daysSupply: req.daysSupply, institutionId: c.claim.institution.id });
        priorSet.add(l.drugCode);
      }
    });
    history.set(p.id, hist);
    prior.set(p.id, priorSet);
    const inst = institutions.get(c.claim.institution.id)!;
    const req = {
      idempotencyKey: c.idempotencyKey,
      patientId: p.id,
      institutionId: inst.id,
      serviceDate: c.claim.serviceDate,
      pathway: c.claim.pathway,
      referralFromInstitutionId: c.claim.referral?.fromInstitutionId ?? null,
      referralIssuedOn: c.claim.referral?.issuedOn ?? null,
      sourcePrescriptionId: null,
      conditionStable: c.claim.conditionStable,
      lines: c.claim.lines.map((l) => ({ drugCode: l.drugCode, form: l.form, quantity: l.quantity, daysSupply: l.daysSupply, amountFen: l.amountFen })),
    };
    claimRows.push([
      p.districtCode, uuidFrom(c.claimId), p.id, inst.id, c.cityCode, c.claim.serviceDate, year, c.claim.pathway, c.idempotencyKey, requestHash(req),
      d.outcome, d.category, d.rationalUse, d.amountFen, d.compliantFen, d.fundFen, d.patientFen, [...new Set(d.hits.map((h) => h.code))],
      d.ruleSetId, d.ruleSetVersion, d.catalogueVersionId, d.overrideName, p.diseases.map((x) => x.disease), JSON.stringify(d), JSON.stringify(req), 'demo-loader',
    ]);
    d.lines.forEach((l, i) => {
      const r = c.claim.lines[i]!;
      lineRows.push([p.districtCode, uuidFrom(c.claimId), l.lineNo, l.drugCode, r.form, r.quantity, r.daysSupply, l.amountFen, l.compliantFen, l.fundFen, l.patientFen, [...l.hitCodes]]);
    });
  }
  await insertRows(
    em,
    'claims',
    ['district_code', 'id', 'patient_id', 'institution_id', 'city_code', 'service_date', 'year', 'pathway', 'idempotency_key', 'request_hash', 'outcome', 'category', 'rational_use', 'amount_fen', 'compliant_fen', 'fund_fen', 'patient_fen', 'hit_codes', 'rule_set_id', 'rule_set_version', 'catalogue_version', 'override_name', 'diseases', 'decision', 'request', 'submitted_by'],
    claimRows,
    { id: '::uuid', service_date: '::date', hit_codes: '::text[]', diseases: '::text[]', decision: '::jsonb', request: '::jsonb' },
  );
  await insertRows(em, 'claim_lines', ['district_code', 'claim_id', 'line_no', 'drug_code', 'form', 'quantity', 'days_supply', 'amount_fen', 'compliant_fen', 'fund_fen', 'patient_fen', 'hit_codes'], lineRows, { claim_id: '::uuid', hit_codes: '::text[]' });
  const ledgerRows: unknown[][] = [];
  for (const p of data.patients) {
    for (const g of p.generalOutpatient) {
      const l = ledgers.get(`${p.id}|${g.year}`) ?? { fund: 0, compliant: 0, cost: 0, paidClaims: 0, capReachedOn: null };
      ledgerRows.push([p.districtCode, p.id, g.year, l.fund, l.compliant, l.cost, g.fundPaidFen, g.exhaustedOn !== null, l.paidClaims, l.capReachedOn]);
    }
  }
  await insertRows(em, 'benefit_ledger', ['district_code', 'patient_id', 'year', 'fund_paid_fen', 'compliant_fen', 'drug_cost_fen', 'general_outpatient_fund_fen', 'general_outpatient_exhausted', 'claims_paid', 'cap_reached_on'], ledgerRows, { cap_reached_on: '::date' });
}
