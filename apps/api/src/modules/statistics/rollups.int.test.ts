import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../../test/harness';
import { checkRollups } from './rollup.check';
import { closePeriod, ensureMaterialised } from './rollup.build';

let h: Harness;
let bureau: string;
let leader: string;
const em = () => h.orm.em.fork();

/** A resident ID with a valid GB 11643 check digit. */
function residentId(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

const STATS = `query($r: String!, $y: Int!, $q: Int) { statistics(regionCode: $r, year: $y, quarter: $q) { indicators { beneficiaries benefitUses fundPaidFen managedPatients certifiedPatients standardManagedPatients } } }`;
type Stats = {
  statistics: {
    indicators: {
      beneficiaries: number;
      benefitUses: number;
      fundPaidFen: number;
      managedPatients: number;
      certifiedPatients: number;
      standardManagedPatients: number;
    };
  };
};

beforeAll(async () => {
  h = await startHarness();
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  leader = await h.token({ role: 'city_leadership' });
  // The rollups of both years exist before the writes, so every write below must move them.
  await ensureMaterialised(em(), ['320213', '320281'], 2024);
  await ensureMaterialised(em(), ['320213', '320281'], 2025);
});
afterAll(async () => h.close());

describe('rollups stay equal to the raw tables through the write path', () => {
  it('after submits (one at a time and concurrently), reversals, follow-ups, a certification and a registration', async () => {
    const before = (await h.gql<Stats>(leader, STATS, { r: '320213', y: 2025, q: 2 })).data!.statistics.indicators;

    const ids: string[] = [];
    for (const [patientId, serviceDate, drugCode] of [
      ['P1', '2025-04-03', 'amlodipine'],
      ['P2', '2025-04-05', 'metformin'],
      ['P1', '2025-05-20', 'amlodipine'],
      ['P2', '2024-11-02', 'metformin'],
    ] as const) {
      const r = await h.gql<{ submitClaim: { claim: { id: string } } }>(bureau, SUBMIT, {
        input: claimInput({ patientId, serviceDate }, { drugCode, amountFen: 3000 }),
      });
      expect(r.errors).toBeUndefined();
      ids.push(r.data!.submitClaim.claim.id);
    }
    // Concurrent claims of the same patients and district: they contend for the same rollup rows.
    const burst = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((i) =>
        h.gql<{ submitClaim: { claim: { id: string } } }>(bureau, SUBMIT, {
          input: claimInput(
            { patientId: i % 2 ? 'P1' : 'P2', serviceDate: `2025-06-${String(10 + i).padStart(2, '0')}` },
            { drugCode: i % 2 ? 'amlodipine' : 'metformin', amountFen: 1500 + i },
          ),
        }),
      ),
    );
    expect(burst.every((r) => r.errors === undefined)).toBe(true);

    const reverse = `mutation($id: ID!) { reverseClaim(claimId: $id, reason: "duplicate entry") { status } }`;
    expect((await h.gql(bureau, reverse, { id: ids[1] })).errors).toBeUndefined();
    expect((await h.gql(bureau, reverse, { id: ids[3] })).errors).toBeUndefined();

    const followUp = `mutation($i: FollowUpInput!) { recordFollowUp(input: $i) }`;
    for (const [date, sbp, glucose] of [
      ['2025-02-15', 135, 6.1],
      ['2025-05-15', 128, 6.4],
      ['2025-06-01', 126, null],
    ] as const) {
      const r = await h.gql(bureau, followUp, {
        i: { patientId: 'P2', institutionId: 'I-LX-CHC', date, faceToFace: true, systolic: sbp, diastolic: 80, fastingGlucoseMmol: glucose },
      });
      expect(r.errors).toBeUndefined();
    }

    const certify = `mutation { certifyPatient(patientId: "P1", certificateNo: "W-0101", certifiedOn: "2025-03-01", institutionId: "I-LX-CHC", diseases: [HYPERTENSION]) { id } }`;
    expect((await h.gql(bureau, certify)).errors).toBeUndefined();

    const register = `mutation($i: RegisterPatientInput!) { registerPatient(input: $i) { id } }`;
    const reg = await h.gql(bureau, register, {
      i: {
        id: 'P9',
        residentId: residentId('32021319580303001'),
        name: '赵敏',
        scheme: 'RESIDENT',
        streetCode: '320213001',
        managed: true,
        managedSince: '2024-06-01',
        managingInstitutionId: 'I-LX-CHC',
        diseases: [{ disease: 'DIABETES', diabetesType: 'TYPE2', diagnosedOn: '2023-05-01' }],
      },
    });
    expect(reg.errors).toBeUndefined();

    const after = (await h.gql<Stats>(leader, STATS, { r: '320213', y: 2025, q: 2 })).data!.statistics.indicators;
    // The writes moved the figures …
    expect(after.benefitUses).toBeGreaterThan(before.benefitUses);
    expect(after.fundPaidFen).toBeGreaterThan(before.fundPaidFen);
    expect(after.managedPatients).toBe(before.managedPatients + 1);
    // … and every counter of every group, period, filter and year equals the raw tables'.
    const check = await checkRollups(em());
    expect(check.values).toBeGreaterThan(1000);
    expect(check.mismatches).toEqual([]);

    // The writes left each patient's records stored (the next write's "before"), equal to the raw tables (checked above);
    // a stored copy that drifts is found by stats:check.
    const stored = await h.sql<{ patient_id: string }>(
      `select patient_id from stat_patient_facts_cache where district_code = '320213' and jsonb_array_length(facts->'k') > 0 order by 1`,
    );
    expect(stored.length).toBeGreaterThan(0);
    await h.sql(`update stat_patient_facts_cache set facts = jsonb_set(facts, '{k}', '[]') where district_code = '320213' and patient_id = ?`, [
      stored[0]!.patient_id,
    ]);
    const drifted = await checkRollups(em(), { years: [2025], quarters: [0], groupings: ['district'] });
    expect(drifted.mismatches).toEqual([{ kind: 'stored_records', districtCode: '320213', patientId: stored[0]!.patient_id, closed: false }]);
    await h.sql(`delete from stat_patient_facts_cache where district_code = '320213' and patient_id = ?`, [stored[0]!.patient_id]);
  });
});

