/**
 * The rest of the hostile corpus (query shapes, HTTP bodies, tokens), how an answer is judged,
 * and the run: the corpus sent alongside valid traffic whose latency is measured.
 */
import { SignJWT } from 'jose';
import { SECRET } from '../../harness';
import { signToken } from '../../../src/auth/tokens';
import { httpRequest, inParallel, NoAnswer, percentile, postGraphql, type HttpAnswer } from './client';
import { nthClaim, SUBMIT_ONE } from './claims';
import { auditorCases, claimBase, fieldCases, OPERATIONS, unknownArgumentCases, type Code, type HostileCase } from './hostile-cases';
import type { ExtraPatient } from './stack';

export const ALLOWED: readonly string[] = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'QUERY_TOO_COSTLY',
];

const JSON_HEADERS = { 'content-type': 'application/json' };
const BAD: readonly Code[] = ['BAD_USER_INPUT'];
const SHAPE: readonly Code[] = ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT'];

/** A deterministic generator (mulberry32), so that the corpus is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shapeCases(bearer: string): HostileCase[] {
  const COSTLY: readonly Code[] = ['QUERY_TOO_COSTLY'];
  const q = (name: string, query: string, expect: readonly Code[] = SHAPE, extra: Record<string, unknown> = {}): HostileCase => ({
    kind: 'raw',
    category: 'query shapes',
    name,
    method: 'POST',
    path: '/graphql',
    headers: { ...JSON_HEADERS, authorization: bearer },
    body: JSON.stringify({ query, ...extra }),
    expect,
  });
  const nest = (n: number) => `{ regions { ${'children { '.repeat(n)} code ${'} '.repeat(n)} } }`;
  const fragTree = (levels: number) =>
    `{ ...F0 }\n${Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join('\n')}\nfragment F${levels} on Query { viewer { userId } }`;
  const out: HostileCase[] = [
    q('unknown field', '{ nope }', ['GRAPHQL_VALIDATION_FAILED']),
    q('unclosed selection', '{ viewer { userId }', ['GRAPHQL_PARSE_FAILED']),
    q('only braces', '}}}', ['GRAPHQL_PARSE_FAILED']),
    q('SQL instead of GraphQL', 'SELECT * FROM patients', ['GRAPHQL_PARSE_FAILED']),
    q('empty query', '', BAD),
    q('blank query', '   ', ['GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT']),
    ...[11, 12, 20, 50, 200].map((n) => q(`depth ${n + 2}`, nest(n))),
    q('depth through inline fragments', `{ regions { ... on Region { ${'children { ... on Region { '.repeat(12)} code ${'} } '.repeat(12)} } } }`),
    q(
      'depth through named fragments',
      `{ regions { ...R0 } } ${Array.from({ length: 12 }, (_, i) => `fragment R${i} on Region { children { ...R${i + 1} } }`).join(' ')} fragment R12 on Region { code }`,
    ),
    ...[2_001, 5_000].map((n) => q(`${n} fields wide`, `{ viewer { ${'userId '.repeat(n)} } }`)),
    ...[31, 100, 1_000].map((n) => q(`${n} aliases`, `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { userId }`).join(' ')} }`)),
    ...[10, 20, 30].map((n) => q(`fragment bomb of ${n} levels`, fragTree(n))),
    q('fragment cycle', '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }', ['GRAPHQL_VALIDATION_FAILED']),
    q('a directive 500 times', `{ viewer ${'@include(if: true) '.repeat(500)} { userId } }`, ['GRAPHQL_VALIDATION_FAILED']),
    q('two operations, no name', 'query A { viewer { userId } } query B { viewer { role } }', BAD),
    q('unknown operation name', '{ viewer { userId } }', BAD, { operationName: 'Nope' }),
    // The explorer's own introspection query is 15 deep: introspection has that depth of its own; graphql-js refuses re-expanding fields.
    q('introspection 16 deep', `{ __schema { types { fields { type { ${'ofType { '.repeat(11)}name${' }'.repeat(11)} } } } } }`),
    q('introspection re-expanding fields', '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }', [
      'GRAPHQL_VALIDATION_FAILED',
    ]), // graphql-js's own MaxIntrospectionDepthRule
    q(
      'a hundred patients with a hundred traced claims each',
      '{ patients(first: 100) { nodes { claims(first: 100) { explanation { step parameters { name value } } } } } }',
      COSTLY,
    ),
    q(
      '25 aliased claim pages with traces',
      `{ ${Array.from({ length: 25 }, (_, i) => `c${i}: claims(first: 100) { nodes { explanation { step } } }`).join(' ')} }`,
      COSTLY,
    ),
    q('undeclared variable', '{ patient(id: $id) { id } }', ['GRAPHQL_VALIDATION_FAILED']),
    q('variable of the wrong type', 'query($id: Int!) { patient(id: $id) { id } }', ['GRAPHQL_VALIDATION_FAILED'], { variables: { id: 1 } }),
    q('3 000 unused variables', `query(${Array.from({ length: 3_000 }, (_, i) => `$v${i}: Int`).join(', ')}) { viewer { userId } }`, [
      'GRAPHQL_VALIDATION_FAILED',
    ]),
    q('a 900 kB string literal', `{ patient(id: "${'x'.repeat(900_000)}") { id } }`, ['NOT_FOUND']),
    q('a subscription', 'subscription { viewer { userId } }', BAD),
    q('a persisted-query hash only', '', BAD, { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
    q('a field on a scalar', '{ viewer { userId { id } } }', ['GRAPHQL_VALIDATION_FAILED']),
    q('enum literal in quotes', '{ statistics(regionCode: "320213", year: 2025, disease: "ALL") { period { year } } }', ['GRAPHQL_VALIDATION_FAILED']),
    q('Fen literal as a float', 'mutation { recordGeneralOutpatient(patientId: "P1", year: 2025, fundPaidFen: 1.5, exhausted: true) }', [
      'GRAPHQL_VALIDATION_FAILED',
    ]),
    q('Int literal out of range', '{ claims(first: 99999999999) { totalCount } }', ['GRAPHQL_VALIDATION_FAILED']),
  ];
  const next = random(20261123);
  const alphabet = '{}()[]:$@!"#,.=|&  \n abcxyz019_';
  for (let i = 0; i < 25; i++) {
    const text = Array.from({ length: 5 + Math.floor(next() * 60) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    out.push(q(`random text #${i}`, `{${text}`, ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']));
  }
  return out;
}

function httpCases(bearer: string): HostileCase[] {
  const post = (name: string, body: string, headers: Record<string, string> = JSON_HEADERS, expect: readonly Code[] = BAD): HostileCase => ({
    kind: 'raw',
    category: 'http bodies',
    name,
    method: 'POST',
    path: '/graphql',
    headers: { authorization: bearer, ...headers },
    body,
    expect,
  });
  const valid = JSON.stringify({ query: '{ viewer { userId } }' });
  const xlsx = (name: string, query: string, auth: string | null, expect: readonly Code[]): HostileCase => ({
    kind: 'raw',
    category: 'excel export',
    name,
    method: 'GET',
    path: `/reports/quarterly.xlsx?${query}`,
    headers: auth === null ? {} : { authorization: auth },
    expect,
  });
  return [
    ...[
      '{',
      '{"query": ',
      '{"query": "x",}',
      "{'query': 1}",
      'nul',
      '[',
      '"just a string"',
      '12345',
      'true',
      '\u0000',
      '{"query": "{ viewer { userId } }"',
      '\uFEFF{"query": 1',
    ].map((b, i) => post(`malformed JSON #${i}`, b)),
    post('empty array', '[]'),
    post('a batch of operations', `[${valid},${valid}]`),
    post('empty object', '{}'),
    post('query null', '{"query": null}'),
    post('query a number', '{"query": 5}'),
    post('variables a string', JSON.stringify({ query: '{ viewer { userId } }', variables: 'x' })),
    post('variables an array', JSON.stringify({ query: '{ viewer { userId } }', variables: [1] })),
    post('a 1.1 MB body', JSON.stringify({ query: '{ viewer { userId } }', padding: 'a'.repeat(1_100_000) })),
    post('a 3 MB body', JSON.stringify({ query: '{ viewer { userId } }', padding: 'a'.repeat(3_000_000) })),
    post(
      '6 000 claims in one batch (1.3 MB)',
      JSON.stringify({ query: OPERATIONS.submitClaims!.query, variables: { inputs: Array.from({ length: 6_000 }, (_, j) => claimBase(`hostile-huge-${j}`)) } }),
    ),
    post('text/plain', valid, { 'content-type': 'text/plain' }),
    post('a form', 'query=%7Bviewer%7BuserId%7D%7D', { 'content-type': 'application/x-www-form-urlencoded' }),
    post('multipart', '--x\r\n\r\n--x--', { 'content-type': 'multipart/form-data; boundary=x' }),
    post('no content type', valid, {}),
    post('a corrupt gzip body', 'not gzip', { ...JSON_HEADERS, 'content-encoding': 'gzip' }),
    post('an unknown encoding', valid, { ...JSON_HEADERS, 'content-encoding': 'rot13' }),
    post('an unknown charset', valid, { 'content-type': 'application/json; charset=klingon' }),
    ...['PUT', 'DELETE', 'PATCH'].map((method): HostileCase => ({
      kind: 'raw',
      category: 'http bodies',
      name: `${method} /graphql`,
      method,
      path: '/graphql',
      headers: JSON_HEADERS,
      body: valid,
      expect: ['NOT_FOUND'],
    })),
    { kind: 'raw', category: 'http bodies', name: 'GET of an unknown path', method: 'GET', path: '/admin', headers: {}, expect: ['NOT_FOUND'] },
    xlsx('no token', 'regionCode=320213&year=2025&quarter=2', null, ['UNAUTHENTICATED']),
    xlsx('a bad token', 'regionCode=320213&year=2025&quarter=2', 'Bearer x.y.z', ['UNAUTHENTICATED']),
    xlsx('year not a number', 'regionCode=320213&year=abc&quarter=2', bearer, BAD),
    xlsx('quarter 9', 'regionCode=320213&year=2025&quarter=9', bearer, BAD),
    xlsx('year 1999', 'regionCode=320213&year=1999&quarter=1', bearer, BAD),
    xlsx('an unknown region', 'regionCode=NOPE&year=2025&quarter=2', bearer, ['NOT_FOUND']),
    xlsx('another district', 'regionCode=320281&year=2025&quarter=2', bearer, ['FORBIDDEN']),
    xlsx('the city', 'regionCode=320200&year=2025&quarter=2', bearer, ['FORBIDDEN']),
    xlsx('region as an object', 'regionCode[a]=1&year=2025&quarter=2', bearer, ['NOT_FOUND']),
  ];
}

/** Every kind of token that must be refused. */
export async function badTokens(): Promise<Record<string, string | null>> {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const claims = { role: 'district_bureau', city: '320200', district: '320213', institution: null };
  const sign = (payload: Record<string, unknown>, opts: { secret?: Uint8Array; alg?: string; iss?: string; aud?: string; exp?: number | string } = {}) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: opts.alg ?? 'HS256' })
      .setSubject('intruder')
      .setIssuer(opts.iss ?? 'liangbing')
      .setAudience(opts.aud ?? 'liangbing-api')
      .setIssuedAt(1_000)
      .setExpirationTime(opts.exp ?? '1h')
      .sign(opts.secret ?? SECRET);
  const good = await sign(claims);
  const [h, , s] = good.split('.');
  return {
    'no header': null,
    'empty bearer': 'Bearer ',
    'basic auth': 'Basic dXNlcjpwYXNz',
    'not a JWT': 'Bearer not.a.jwt',
    expired: `Bearer ${await sign(claims, { exp: 2_000 })}`,
    'forged signature': `Bearer ${good.slice(0, -6)}AAAAAA`,
    'payload changed to auditor': `Bearer ${h}.${b64({ ...claims, role: 'auditor', sub: 'intruder', iss: 'liangbing', aud: 'liangbing-api', exp: 9_999_999_999 })}.${s}`,
    'unsigned (alg none)': `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, sub: 'intruder', iss: 'liangbing', aud: 'liangbing-api', exp: 9_999_999_999 })}.`,
    'another secret': `Bearer ${await sign(claims, { secret: new TextEncoder().encode('another-secret-another-secret-another-12') })}`,
    'another issuer': `Bearer ${await sign(claims, { iss: 'someone-else' })}`,
    'another audience': `Bearer ${await sign(claims, { aud: 'another-api' })}`,
    'an unknown role': `Bearer ${await sign({ ...claims, role: 'superuser' })}`,
    'a bureau without a district': `Bearer ${await sign({ ...claims, district: null })}`,
    'HS512 with the right secret': `Bearer ${await sign(claims, { alg: 'HS512' })}`,
  };
}

