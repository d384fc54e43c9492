import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/harness';
import { exec } from '../../db/sql';
import { explainAll, seqScans } from './explain';
import { mainListQueries, type NamedQuery } from './list-queries';

/**
 * The API's list queries read through indexes, never a whole large table, once the planner has
 * real statistics: twelve districts of synthetic patients and claims, VACUUM ANALYZE, then
 * EXPLAIN of the very statements the API sends for one district.
 */
let h: Harness;
let queries: NamedQuery[];
const DISTRICTS = 12;
const PATIENTS = 600;
const CLAIMS = 8;
const LARGE = ['claims', 'claim_documents', 'claim_lines', 'patients', 'patient_diseases', 'follow_ups', 'certifications', 'designations', 'audit_log'];

beforeAll(async () => {
  h = await startHarness();
  const sql = h.sql;
  await sql(`insert into regions (code, name, level, parent_code, city_code)
    select 'D' || lpad(d::text, 2, '0'), 'district ' || d, 'district', '320200', '320200' from generate_series(1, ${DISTRICTS}) d`);
  await sql(`insert into regions (code, name, level, parent_code, city_code)
    select 'D' || lpad(d::text, 2, '0') || 'S' || s, 'street ' || s, 'street', 'D' || lpad(d::text, 2, '0'), '320200' from generate_series(1, ${DISTRICTS}) d, generate_series(1, 5) s`);
  await sql(`insert into institutions (id, name, level, city_code, district_code, street_code, consortium_id, can_treat_two_diseases, insurance_designated)
    select 'D' || lpad(d::text, 2, '0') || 'I' || s, 'centre ' || s, 'community_health_centre', '320200', 'D' || lpad(d::text, 2, '0'), 'D' || lpad(d::text, 2, '0') || 'S' || s, null, true, true
      from generate_series(1, ${DISTRICTS}) d, generate_series(1, 5) s`);
  const gp = `(select 'D' || lpad(d::text, 2, '0') as district, 'P' || lpad(p::text, 5, '0') as id, p, 1 + (p * 7) % 5 as s from generate_series(1, ${DISTRICTS}) d, generate_series(1, ${PATIENTS}) p) gp`;
  await sql(`insert into patients (district_code, id, resident_id, name, sex, birth_date, street_code, scheme, managed, managed_since, managing_institution_id)
    select district, id, '32020019' || lpad(p::text, 10, '0'), 'patient', 'male', date '1950-01-01' + (p % 9000), district || 'S' || s, 'resident', p % 10 < 7, '2020-01-01', district || 'I' || s from ${gp}`);
  await sql(`insert into patient_diseases (district_code, patient_id, disease, diagnosed_on) select district, id, 'hypertension', '2015-01-01' from ${gp}`);
  await sql(
    `insert into patient_diseases (district_code, patient_id, disease, diabetes_type, diagnosed_on) select district, id, 'diabetes', 'type2', '2016-01-01' from ${gp} where p % 10 < 3`,
  );
  await sql(`insert into certifications (district_code, patient_id, certificate_no, certified_on, certifying_institution_id, diseases)
    select district, id, 'C' || id, '2020-02-01', district || 'I' || s, '{hypertension}' from ${gp} where p % 10 < 6`);
  await sql(`insert into designations (district_code, patient_id, valid_from, institution_id, requested_on, at_enrolment)
    select district, id, '2024-01-01', district || 'I' || s, '2023-12-01', true from ${gp} where p % 2 = 0`);
  await sql(`insert into follow_ups (district_code, patient_id, institution_id, follow_up_date, face_to_face, systolic, diastolic)
    select district, id, district || 'I' || s, date '2024-01-15' + k * 90, true, 130 + p % 20, 80 from ${gp}, generate_series(0, 5) k`);
  await sql(`insert into claims (district_code, patient_id, institution_id, city_code, service_date, year, pathway, idempotency_key, request_hash, status, outcome, category,
      rational_use, amount_fen, compliant_fen, fund_fen, patient_fen, hit_codes, diseases)
    select district, id, district || 'I' || s, '320200', date '2024-01-05' + k * 85 + p % 30, extract(year from date '2024-01-05' + k * 85 + p % 30)::int, 'designated',
           id || '-' || k, 'h', case when (p + k) % 37 = 0 then 'reversed' else 'accepted' end, 'paid', 'special', (p + k) % 23 <> 0, 3000, 3000, 1800, 1200,
           case when (p + k) % 23 = 0 then '{DUPLICATE_DISPENSING}'::text[] else '{}' end, '{hypertension}'
      from ${gp}, generate_series(0, ${CLAIMS - 1}) k`);
  await sql(`insert into claim_lines (district_code, claim_id, line_no, drug_code, form, quantity, days_supply, amount_fen, compliant_fen, fund_fen, patient_fen, patient_id, service_date, institution_id)
    select district_code, id, 1, 'amlodipine', 'oral', 30, 30, 3000, 3000, 1800, 1200, patient_id, service_date, institution_id from claims`);
  await sql(
    `insert into claim_documents (district_code, claim_id, request, decision) select district_code, id, '{}', '{"capFen": 60000, "capRemainingFen": 40000}' from claims`,
  );
  // The audit log: each claim's submission, a read of each patient, and list reads naming twenty patients each.
  await sql(`insert into audit_log (district_code, at, user_id, role, action, entity, entity_id, detail)
    select district_code, service_date::timestamptz, 'bureau-' || district_code, 'district_bureau', 'claim.submit', 'claim', id::text, '{}' from claims`);
  await sql(`insert into audit_log (district_code, at, user_id, role, action, entity, entity_id, detail)
    select district, date '2025-01-01' + p % 300, 'auditor-1', 'auditor', 'patient.read', 'patient', id, jsonb_build_object('patientIds', jsonb_build_array(id), 'unmasked', true) from ${gp}`);
  await sql(`insert into audit_log (district_code, at, user_id, role, action, entity, entity_id, detail)
    select district, date '2025-01-01' + p % 300, 'auditor-1', 'auditor', 'patient.list', 'patient', null,
           jsonb_build_object('patientIds', (select jsonb_agg('P' || lpad(q::text, 5, '0')) from generate_series(p, p + 19) q), 'unmasked', true)
      from ${gp} where p % 20 = 1`);
  for (const t of [...LARGE, 'benefit_ledger']) await sql(`vacuum analyze ${t}`);
  queries = await mainListQueries(h.orm.em.fork(), 'D05');
}, 180_000);
afterAll(async () => h.close());

describe('plans of the list queries', () => {
  it('cover patients, claims by every filter, the year summary, rule hits, the quarterly report, institution statistics and the audit log', () => {
    expect(queries.map((q) => q.name)).toEqual(
      expect.arrayContaining([
        'claims (institution)',
        'claims (hit code, quarter)',
        'ruleHitCounts (quarter)',
        'quarterlyReport',
        'institutionStatistics (rollups)',
        'patients (street)',
        'auditLog (patient)',
      ]),
    );
  });

  it('read no large table whole', async () => {
    const found: string[] = [];
    for (const q of queries) {
      const plans = await explainAll(h.orm.em.fork(), q.run);
      expect(plans.length).toBeGreaterThan(0);
      for (const p of plans) for (const t of seqScans(p.plan)) if (LARGE.includes(t)) found.push(`${q.name}: Seq Scan on ${t}`);
    }
    expect(found).toEqual([]);
  });

  it('would notice one: a filter on an unindexed column reads the claims table whole', async () => {
    const plans = await explainAll(h.orm.em.fork(), (em) => exec(em, `select count(*) from claims where amount_fen = ?`, [3000]));
    expect(seqScans(plans[0]!.plan)).toContain('claims');
  });
});
