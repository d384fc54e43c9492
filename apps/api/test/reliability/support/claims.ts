/**
 * Claims for load tests and the invariants every load is checked against. Claims are built so
 * that only the cap binds: each line is one day's supply on its own date (no duplicate
 * dispensing), of a first-line drug at the patient's designated institution.
 */
import { addDays } from '@liangbing/policy';
import type { Sql } from './stack';

/** Hypertension drugs with no shared substance and no renin–angiotensin class between them. */
export const DRUGS = ['amlodipine', 'metoprolol', 'hydrochlorothiazide', 'indapamide', 'nifedipine'] as const;

export const SUBMIT_ONE = `mutation($input: SubmitClaimInput!) { submitClaim(input: $input) { replayed claim { id status fundFen patientFen amountFen compliantFen capFen capRemainingFen lines { lineNo fundFen amountFen } } } }`;
export const SUBMIT_MANY = `mutation($inputs: [SubmitClaimInput!]!) { submitClaims(inputs: $inputs) { index idempotencyKey error { code field } result { replayed claim { id status fundFen patientFen amountFen compliantFen lines { lineNo fundFen amountFen } } } } }`;

export interface ClaimLineInput {
  drugCode: string;
  form: 'ORAL';
  quantity: number;
  daysSupply: number;
  amountFen: number;
}

export interface ClaimInputValue {
  idempotencyKey: string;
  patientId: string;
  institutionId: string;
  serviceDate: string;
  pathway: 'DESIGNATED';
  lines: ClaimLineInput[];
}

/**
 * The n-th claim of a patient: on day n of 2025 (wrapping after 365 days onto the next drug),
 * with `lines` lines of distinct drugs, each 20 000 fen so that the 80 000 fen cap is reached
 * after a handful of claims and every later claim pays nothing.
 */
export function nthClaim(key: string, patientId: string, institutionId: string, n: number, lines = 1, amountFen = 20_000): ClaimInputValue {
  const round = Math.floor(n / 365);
  return {
    idempotencyKey: key,
    patientId,
    institutionId,
    serviceDate: addDays('2025-01-01', n % 365),
    pathway: 'DESIGNATED',
    lines: Array.from({ length: lines }, (_, j) => ({
      drugCode: DRUGS[(round * lines + j) % DRUGS.length]!,
      form: 'ORAL',
      quantity: 1,
      daysSupply: 1,
      amountFen,
    })),
  };
}

export interface StoredClaimFigures {
  id: string;
  fundFen: number;
  patientFen: number;
  amountFen: number;
  lineCount: number;
  lineFundFen: number;
  lineAmountFen: number;
  status: string;
}

/** What is stored of claims, by idempotency key. */
export async function storedByKey(sql: Sql, keys: readonly string[]): Promise<Map<string, StoredClaimFigures>> {
  const rows = await sql<{
    key: string;
    id: string;
    fund_fen: string;
    patient_fen: string;
    amount_fen: string;
    status: string;
    n: string;
    lf: string | null;
    la: string | null;
  }>(
    `select c.idempotency_key as key, c.id::text as id, c.fund_fen, c.patient_fen, c.amount_fen, c.status,
            count(l.line_no) as n, sum(l.fund_fen) as lf, sum(l.amount_fen) as la
       from claims c left join claim_lines l on l.district_code = c.district_code and l.claim_id = c.id
      where c.idempotency_key = any(?)
      group by c.district_code, c.id`,
    [keys],
  );
  return new Map(
    rows.map((r) => [
      r.key,
      {
        id: r.id,
        fundFen: Number(r.fund_fen),
        patientFen: Number(r.patient_fen),
        amountFen: Number(r.amount_fen),
        lineCount: Number(r.n),
        lineFundFen: Number(r.lf ?? 0),
        lineAmountFen: Number(r.la ?? 0),
        status: r.status,
      },
    ]),
  );
}

