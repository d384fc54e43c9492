/**
 * Claims submitted through GraphQL, one per request (submitClaim) and in batches (submitClaims),
 * as claims stored per second. Requests are real demo claims replayed for the same patients at
 * the same institutions, dated in the last month of the data (so the year's rollups are live and
 * kept in step), each with a new idempotency key and the district bureau's token. Afterwards:
 * every patient-year touched stays within its cap and its ledger equals the sum of its claims.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { signToken } from '../src/auth/tokens';
import { exec } from '../src/db/sql';
import { hammer, type LoadResult } from './tools';

export interface ClaimsResult {
  single: LoadResult & { stored: number; claimsPerSecond: number; paidShare: number };
  batched: LoadResult & { stored: number; claimsPerSecond: number; batchSize: number };
  cap: { patientYears: number; overCap: number; ledgerMismatches: number };
}

interface Template {
  district: string;
  request: Record<string, unknown>;
}

const SUBMIT = `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { replayed claim { id outcome fundFen } } }`;
const SUBMIT_MANY = `mutation($is: [SubmitClaimInput!]!) { submitClaims(inputs: $is) { index error { code } result { claim { id } } } }`;

function toInput(r: Record<string, unknown>, key: string, date: string): Record<string, unknown> {
  const input: Record<string, unknown> = {
    ...r,
    idempotencyKey: key,
    serviceDate: date,
    pathway: String(r.pathway).toUpperCase(),
    lines: (r.lines as { form: string }[]).map((l) => ({ ...l, form: l.form.toUpperCase() })),
  };
  for (const k of Object.keys(input)) if (input[k] === null) delete input[k];
  return input;
}

export async function claimsBench(
  orm: MikroORM,
  apiUrl: string,
  secret: Uint8Array,
  opts: { seconds: number; connections: number; batchSize: number; run: string },
): Promise<ClaimsResult> {
  const em = orm.em.fork();
  const [last] = await exec<{ d: string }>(em, `select to_char(max(service_date), 'YYYY-MM-DD') as d from claims`);
  const monthStart = `${last!.d.slice(0, 7)}-01`;
  const templates = await exec<{ district_code: string; request: Record<string, unknown> }>(
    em,
    `select distinct on (c.district_code, c.patient_id) c.district_code, d.request from claims c join claim_documents d on d.district_code = c.district_code and d.claim_id = c.id
      where c.year = ? and c.status = 'accepted' and c.fund_fen > 0 and c.submitted_by = 'demo-loader'
      order by c.district_code, c.patient_id, c.service_date desc limit 20000`,
    [Number(last!.d.slice(0, 4))],
  );
  if (templates.length === 0) throw new Error('no paid demo claims to replay');
  const pool: Template[] = templates.map((t) => ({ district: t.district_code, request: t.request }));
  const tokens = new Map<string, string>();
  for (const d of new Set(pool.map((t) => t.district))) {
    const [city] = await exec<{ city_code: string }>(em, `select city_code from regions where code = ?`, [d]);
    tokens.set(d, await signToken(secret, { userId: `bench-${d}`, role: 'district_bureau', cityCode: city!.city_code, districtCode: d, institutionId: null }));
  }
  let n = 0;
  const day = () => `${monthStart.slice(0, 8)}${String(1 + (n % 28)).padStart(2, '0')}`;
  const pick = () => pool[(n * 7919) % pool.length]!;
  const stored = async (prefix: string) =>
    Number((await exec<{ n: string }>(em, `select count(*) as n from claims where idempotency_key like ?`, [`${prefix}%`]))[0]!.n);

  // One claim per request. autocannon asks for bodies one by one, so the token must match the body's district:
  // each connection's requests rotate over the pool, and the header is set in the same callback.
  const singlePrefix = `bench-${opts.run}-s-`;
  const single = await hammerWithTokens(apiUrl, opts.connections, opts.seconds, () => {
    n++;
    const t = pick();
    return { token: tokens.get(t.district)!, body: JSON.stringify({ query: SUBMIT, variables: { i: toInput(t.request, `${singlePrefix}${n}`, day()) } }) };
  });
  const singleStored = await stored(singlePrefix);
  const [paid] = await exec<{ n: string }>(em, `select count(*) as n from claims where idempotency_key like ? and fund_fen > 0`, [`${singlePrefix}%`]);

  // Batches: each request carries `batchSize` claims of one district.
  const byDistrict = new Map<string, Template[]>();
  for (const t of pool) byDistrict.set(t.district, [...(byDistrict.get(t.district) ?? []), t]);
  const districts = [...byDistrict.keys()].filter((d) => byDistrict.get(d)!.length >= opts.batchSize);
  const batchPrefix = `bench-${opts.run}-b-`;
  let b = 0;
  const batched = await hammerWithTokens(apiUrl, opts.connections, opts.seconds, () => {
    b++;
    const d = districts[b % districts.length]!;
    const list = byDistrict.get(d)!;
    const inputs = Array.from({ length: opts.batchSize }, (_, i) => {
      n++;
      return toInput(list[(b * opts.batchSize + i) % list.length]!.request, `${batchPrefix}${n}`, day());
    });
    return { token: tokens.get(d)!, body: JSON.stringify({ query: SUBMIT_MANY, variables: { is: inputs } }) };
  });
  const batchedStored = await stored(batchPrefix);

  const [cap] = await exec<{ patient_years: string; over_cap: string; ledger_mismatches: string }>(
    em,
    `with touched as (select distinct district_code, patient_id, year from claims where idempotency_key like ?),
          sums as (select c.district_code, c.patient_id, c.year, coalesce(sum(c.fund_fen) filter (where c.status = 'accepted'), 0) as fund,
                          max((d.decision->>'capFen')::bigint) as cap
                     from claims c join touched t on t.district_code = c.district_code and t.patient_id = c.patient_id and t.year = c.year
                     join claim_documents d on d.district_code = c.district_code and d.claim_id = c.id group by 1, 2, 3)
     select count(*) as patient_years, count(*) filter (where s.cap > 0 and s.fund > s.cap) as over_cap, count(*) filter (where s.fund <> l.fund_paid_fen) as ledger_mismatches
       from sums s join benefit_ledger l on l.district_code = s.district_code and l.patient_id = s.patient_id and l.year = s.year`,
    [`bench-${opts.run}-%`],
  );
  return {
    single: {
      ...single,
      stored: singleStored,
      claimsPerSecond: singleStored / opts.seconds,
      paidShare: singleStored === 0 ? 0 : Number(paid!.n) / singleStored,
    },
    batched: { ...batched, stored: batchedStored, claimsPerSecond: batchedStored / opts.seconds, batchSize: opts.batchSize },
    cap: { patientYears: Number(cap!.patient_years), overCap: Number(cap!.over_cap), ledgerMismatches: Number(cap!.ledger_mismatches) },
  };
}

/** autocannon where each request carries its own bearer token (the district of its claims). */
function hammerWithTokens(apiUrl: string, connections: number, seconds: number, next: () => { token: string; body: string }): Promise<LoadResult> {
  return hammer(`${apiUrl}/graphql`, connections, seconds, () => {
    const r = next();
    return { body: r.body, headers: { authorization: `Bearer ${r.token}` } };
  });
}
