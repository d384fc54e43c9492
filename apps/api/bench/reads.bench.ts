/**
 * A district bureau's read mix — patient lists with filters, one patient with claims, claims by
 * institution — through this API and through PostGraphile 5 on the same database, at the same
 * concurrency: requests per second. Both return the same rows; this API also verifies the token,
 * scopes every query to the district and masks personal data, PostGraphile does none of that.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { signToken } from '../src/auth/tokens';
import { exec } from '../src/db/sql';
import { hammer, metered, type CpuMeters, type LoadResult } from './tools';

export interface ReadsResult {
  district: string;
  /** with cpuMs: the CPU the window cost (ms), the server's processes and PostgreSQL's, when meters were given */
  api: LoadResult & { cpuMs?: { api: number; pg: number } };
  postgraphile: LoadResult & { cpuMs?: { api: number; pg: number } };
}

interface Pools {
  district: string;
  streets: string[];
  patients: string[];
  institutions: string[];
}

const OURS = {
  patients: `query($s: String!) { patients(filter: { regionCode: $s, managed: true }, first: 20) { totalCount nodes { id name residentId } } }`,
  patient: `query($id: ID!) { patient(id: $id) { id name claims(first: 20) { id serviceDate fundFen } } }`,
  claims: `query($d: String!, $i: ID!) { claims(filter: { regionCode: $d, institutionId: $i }, first: 20) { totalCount nodes { id serviceDate fundFen } } }`,
};
const THEIRS = {
  patients: `query($d: String!, $s: String!) { allPatients(condition: { districtCode: $d, streetCode: $s, managed: true }, first: 20, orderBy: PRIMARY_KEY_ASC) { totalCount nodes { rowId name residentId } } }`,
  patient: `query($d: String!, $id: String!) { patientByDistrictCodeAndRowId(districtCode: $d, rowId: $id) { rowId name claimsByDistrictCodeAndPatientId(first: 20, orderBy: [SERVICE_DATE_DESC, ROW_ID_DESC]) { nodes { rowId serviceDate fundFen } } } }`,
  claims: `query($d: String!, $i: String!) { allClaims(condition: { districtCode: $d, institutionId: $i }, first: 20, orderBy: [SERVICE_DATE_DESC, ROW_ID_DESC]) { totalCount nodes { rowId serviceDate fundFen } } }`,
};

async function pools(orm: MikroORM): Promise<Pools> {
  const em = orm.em.fork();
  const [d] = await exec<{ district_code: string }>(em, `select district_code from patients group by 1 order by count(*) desc limit 1`);
  const district = d!.district_code;
  const streets = (
    await exec<{ s: string }>(
      em,
      `select street_code as s from patients where district_code = ? and street_code is not null group by 1 order by count(*) desc limit 10`,
      [district],
    )
  ).map((r) => r.s);
  const patients = (
    await exec<{ p: string }>(em, `select patient_id as p from claims where district_code = ? group by 1 order by md5(patient_id) limit 500`, [district])
  ).map((r) => r.p);
  const institutions = (
    await exec<{ i: string }>(em, `select institution_id as i from claims where district_code = ? group by 1 order by count(*) desc limit 20`, [district])
  ).map((r) => r.i);
  return { district, streets, patients, institutions };
}

function mix(p: Pools, ours: boolean): () => string {
  let n = 0;
  return () => {
    n++;
    const kind = n % 3;
    const street = p.streets[n % p.streets.length]!;
    const patient = p.patients[(n * 31) % p.patients.length]!;
    const inst = p.institutions[(n * 7) % p.institutions.length]!;
    if (ours) {
      if (kind === 0) return JSON.stringify({ query: OURS.patients, variables: { s: street } });
      if (kind === 1) return JSON.stringify({ query: OURS.patient, variables: { id: patient } });
      return JSON.stringify({ query: OURS.claims, variables: { d: p.district, i: inst } });
    }
    if (kind === 0) return JSON.stringify({ query: THEIRS.patients, variables: { d: p.district, s: street } });
    if (kind === 1) return JSON.stringify({ query: THEIRS.patient, variables: { d: p.district, id: patient } });
    return JSON.stringify({ query: THEIRS.claims, variables: { d: p.district, i: inst } });
  };
}

/** Sends each kind of request once and checks both servers answer it without errors and with the same row counts. */
async function verify(url: string, headers: Record<string, string>, next: () => string): Promise<number[]> {
  const counts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: next() });
    const body = (await res.json()) as { data?: unknown; errors?: unknown };
    if (body.errors) throw new Error(`${url}: ${JSON.stringify(body.errors).slice(0, 500)}`);
    counts.push(JSON.stringify(body.data).split('serviceDate').length + JSON.stringify(body.data).split('residentId').length);
  }
  return counts;
}

export async function readsBench(
  orm: MikroORM,
  apiUrl: string,
  postgraphileUrl: string,
  secret: Uint8Array,
  opts: { seconds: number; connections: number; cpu?: CpuMeters & { postgraphile: () => number } },
): Promise<ReadsResult> {
  const p = await pools(orm);
  const [city] = await exec<{ city_code: string }>(orm.em.fork(), `select city_code from regions where code = ?`, [p.district]);
  const token = await signToken(
    secret,
    { userId: `bench-${p.district}`, role: 'district_bureau', cityCode: city!.city_code, districtCode: p.district, institutionId: null },
    24 * 3600,
  );
  const auth = { authorization: `Bearer ${token}` };
  const a = await verify(`${apiUrl}/graphql`, auth, mix(p, true));
  const b = await verify(`${postgraphileUrl}/graphql`, {}, mix(p, false));
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`the two servers return different rows: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  const oursNext = mix(p, true);
  const theirsNext = mix(p, false);
  const cpu = opts.cpu;
  const api = await metered(cpu && { api: cpu.api, pg: cpu.pg }, () =>
    hammer(`${apiUrl}/graphql`, opts.connections, opts.seconds, () => ({ body: oursNext(), headers: auth })),
  );
  const postgraphile = await metered(cpu && { api: cpu.postgraphile, pg: cpu.pg }, () =>
    hammer(`${postgraphileUrl}/graphql`, opts.connections, opts.seconds, () => ({ body: theirsNext() })),
  );
  return { district: p.district, api, postgraphile };
}
