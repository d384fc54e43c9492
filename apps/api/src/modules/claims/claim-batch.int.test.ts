/**
 * submitClaims decides a batch in one transaction of set-based statements. Its answers must be
 * exactly those of the same claims sent one at a time: the twins P1B and P2B (copies of P1 and P2)
 * get the claims one by one, P1 and P2 in one batch, and every decision, ledger and statistic is
 * compared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, seedWuxi, startHarness, SUBMIT, type Harness } from '../../../test/harness';
import { ensureMaterialised } from '../statistics/rollup.build';
import { checkRollups } from '../statistics/rollup.check';

let h: Harness;
let bureau: string;

beforeAll(async () => {
  h = await startHarness(async (sql) => {
    await seedWuxi(sql);
    // P1B and P2B: P1 and P2 again, with their own resident IDs and certificate numbers.
    const twins = (from: string, to: string) => `insert into ${to} select ${from} where patient_id in ('P1', 'P2')`;
    await sql(`insert into patients (district_code, id, resident_id, name, sex, birth_date, street_code, phone, scheme, managed, managed_since, managing_institution_id)
               select district_code, id || 'B', '9' || substr(resident_id, 2), name, sex, birth_date, street_code, phone, scheme, managed, managed_since, managing_institution_id from patients where id in ('P1', 'P2')`);
    await sql(twins(`district_code, patient_id || 'B', disease, diabetes_type, diagnosed_on from patient_diseases`, 'patient_diseases'));
    await sql(
      twins(
        `district_code, patient_id || 'B', certificate_no || 'B', certified_on, certifying_institution_id, diseases, revoked_on from certifications`,
        'certifications',
      ),
    );
    await sql(
      twins(
        `district_code, patient_id || 'B', valid_from, valid_to, institution_id, consortium_id, requested_on, at_enrolment from designations`,
        'designations',
      ),
    );
    await sql(
      twins(
        `district_code, patient_id || 'B', year, general_outpatient_fund_fen, general_outpatient_exhausted from benefit_ledger`,
        'benefit_ledger (district_code, patient_id, year, general_outpatient_fund_fen, general_outpatient_exhausted)',
      ),
    );
  });
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  await ensureMaterialised(h.orm.em.fork(), ['320213', '320281'], 2025);
});
afterAll(async () => h.close());

const MANY = `mutation($inputs: [SubmitClaimInput!]!) { submitClaims(inputs: $inputs) { index idempotencyKey error { code field } result { replayed claim { id status outcome amountFen compliantFen fundFen patientFen capFen capRemainingFen ratioBp hits { code ruleId lineNo } lines { lineNo fundFen patientFen } explanation { ruleId step result } } } } }`;

interface Decided {
  outcome: string;
  amountFen: number;
  compliantFen: number;
  fundFen: number;
  patientFen: number;
  capFen: number;
  capRemainingFen: number;
  ratioBp: number;
  hits: { code: string; ruleId: string; lineNo: number | null }[];
  lines: { lineNo: number; fundFen: number; patientFen: number }[];
  explanation: { ruleId: string; step: string; result: string }[];
}
type Many = {
  submitClaims: {
    index: number;
    error: { code: string; field: string | null } | null;
    result: { replayed: boolean; claim: Decided & { id: string } } | null;
  }[];
};

/** A patient's claims in submission order, dates out of order, duplicates, a cap crossed mid-batch, a second-disease drug. */
function sequence(p1: string, p2: string, tag: string) {
  const c = (patientId: string, serviceDate: string, lines: Record<string, unknown>[], i: number) => ({
    ...claimInput({ patientId, serviceDate, idempotencyKey: `${tag}-${i}` }),
    lines: lines.map((l) => ({ drugCode: 'amlodipine', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 1000, ...l })),
  });
  return [
    c(p1, '2025-03-01', [{}], 1),
    c(p1, '2025-03-05', [{}], 2), // duplicate dispensing of the same drug four days later
    c(p1, '2025-02-01', [{ drugCode: 'valsartan', amountFen: 2500 }], 3), // earlier date, sent later
    c(
      p2,
      '2025-03-02',
      [
        { drugCode: 'metformin', amountFen: 4000 },
        { drugCode: 'valsartan', amountFen: 3000 },
      ],
      4,
    ),
    c(p1, '2025-04-10', [{ drugCode: 'metformin', amountFen: 3000 }], 5), // P1 has no diabetes
    c(p1, '2025-04-12', [{ daysSupply: 60, quantity: 60, amountFen: 130_000 }], 6), // crosses the 800-yuan cap
    c(p1, '2025-05-20', [{ drugCode: 'indapamide', amountFen: 2000 }], 7), // nothing left
    c(p2, '2025-04-03', [{ drugCode: 'metformin', daysSupply: 90, quantity: 90, amountFen: 9000 }], 8), // beyond W-9's two months
    c(p2, '2025-06-01', [{ drugCode: 'acarbose', amountFen: 200_000 }], 9),
  ];
}