describe('closed periods are immutable', () => {
  it('refuses writes dated in a closed quarter, keeps its rows, and the database refuses a direct change', async () => {
    const q1 = await h.gql<Stats>(leader, STATS, { r: '320213', y: 2025, q: 1 });
    for (const q of [1, 2, 3, 4]) await closePeriod(em(), '320213', 2024, q, 'test');
    await closePeriod(em(), '320213', 2025, 1, 'test');
    await expect(closePeriod(em(), '320213', 2025, 3, 'test')).rejects.toThrow(/in order/);

    const late = await h.gql(bureau, SUBMIT, { input: claimInput({ serviceDate: '2025-02-10' }) });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', detail: { code: 'PERIOD_CLOSED', year: 2025, quarter: 1 } });
    const lateFollowUp = await h.gql(
      bureau,
      `mutation { recordFollowUp(input: { patientId: "P1", institutionId: "I-LX-CHC", date: "2025-03-30", faceToFace: true }) }`,
    );
    expect(lateFollowUp.errors?.[0]?.extensions).toMatchObject({ detail: { code: 'PERIOD_CLOSED' } });
    // An open quarter still takes writes.
    expect((await h.gql(bureau, SUBMIT, { input: claimInput({ serviceDate: '2025-04-20' }) })).errors).toBeUndefined();

    // A registration whose diagnosis lies in a closed quarter counts from the first open one.
    const reg = await h.gql(bureau, `mutation($i: RegisterPatientInput!) { registerPatient(input: $i) { id } }`, {
      i: {
        id: 'P10',
        residentId: residentId('32021319600404002'),
        name: '钱进',
        scheme: 'RESIDENT',
        streetCode: '320213001',
        managed: true,
        managedSince: '2024-01-02',
        managingInstitutionId: 'I-LX-CHC',
        diseases: [{ disease: 'HYPERTENSION', diagnosedOn: '2024-01-01' }],
      },
    });
    expect(reg.errors).toBeUndefined();
    const q1After = await h.gql<Stats>(leader, STATS, { r: '320213', y: 2025, q: 1 });
    expect(q1After.data!.statistics.indicators).toEqual(q1.data!.statistics.indicators);
    const q2 = await checkRollups(em(), { years: [2025], quarters: [2, 3, 4, 0] });
    expect(q2.mismatches).toEqual([]);
    // The closed quarter differs from today's raw tables by that one registration, reported as closed.
    const closedCheck = await checkRollups(em(), { districts: ['320213'], years: [2025], quarters: [1], groupings: ['district'] });
    expect(closedCheck.mismatches.length).toBeGreaterThan(0);
    expect(closedCheck.mismatches.every((m) => m.closed)).toBe(true);

    await expect(h.sql(`update stat_patient_counts set known = known + 1 where district_code = '320213' and year = 2025 and quarter = 1`)).rejects.toThrow(
      /closed and immutable/,
    );
    await expect(h.sql(`insert into stat_beneficiaries values ('320213', 2025, 1, 'ALL', 'street', 'x', 1)`)).rejects.toThrow(/closed and immutable/);
  });
});
