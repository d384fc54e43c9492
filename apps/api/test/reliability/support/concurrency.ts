/**
 * Concurrency scenarios over HTTP, shared by the CI suite and the soak script. Each returns
 * what it measured; the caller asserts (tests) or checks and prints (soak).
 */
import { errorCode, type HttpAnswer } from './client';
import { ledgerFund, nthClaim, SUBMIT_ONE } from './claims';
import { residentId, type ExtraPatient, type Stack } from './stack';

type Claimed = { submitClaim: { replayed: boolean; claim: { id: string; fundFen: number; capFen: number; status: string } } };

/** Codes of the answers that were not a success, counted ("200:CONFLICT" → 3). */
export function failures(answers: readonly HttpAnswer[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of answers) {
    if (a.status === 200 && a.body?.errors === undefined && a.body?.data) continue;
    const key = `${a.status}:${errorCode(a) ?? 'no-code'}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

export async function storedFund(stack: Stack, patientId: string): Promise<number> {
  const [r] = await stack.sql<{ s: string }>(
    `select coalesce(sum(fund_fen), 0) as s from claims where patient_id = ? and year = 2025 and status = 'accepted'`,
    [patientId],
  );
  return Number(r!.s);
}

export interface CapRace {
  claims: number;
  failures: Record<string, number>;
  paidClaims: number;
  capFen: number;
  ledgerFen: number;
  storedFundFen: number;
  ms: number;
}

/** n claims for one patient, all sent at once; each alone would pay 12 000 fen of a cap of 80 000. */
export async function capRace(stack: Stack, patient: ExtraPatient, n: number, token: string): Promise<CapRace> {
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: n }, (_, i) => stack.gql(token, SUBMIT_ONE, { input: nthClaim(`cap-${patient.id}-${i}`, patient.id, patient.institutionId, i) })),
  );
  const ms = performance.now() - started;
  const claims = answers.map((a) => (a.body?.data as Claimed | undefined)?.submitClaim.claim).filter((c) => c !== undefined);
  return {
    claims: n,
    failures: failures(answers),
    paidClaims: claims.filter((c) => c.fundFen > 0).length,
    capFen: Math.max(0, ...claims.map((c) => c.capFen)),
    ledgerFen: await ledgerFund(stack.sql, patient.id),
    storedFundFen: await storedFund(stack, patient.id),
    ms,
  };
}

export interface ManyPatients {
  patients: number;
  claims: number;
  failures: Record<string, number>;
  /** patients whose ledger is not the cap, or not the sum of their stored claims */
  offCap: string[];
  ms: number;
}

/** perPatient claims for each patient, interleaved and all sent at once. */
export async function manyPatients(
  stack: Stack,
  patients: readonly ExtraPatient[],
  perPatient: number,
  tokenOf: (p: ExtraPatient) => string,
): Promise<ManyPatients> {
  const jobs = Array.from({ length: perPatient }, (_, i) => patients.map((p) => ({ p, i }))).flat();
  const started = performance.now();
  const answers = await Promise.all(
    jobs.map(({ p, i }) => stack.gql(tokenOf(p), SUBMIT_ONE, { input: nthClaim(`many-${p.id}-${i}`, p.id, p.institutionId, i) })),
  );
  const ms = performance.now() - started;
  const rows = await stack.sql<{ patient_id: string; ledger: string; stored: string }>(
    `select b.patient_id, b.fund_paid_fen as ledger,
            (select coalesce(sum(c.fund_fen), 0) from claims c where c.district_code = b.district_code and c.patient_id = b.patient_id and c.year = b.year and c.status = 'accepted') as stored
       from benefit_ledger b where b.year = 2025 and b.patient_id = any(?)`,
    [patients.map((p) => p.id)],
  );
  const offCap = rows
    .filter((r) => Number(r.ledger) !== 80_000 || Number(r.stored) !== 80_000)
    .map((r) => `${r.patient_id}: ledger ${r.ledger}, stored ${r.stored}`);
  return { patients: patients.length, claims: jobs.length, failures: failures(answers), offCap, ms };
}

export interface ReversalRace {
  rounds: number;
  reversed: number;
  newClaims: number;
  failures: Record<string, number>;
  /** answers to a second reversal of the same claim sent at the same moment */
  doubleReversal: { reversed: number; conflicts: number; other: number };
  ledgerFen: number;
  storedFundFen: number;
  ms: number;
}

const REVERSE = `mutation($id: ID!, $reason: String!) { reverseClaim(claimId: $id, reason: $reason) { id status } }`;

/**
 * The patient is brought to the cap; then, round after round, a paid claim is reversed while a
 * new claim is submitted at the same moment, and one claim is reversed twice at once.
 */
export async function reversalRace(stack: Stack, patient: ExtraPatient, rounds: number, token: string): Promise<ReversalRace> {
  let n = 0;
  const paid: string[] = [];
  while ((await ledgerFund(stack.sql, patient.id)) < 80_000) {
    const a = await stack.gql(token, SUBMIT_ONE, { input: nthClaim(`rev-${patient.id}-${n}`, patient.id, patient.institutionId, n) });
    const c = (a.body?.data as Claimed | undefined)?.submitClaim.claim;
    if (c === undefined) throw new Error(`could not fill the cap: ${a.text}`);
    if (c.fundFen > 0) paid.push(c.id);
    n++;
  }
  const started = performance.now();
  const all: HttpAnswer[] = [];
  let reversed = 0;
  let newClaims = 0;
  for (let r = 0; r < rounds && paid.length > 0; r++) {
    const victim = paid.shift()!;
    const [rev, sub] = await Promise.all([
      stack.gql(token, REVERSE, { id: victim, reason: `race ${r}` }),
      stack.gql(token, SUBMIT_ONE, { input: nthClaim(`rev-${patient.id}-${n}`, patient.id, patient.institutionId, n) }),
    ]);
    n++;
    all.push(rev, sub);
    if ((rev.body?.data as { reverseClaim?: { status: string } } | undefined)?.reverseClaim?.status === 'REVERSED') reversed++;
    const c = (sub.body?.data as Claimed | undefined)?.submitClaim.claim;
    if (c !== undefined) {
      newClaims++;
      if (c.fundFen > 0) paid.push(c.id);
    }
  }
  const twice = paid.shift();
  const doubleReversal = { reversed: 0, conflicts: 0, other: 0 };
  if (twice !== undefined) {
    const answers = await Promise.all([0, 1, 2].map((k) => stack.gql(token, REVERSE, { id: twice, reason: `double ${k}` })));
    for (const a of answers) {
      if ((a.body?.data as { reverseClaim?: { status: string } } | null | undefined)?.reverseClaim?.status === 'REVERSED') doubleReversal.reversed++;
      else if (errorCode(a) === 'CONFLICT') doubleReversal.conflicts++;
      else doubleReversal.other++;
    }
  }
  return {
    rounds,
    reversed,
    newClaims,
    failures: failures(all),
    doubleReversal,
    ledgerFen: await ledgerFund(stack.sql, patient.id),
    storedFundFen: await storedFund(stack, patient.id),
    ms: performance.now() - started,
  };
}

export interface RegistrationRace {
  attempts: number;
  registered: number;
  conflicts: number;
  other: Record<string, number>;
}

/** The same new patient registered by several requests at once (a double click, a retry): one wins, the rest are told why. */
export async function registrationRace(stack: Stack, token: string, attempts: number): Promise<RegistrationRace> {
  const q = `mutation($input: RegisterPatientInput!) { registerPatient(input: $input) { id } }`;
  const input = {
    id: 'RACE-1',
    residentId: residentId('11010519800101001'),
    name: '赵六',
    scheme: 'RESIDENT',
    streetCode: '320213001',
    managed: true,
    diseases: [{ disease: 'HYPERTENSION', diagnosedOn: '2020-01-01' }],
  };
  const answers = await Promise.all(Array.from({ length: attempts }, () => stack.gql(token, q, { input })));
  const registered = answers.filter((a) => (a.body?.data as { registerPatient?: { id: string } } | null | undefined)?.registerPatient?.id === 'RACE-1').length;
  const conflicts = answers.filter((a) => errorCode(a) === 'CONFLICT').length;
  const other = failures(answers.filter((a) => errorCode(a) !== 'CONFLICT'));
  return { attempts, registered, conflicts, other };
}