const comparable = (d: Decided) => ({ ...d, hits: [...d.hits].sort((a, b) => `${a.code}${a.lineNo}`.localeCompare(`${b.code}${b.lineNo}`)) });

describe('submitClaims: one set-based transaction, the answers of one claim at a time', () => {
  it('decides every claim as the one-by-one path does: amounts, hits, caps, trace, ledgers and statistics', async () => {
    const one: Decided[] = [];
    for (const input of sequence('P1B', 'P2B', 'seq')) {
      const r = await h.gql<{ submitClaim: { claim: Decided } }>(
        bureau,
        SUBMIT.replace('hits { code ruleId }', 'hits { code ruleId lineNo }').replace(
          'explanation { ruleId section step }',
          'explanation { ruleId step result }',
        ),
        { input },
      );
      expect(r.errors).toBeUndefined();
      one.push(r.data!.submitClaim.claim);
    }
    const fallbacks = h.services.claims.batchFallbacks;
    const r = await h.gql<Many>(bureau, MANY, { inputs: sequence('P1', 'P2', 'batch') });
    expect(r.errors).toBeUndefined();
    expect(h.services.claims.batchFallbacks).toBe(fallbacks);
    const many = r.data!.submitClaims;
    expect(many.map((m) => m.error)).toEqual(many.map(() => null));
    const strip = (d: Decided & { id?: string }) => {
      const { id: _id, ...rest } = d;
      return comparable(rest);
    };
    const twin = (s: string) => s.replaceAll('P1B', 'P1').replaceAll('P2B', 'P2');
    expect(many.map((m) => strip(m.result!.claim))).toEqual(one.map((d) => JSON.parse(twin(JSON.stringify(strip(d))))));

    // The cases the sequence is there for did happen.
    const codes = many.map((m) => m.result!.claim.hits.map((x) => x.code));
    expect(codes[1]).toContain('DUPLICATE_DISPENSING');
    expect(many[5]!.result!.claim.capRemainingFen).toBe(0);
    expect(many[6]!.result!.claim.fundFen).toBe(0);

    const ledgers = await h.sql<{
      patient_id: string;
      fund_paid_fen: string;
      compliant_fen: string;
      drug_cost_fen: string;
      claims_paid: number;
      cap_reached_on: string | null;
    }>(
      `select patient_id, fund_paid_fen, compliant_fen, drug_cost_fen, claims_paid, to_char(cap_reached_on, 'YYYY-MM-DD') as cap_reached_on from benefit_ledger where year = 2025 and district_code = '320213' order by patient_id`,
    );
    const by = new Map(ledgers.map((l) => [l.patient_id, { ...l, patient_id: undefined }]));
    expect(by.get('P1')).toEqual(by.get('P1B'));
    expect(by.get('P2')).toEqual(by.get('P2B'));
    expect(by.get('P1')!.cap_reached_on).toBe('2025-04-12');
    const sums = await h.sql<{ patient_id: string; s: string }>(
      `select patient_id, sum(fund_fen) as s from claims where status = 'accepted' and year = 2025 group by 1`,
    );
    for (const s of sums) expect(Number(by.get(s.patient_id)!.fund_paid_fen)).toBe(Number(s.s));

    const lines = await h.sql<{ n: string }>(
      `select count(*) as n from claim_lines l join claims c on c.district_code = l.district_code and c.id = l.claim_id where c.idempotency_key like 'batch-%'`,
    );
    expect(Number(lines[0]!.n)).toBe(10);
    const audits = await h.sql<{ n: string }>(
      `select count(*) as n from audit_log where action = 'claim.submit' and entity_id in (select id::text from claims where idempotency_key like 'batch-%')`,
    );
    expect(Number(audits[0]!.n)).toBe(9);

    const check = await checkRollups(h.orm.em.fork(), { districts: ['320213'], years: [2025] });
    expect(check.mismatches).toEqual([]);
  });

  it('reports each refused claim on its own and writes the rest: bad fields, unknown institution, another district, a replay, a key used twice', async () => {
    const done = await h.gql<{ submitClaim: { claim: { id: string } } }>(bureau, SUBMIT, {
      input: claimInput({ idempotencyKey: 'mixed-known', serviceDate: '2025-06-20' }, { drugCode: 'nifedipine' }),
    });
    const fallbacks = h.services.claims.batchFallbacks;
    const inputs = [
      claimInput({ idempotencyKey: 'mixed-0', serviceDate: '2025-06-21' }, { drugCode: 'losartan' }),
      claimInput({ idempotencyKey: 'mixed-1', serviceDate: '2025-02-30' }),
      claimInput({ idempotencyKey: 'mixed-2', institutionId: 'I-NOPE' }),
      claimInput({ idempotencyKey: 'mixed-3', patientId: 'P3' }),
      claimInput({ idempotencyKey: 'mixed-known', serviceDate: '2025-06-20' }, { drugCode: 'nifedipine' }),
      claimInput({ idempotencyKey: 'mixed-known', serviceDate: '2025-06-20' }, { drugCode: 'nifedipine', amountFen: 999 }),
      claimInput({ idempotencyKey: 'mixed-6', patientId: 'P2', serviceDate: '2025-06-21' }, { drugCode: 'gliclazide' }),
    ];
    const r = await h.gql<Many>(bureau, MANY, { inputs });
    expect(r.errors).toBeUndefined();
    const out = r.data!.submitClaims;
    expect(out.map((o) => o.error?.code ?? (o.result!.replayed ? 'REPLAYED' : 'STORED'))).toEqual([
      'STORED',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'NOT_FOUND',
      'REPLAYED',
      'CONFLICT',
      'STORED',
    ]);
    expect(out[1]!.error!.field).toBe('inputs[1].serviceDate');
    expect(out[2]!.error!.field).toBe('inputs[2].institutionId');
    expect(out[4]!.result!.claim.id).toBe(done.data!.submitClaim.claim.id);
    expect(h.services.claims.batchFallbacks).toBe(fallbacks);
    const stored = await h.sql<{ k: string }>(`select idempotency_key as k from claims where idempotency_key like 'mixed-%' order by 1`);
    expect(stored.map((s) => s.k)).toEqual(['mixed-0', 'mixed-6', 'mixed-known']);

    // One key twice in a batch: the second is the first's retry.
    const twice = await h.gql<Many>(bureau, MANY, {
      inputs: [
        claimInput({ idempotencyKey: 'twice', serviceDate: '2025-06-22' }, { drugCode: 'telmisartan' }),
        claimInput({ idempotencyKey: 'twice', serviceDate: '2025-06-22' }, { drugCode: 'telmisartan' }),
      ],
    });
    const [a, b] = twice.data!.submitClaims;
    expect(a!.result!.replayed).toBe(false);
    expect(b!.result!.replayed).toBe(true);
    expect(b!.result!.claim.id).toBe(a!.result!.claim.id);
  });

  it('a batch whose claims are all refused writes nothing: no ledger row for a patient-year it only locked', async () => {
    const ledgerRows = async () =>
      (await h.sql<{ n: string }>(`select count(*) as n from benefit_ledger where district_code = '320213' and patient_id = 'P1' and year = 2024`))[0]!.n;
    expect(await ledgerRows()).toBe('0');
    const before = await h.sql<{ n: string }>(`select count(*) as n from benefit_ledger`);
    const r = await h.gql<Many>(bureau, MANY, {
      inputs: [
        claimInput({ idempotencyKey: 'refused-0', serviceDate: '2024-05-01', institutionId: 'I-NOPE' }),
        claimInput({ idempotencyKey: 'refused-1', serviceDate: '2024-05-02', institutionId: 'I-NOPE' }),
      ],
    });
    expect(r.data!.submitClaims.map((c) => c.error?.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(await ledgerRows()).toBe('0');
    expect(await h.sql<{ n: string }>(`select count(*) as n from benefit_ledger`)).toEqual(before);

    // In a mixed batch the refused patient-year leaves no row, the stored one keeps its own.
    const mixed = await h.gql<Many>(bureau, MANY, {
      inputs: [
        claimInput({ idempotencyKey: 'refused-2', serviceDate: '2024-05-03', institutionId: 'I-NOPE' }),
        claimInput({ idempotencyKey: 'kept-2', serviceDate: '2025-06-23' }, { drugCode: 'losartan' }),
      ],
    });
    expect(mixed.data!.submitClaims.map((c) => c.error?.code ?? 'STORED')).toEqual(['BAD_USER_INPUT', 'STORED']);
    expect(await ledgerRows()).toBe('0');
  });

  it('concurrent batches over the same patients hold the cap and stay in step', async () => {
    const batch = (n: number) =>
      Array.from({ length: 20 }, (_, i) =>
        claimInput(
          { idempotencyKey: `conc-${n}-${i}`, patientId: i % 2 ? 'P2B' : 'P1B', serviceDate: `2025-06-${String(1 + (i % 28)).padStart(2, '0')}` },
          { drugCode: ['amlodipine', 'valsartan', 'metformin', 'acarbose'][i % 4]!, amountFen: 7000 + n, daysSupply: 1, quantity: 1 },
        ),
      );
    const fallbacks = h.services.claims.batchFallbacks;
    const results = await Promise.all([1, 2, 3, 4].map((n) => h.gql<Many>(bureau, MANY, { inputs: batch(n) })));
    // Every batch locks its ledgers and patients in key order: none deadlocks, none falls back.
    expect(h.services.claims.batchFallbacks).toBe(fallbacks);
    expect(results.every((r) => r.errors === undefined && r.data!.submitClaims.every((c) => c.error === null))).toBe(true);
    const caps = await h.sql<{ patient_id: string; f: string; s: string }>(
      `select b.patient_id, b.fund_paid_fen as f, (select coalesce(sum(fund_fen), 0) from claims c where c.district_code = b.district_code and c.patient_id = b.patient_id and c.year = 2025 and c.status = 'accepted') as s
         from benefit_ledger b where b.year = 2025 and b.patient_id in ('P1B', 'P2B')`,
    );
    // W-3: P1's 800-yuan cap includes the 200 yuan its general outpatient benefit paid; P2 has both diseases (1 000 yuan).
    for (const c of caps) {
      expect(Number(c.f)).toBe(Number(c.s));
      expect(Number(c.f)).toBe(c.patient_id === 'P1B' ? 60_000 : 100_000);
    }
    const check = await checkRollups(h.orm.em.fork(), { districts: ['320213'], years: [2025] });
    expect(check.mismatches).toEqual([]);
  });
});
