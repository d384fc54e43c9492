/**
 * /fhir like the GraphQL access matrix: every resource × every role (city leadership, district
 * bureau, institution operator, auditor — each of 320213) × the record's place (own district,
 * another district, another city), and no token or a bad one. Each cell's status is the one
 * GraphQL's rules give (another district's or city's record is 404, never 403 or data), every answer
 * is FHIR R4 (HL7's schema), a patient is masked but for the auditor (whose read is audited), and no
 * claim resource carries personal data. The token check is the one middleware the Excel export
 * shares (auth/bearer.ts).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { validateFhir } from '../fhir-schema';
import { ownerToken, PLACE, ROLES, TARGETS, viewerToken, visible, type Role, type Target } from './support/access';
import { httpRequest, postGraphql } from './support/client';
import { badTokens } from './support/hostile';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
const claims = {} as Record<Target, string>;
/** a claim of the own district at another institution (the consortium's hospital): not the operator's */
let hospitalClaim: string;
/** each place's patient's name and resident ID: what a masked answer may not contain */
const secrets = {} as Record<Target, string[]>;

interface Resource {
  /** the path, for the record of a place */
  path: (t: Target) => string;
  /** a patient's personal data may be in it (Patient): unmasked for the auditor only */
  person: boolean;
  /** a search: 200 for every viewer, the place's claim among the entries only where it is visible */
  search?: boolean;
  /** served without regard to the place (the hit codes): 200 for every viewer */
  global?: boolean;
}

const RESOURCES: Record<string, Resource> = {
  Claim: { path: (t) => `/Claim/${claims[t]}`, person: false },
  ClaimResponse: { path: (t) => `/ClaimResponse/${claims[t]}`, person: false },
  ExplanationOfBenefit: { path: (t) => `/ExplanationOfBenefit/${claims[t]}`, person: false },
  'ExplanationOfBenefit search': {
    path: (t) => `/ExplanationOfBenefit?patient=${PLACE[t].patient}&created=ge2025-05-01&created=le2025-05-31`,
    person: false,
    search: true,
  },
  Patient: { path: (t) => `/Patient/${PLACE[t].patient}`, person: true },
  Coverage: { path: (t) => `/Coverage/${PLACE[t].patient}`, person: false },
  CodeSystem: { path: () => '/CodeSystem/liangbing-hit-codes', person: false, global: true },
};

async function fhir(path: string, authorization: string | null) {
  const a = await httpRequest(`${stack.url}/fhir${path}`, { headers: authorization === null ? {} : { authorization } });
  const body = JSON.parse(a.text) as { resourceType: string; issue?: { code: string }[]; entry?: { resource: { id: string } }[] };
  return { status: a.status, text: a.text, body, invalid: validateFhir(body) };
}

beforeAll(async () => {
  // the schema compiles first (seconds), before the stack's connections are opened
  expect(validateFhir({ resourceType: 'Basic', code: { text: 'warm-up' } })).toEqual([]);
  stack = await startStack(inject('pgAdminUrl'));
  const submit = async (t: Target, institutionId: string, serviceDate: string) =>
    postGraphql(stack.url, await ownerToken(t), `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { claim { id } } }`, {
      i: {
        idempotencyKey: `fhir-matrix-${PLACE[t].district}-${institutionId}`,
        patientId: PLACE[t].patient,
        institutionId,
        serviceDate,
        pathway: 'DESIGNATED',
        lines: [{ drugCode: 'metoprolol', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 1_500 }],
      },
    });
  const claimId = (label: string, a: Awaited<ReturnType<typeof submit>>): string => {
    const id = (a.body?.data as { submitClaim?: { claim: { id: string } } } | undefined)?.submitClaim?.claim.id;
    if (id === undefined) throw new Error(`fixture claim for ${label}: ${a.text}`);
    return id;
  };
  for (const t of TARGETS) {
    claims[t] = claimId(t, await submit(t, PLACE[t].institution, '2025-05-02'));
    const [p] = await stack.sql<{ name: string; resident_id: string }>(`select name, resident_id from patients where district_code = ? and id = ?`, [
      PLACE[t].district,
      PLACE[t].patient,
    ]);
    secrets[t] = [p!.name, p!.resident_id];
  }
  hospitalClaim = claimId('the hospital', await submit('own district', 'I-LX-H2', '2025-06-20'));
}, 180_000);
afterAll(async () => stack?.close());