function tokenCases(tokens: Record<string, string | null>, roots: readonly string[]): HostileCase[] {
  return Object.entries(tokens).flatMap(([label, auth]) =>
    roots.map((op): HostileCase => ({
      kind: 'gql',
      category: 'tokens',
      name: `${op} with ${label}`,
      auth,
      query: OPERATIONS[op]!.query,
      variables: OPERATIONS[op]!.variables,
      expect: ['UNAUTHENTICATED'],
    })),
  );
}

export async function hostileCorpus(bureauToken: string, roots: { query: string[]; mutation: string[] }): Promise<HostileCase[]> {
  const bearer = `Bearer ${bureauToken}`;
  const auditor = `Bearer ${await signToken(SECRET, { role: 'auditor', userId: 'hostile-auditor', cityCode: '320200', districtCode: null, institutionId: null })}`;
  const ops = [...roots.query, ...roots.mutation].filter((op) => OPERATIONS[op] !== undefined);
  return [
    ...fieldCases(bearer),
    ...auditorCases(bearer, auditor),
    ...unknownArgumentCases(bearer, roots),
    ...shapeCases(bearer),
    ...httpCases(bearer),
    ...tokenCases(await badTokens(), ops),
  ];
}

/** Why an answer is not an acceptable refusal, or null when it is. */
export function judge(c: HostileCase, a: HttpAnswer): string | null {
  if (a.status >= 500) return `HTTP ${a.status}`;
  if (a.body === null) return `not JSON (HTTP ${a.status}): ${a.text.slice(0, 80)}`;
  const items = (a.body.data as { submitClaims?: { error: { code: string } | null }[] } | null | undefined)?.submitClaims;
  const codes = a.body.errors?.map((e) => String(e.extensions?.code)) ?? items?.map((i) => i.error?.code ?? 'ACCEPTED') ?? [];
  if (codes.length === 0) return `accepted: ${a.text.slice(0, 120)}`;
  const wrong = codes.find((code) => !ALLOWED.includes(code));
  if (wrong !== undefined) return `code ${wrong}: ${a.body.errors?.[0]?.message ?? ''}`.slice(0, 200);
  if (!c.expect.includes(codes[0] as Code)) return `expected ${c.expect.join('|')}, got ${codes[0]}: ${(a.body.errors?.[0]?.message ?? '').slice(0, 120)}`;
  return null;
}