export interface Invariants {
  /** patient-years whose ledger differs from the sum of their accepted claims' decisions */
  ledgerMismatches: {
    patientId: string;
    ledgerFund: number;
    claimsFund: number;
    ledgerCost: number;
    claimsCost: number;
    ledgerPaid: number;
    claimsPaid: number;
  }[];
  /** claims stored without any line */
  claimsWithoutLines: number;
  /** claims stored without their request and decision (claim_documents) */
  claimsWithoutDocument: number;
  /** lines whose claim is not stored */
  linesWithoutClaim: number;
  /** claims whose lines do not add up to the claim's amounts */
  claimsNotAddingUp: number;
  /** patient-years whose fund total is above the cap of their latest decision */
  pastCap: number;
  /** two stored claims with one idempotency key in a district */
  duplicateKeys: number;
}

/** The database-wide invariants: no claim half stored, every ledger the sum of its decisions, no cap passed. */
export async function invariants(sql: Sql): Promise<Invariants> {
  const ledgerMismatches = (
    await sql<{ patient_id: string; lf: string; cf: string; lc: string; cc: string; lp: string; cp: string }>(
      `with sums as (
         select district_code, patient_id, year, sum(fund_fen) as fund, sum(amount_fen) as cost, count(*) filter (where fund_fen > 0) as paid
           from claims where status = 'accepted' group by district_code, patient_id, year)
       select b.patient_id, b.fund_paid_fen as lf, coalesce(s.fund, 0) as cf, b.drug_cost_fen as lc, coalesce(s.cost, 0) as cc, b.claims_paid as lp, coalesce(s.paid, 0) as cp
         from benefit_ledger b full join sums s on s.district_code = b.district_code and s.patient_id = b.patient_id and s.year = b.year
        where b.patient_id is null or b.fund_paid_fen <> coalesce(s.fund, 0) or b.drug_cost_fen <> coalesce(s.cost, 0) or b.claims_paid <> coalesce(s.paid, 0)`,
    )
  ).map((r) => ({
    patientId: r.patient_id,
    ledgerFund: Number(r.lf),
    claimsFund: Number(r.cf),
    ledgerCost: Number(r.lc),
    claimsCost: Number(r.cc),
    ledgerPaid: Number(r.lp),
    claimsPaid: Number(r.cp),
  }));
  const [one] = await sql<{ no_lines: string; no_document: string; orphans: string; not_adding: string; past_cap: string; dup: string }>(
    `select
       (select count(*) from claims c where not exists (select 1 from claim_lines l where l.district_code = c.district_code and l.claim_id = c.id)) as no_lines,
       (select count(*) from claim_lines l where not exists (select 1 from claims c where c.district_code = l.district_code and c.id = l.claim_id)) as orphans,
       (select count(*) from claims c join lateral (select sum(fund_fen) as f, sum(amount_fen) as a from claim_lines l where l.district_code = c.district_code and l.claim_id = c.id) s on true
         where s.f <> c.fund_fen or s.a <> c.amount_fen) as not_adding,
       (select count(*) from claims c where not exists (select 1 from claim_documents d where d.district_code = c.district_code and d.claim_id = c.id)) as no_document,
       (select count(*) from benefit_ledger b where b.fund_paid_fen > coalesce((select (d.decision->>'capFen')::bigint from claims c join claim_documents d on d.district_code = c.district_code and d.claim_id = c.id
          where c.district_code = b.district_code and c.patient_id = b.patient_id and c.year = b.year order by c.created_at desc limit 1), 0)) as past_cap,
       (select count(*) from (select 1 from claims group by district_code, idempotency_key having count(*) > 1) d) as dup`,
  );
  return {
    ledgerMismatches,
    claimsWithoutLines: Number(one!.no_lines),
    claimsWithoutDocument: Number(one!.no_document),
    linesWithoutClaim: Number(one!.orphans),
    claimsNotAddingUp: Number(one!.not_adding),
    pastCap: Number(one!.past_cap),
    duplicateKeys: Number(one!.dup),
  };
}

export const CLEAN: Invariants = {
  ledgerMismatches: [],
  claimsWithoutLines: 0,
  claimsWithoutDocument: 0,
  linesWithoutClaim: 0,
  claimsNotAddingUp: 0,
  pastCap: 0,
  duplicateKeys: 0,
};

export async function ledgerFund(sql: Sql, patientId: string): Promise<number> {
  const [r] = await sql<{ f: string }>(`select fund_paid_fen as f from benefit_ledger where patient_id = ? and year = 2025`, [patientId]);
  return Number(r?.f ?? 0);
}