/** What the cell must answer: the status, and for a readable patient whether it is unmasked. */
function expected(r: Resource, role: Role, t: Target): number {
  if (r.global || r.search) return 200;
  return visible(role, t) ? 200 : 404;
}

describe('FHIR access matrix: resource × role × place', () => {
  for (const [name, r] of Object.entries(RESOURCES))
    for (const role of ROLES)
      for (const t of TARGETS)
        it(`${name} · ${role} · ${t}`, async () => {
          const a = await fhir(r.path(t), `Bearer ${await viewerToken(role)}`);
          expect(a.invalid).toEqual([]);
          expect(a.status).toBe(expected(r, role, t));
          if (a.status === 404) expect([a.body.resourceType, a.body.issue?.[0]?.code]).toEqual(['OperationOutcome', 'not-found']);
          if (r.search) {
            const ids = (a.body.entry ?? []).map((e) => e.resource.id);
            expect(ids.includes(claims[t])).toBe(visible(role, t));
          }
          const leaked = secrets[t].filter((s) => a.text.includes(s));
          // Only the auditor sees a person unmasked, and only in a Patient resource
          expect(leaked).toEqual(r.person && role === 'auditor' && a.status === 200 ? secrets[t] : []);
        });
});

describe('FHIR: an institution operator reads its own institution’s claims only', () => {
  for (const type of ['Claim', 'ClaimResponse', 'ExplanationOfBenefit'])
    for (const role of ROLES)
      it(`${type} of the own district at another institution · ${role}`, async () => {
        const a = await fhir(`/${type}/${hospitalClaim}`, `Bearer ${await viewerToken(role)}`);
        expect(a.invalid).toEqual([]);
        expect(a.status).toBe(role === 'institution_operator' ? 404 : 200);
      });
});

describe('FHIR without a valid token', () => {
  it('every resource is 401 with an OperationOutcome, for no token and for every bad one; the capability statement is served to all', async () => {
    const bad = await badTokens();
    for (const [name, r] of Object.entries(RESOURCES))
      for (const [label, auth] of Object.entries(bad)) {
        const a = await fhir(r.path('own district'), auth);
        expect([name, label, a.status, a.body.resourceType, a.body.issue?.[0]?.code, a.invalid]).toEqual([name, label, 401, 'OperationOutcome', 'login', []]);
      }
    for (const auth of [null, 'Bearer not.a.jwt', `Bearer ${await viewerToken('auditor')}`]) expect((await fhir('/metadata', auth)).status).toBe(200);
  });

  it('the Excel export refuses the same tokens through the same check, in its own (GraphQL-shaped) answer', async () => {
    for (const [label, auth] of Object.entries(await badTokens())) {
      const x = await httpRequest(
        `${stack.url}/reports/quarterly.xlsx?regionCode=320213&year=2025&quarter=2`,
        auth === null ? {} : { headers: { authorization: auth } },
      );
      expect([label, x.status, x.body?.errors?.[0]?.extensions?.code]).toEqual([label, 401, 'UNAUTHENTICATED']);
    }
  });
});

describe('FHIR reads of personal data are audited', () => {
  it('the auditor’s unmasked Patient read writes its audit row; a masked read writes none', async () => {
    const count = async () =>
      Number(
        (
          await stack.sql<{ n: string }>(`select count(*) as n from audit_log where action = 'patient.read' and entity_id = ?`, [PLACE['own district'].patient])
        )[0]!.n,
      );
    const before = await count();
    expect((await fhir(`/Patient/${PLACE['own district'].patient}`, `Bearer ${await viewerToken('district_bureau')}`)).status).toBe(200);
    expect(await count()).toBe(before);
    expect((await fhir(`/Patient/${PLACE['own district'].patient}`, `Bearer ${await viewerToken('auditor')}`)).status).toBe(200);
    expect(await count()).toBe(before + 1);
  });
});