export function send(baseUrl: string, c: HostileCase): Promise<HttpAnswer> {
  if (c.kind === 'raw')
    return httpRequest(`${baseUrl}${c.path}`, { method: c.method, headers: c.headers, fresh: true, ...(c.body !== undefined ? { body: c.body } : {}) });
  return httpRequest(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...(c.auth === null ? {} : { authorization: c.auth }) },
    body: JSON.stringify({ query: c.query, variables: c.variables }),
  });
}

export interface ValidTraffic {
  requests: number;
  failures: string[];
  latencies: number[];
}

/** Valid requests, round after round (a claim, a list, a statistic, a claim read), until `done()`. */
export async function validTraffic(
  baseUrl: string,
  token: string,
  patients: readonly ExtraPatient[],
  done: () => boolean,
  width = 2,
  minimum = 0,
): Promise<ValidTraffic> {
  const out: ValidTraffic = { requests: 0, failures: [], latencies: [] };
  let n = 0;
  const worker = async () => {
    while (!done() || out.requests < minimum) {
      const i = n++;
      const p = patients[i % patients.length]!;
      const request =
        i % 4 === 0
          ? postGraphql(baseUrl, token, SUBMIT_ONE, { input: nthClaim(`valid-${p.id}-${i}`, p.id, p.institutionId, Math.floor(i / patients.length), 1, 2_000) })
          : i % 4 === 1
            ? postGraphql(baseUrl, token, `{ patients(first: 20) { totalCount nodes { id name } } }`)
            : i % 4 === 2
              ? postGraphql(baseUrl, token, OPERATIONS.statistics!.query, OPERATIONS.statistics!.variables)
              : postGraphql(baseUrl, token, `{ claims(first: 10) { totalCount nodes { id fundFen lines { lineNo } } } }`);
      const a = await request;
      out.requests++;
      out.latencies.push(a.ms);
      if (a.status !== 200 || a.body?.errors !== undefined || a.body?.data == null) out.failures.push(`${a.status}: ${a.text.slice(0, 160)}`);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return out;
}

export interface HostileRun {
  cases: number;
  byCategory: Record<string, number>;
  refusedWrongly: string[];
  corpusMs: number;
  baseline: { requests: number; p50: number; p95: number };
  underAttack: { requests: number; p50: number; p95: number; failures: string[] };
}

export async function runHostile(
  baseUrl: string,
  corpus: readonly HostileCase[],
  validToken: string,
  patients: readonly ExtraPatient[],
  width = 6,
): Promise<HostileRun> {
  const half = Math.floor(patients.length / 2);
  const baseline = await validTraffic(baseUrl, validToken, patients.slice(0, half), () => true, 2, 60);
  let finished = false;
  const started = performance.now();
  const traffic = validTraffic(baseUrl, validToken, patients.slice(half), () => finished, 2);
  const verdicts = await inParallel(corpus, width, async (c) => {
    try {
      return judge(c, await send(baseUrl, c));
    } catch (e) {
      if (!(e instanceof NoAnswer)) throw e;
      return `no answer: ${e.message}`;
    }
  }).finally(() => (finished = true));
  const corpusMs = performance.now() - started;
  const under = await traffic;
  const byCategory: Record<string, number> = {};
  for (const c of corpus) byCategory[c.category] = (byCategory[c.category] ?? 0) + 1;
  return {
    cases: corpus.length,
    byCategory,
    refusedWrongly: corpus.flatMap((c, i) => (verdicts[i] === null ? [] : [`[${c.category}] ${c.name}: ${verdicts[i]}`])),
    corpusMs,
    baseline: { requests: baseline.requests, p50: percentile(baseline.latencies, 50), p95: percentile(baseline.latencies, 95) },
    underAttack: {
      requests: under.requests,
      p50: percentile(under.latencies, 50),
      p95: percentile(under.latencies, 95),
      failures: [...baseline.failures, ...under.failures],
    },
  };
}
