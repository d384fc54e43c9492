/**
 * FHIR R4 through the API (#20 part 2), on real decided claims: every answer validated against the
 * official R4 JSON schema; scope per role exactly as GraphQL answers it (another district's or
 * city's record, another institution's claim: 404); the patient masked but for the auditor, whose
 * read is audited; the period's bundle paged by next links; errors as OperationOutcome with their status.
 */
import { HITS } from '@liangbing/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFhir } from '../../../test/fhir-schema';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../../test/harness';

let h: Harness;
const tokens: Record<string, string> = {};
const bearer = (who: string): string => tokens[who] ?? '';
const ids: Record<string, string> = {};

interface Answer {
  status: number;
  type: string;
  text: string;
  body: Record<string, unknown> & { resourceType: string };
}

async function fhir(path: string, token: string | null | undefined): Promise<Answer> {
  const url = path.startsWith('http') ? path : `${h.server.url}/fhir${path}`;
  const res = await fetch(url, { headers: token == null ? {} : { authorization: `Bearer ${token}` } });
  const text = await res.text();
  const body = JSON.parse(text) as Answer['body'];
  // every answer, data or error, is valid FHIR R4
  expect([path, validateFhir(body)]).toEqual([path, []]);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, body };
}

async function submit(token: string | undefined, key: string, over: Record<string, unknown>, line: Record<string, unknown> = {}): Promise<string> {
  const r = await h.gql<{ submitClaim: { claim: { id: string } } }>(token!, SUBMIT, { input: claimInput({ idempotencyKey: key, ...over }, line) });
  expect(r.errors).toBeUndefined();
  return r.data!.submitClaim.claim.id;
}

const issue = (a: Answer) => (a.body as unknown as { issue: { code: string; expression?: string[]; diagnostics: string }[] }).issue[0]!;

beforeAll(async () => {
  // the schema compiles first (seconds): a kept-alive connection would otherwise idle past the server's keep-alive timeout mid-test
  expect(validateFhir({ resourceType: 'Basic', code: { text: 'warm-up' } })).toEqual([]);
  h = await startHarness();
  tokens.bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  tokens.jiangyin = await h.token({ role: 'district_bureau', districtCode: '320281' });
  tokens.leadership = await h.token({ role: 'city_leadership' });
  tokens.auditor = await h.token({ role: 'auditor' });
  tokens.operator = await h.token({ role: 'institution_operator', districtCode: '320213', institutionId: 'I-LX-CHC' });
  tokens.guiyang = await h.token({ role: 'city_leadership', cityCode: '520100' });
  // May: 90 days of amlodipine, ¥300.00, 60 days count (W 四(二)): fund 60 % of 200.00 = 120.00.
  ids.may = await submit(tokens.bureau, 'fhir-may', { serviceDate: '2025-05-02' }, { quantity: 90, daysSupply: 90, amountFen: 30_000 });
  // The first quarter: two at P1's and P2's designated centre, one at a hospital (another institution), one in 江阴.
  ids.feb = await submit(tokens.bureau, 'fhir-feb', { patientId: 'P2', serviceDate: '2025-02-10' }, { amountFen: 1_001 });
  ids.mar = await submit(tokens.bureau, 'fhir-mar', { serviceDate: '2025-03-15' });
  ids.hospital = await submit(tokens.bureau, 'fhir-h2', { institutionId: 'I-LX-H2', serviceDate: '2025-03-20' });
  ids.jiangyin = await submit(tokens.jiangyin, 'fhir-jy', { patientId: 'P3', institutionId: 'I-JY-THC', serviceDate: '2025-03-01' });
}, 120_000);
afterAll(async () => h.close());

describe('reads', () => {
  it('the capability statement is served without a token', async () => {
    const a = await fhir('/metadata', null);
    expect([a.status, a.body.resourceType, a.body.fhirVersion]).toEqual([200, 'CapabilityStatement', '4.0.1']);
    expect(a.type).toMatch(/^application\/fhir\+json/);
  });

  it('a decided claim as Claim, ClaimResponse and ExplanationOfBenefit, amounts exact in CNY', async () => {
    const claim = await fhir(`/Claim/${ids.may}`, tokens.bureau);
    expect([claim.status, claim.body.resourceType, claim.body.id]).toEqual([200, 'Claim', ids.may]);
    expect(claim.text).toContain('"total":{"value":300.00,"currency":"CNY"}');
    const response = await fhir(`/ClaimResponse/${ids.may}`, tokens.bureau);
    const total = Object.fromEntries(
      (response.body.total as { category: { coding: { code: string }[] }; amount: { value: number } }[]).map((t) => [
        t.category.coding[0]!.code,
        t.amount.value,
      ]),
    );
    expect(total).toEqual({ submitted: 300, eligible: 200, benefit: 120, copay: 180 });
    expect(response.text).toContain('"amount":{"value":120.00,"currency":"CNY"}');
    expect((response.body.processNote as { text: string }[])[0]!.text).toContain('按《无锡市…意见》四（二）');
    const eob = await fhir(`/ExplanationOfBenefit/${ids.may}`, tokens.bureau);
    expect(eob.body).toMatchObject({
      resourceType: 'ExplanationOfBenefit',
      outcome: 'complete',
      patient: { reference: 'Patient/P1' },
      provider: { display: '崇安寺社区卫生服务中心' },
      insurer: { display: '无锡市医疗保障局' },
    });
    // the cap (800 yuan incl. the general-outpatient fund's 200 of the harness's ledger), used 320 after this claim
    expect((eob.body.benefitBalance as { financial: unknown[] }[])[0]!.financial[0]).toMatchObject({ allowedMoney: { value: 800 }, usedMoney: { value: 320 } });
  });

  it('a refused line carries its hit as ClaimResponse.error of its item', async () => {
    // 2025-03-20 at the consortium's hospital: the amlodipine of 2025-03-15 still lasts (G-9 as Wuxi's rule set applies it)
    const a = await fhir(`/ClaimResponse/${ids.hospital}`, tokens.bureau);
    expect(a.body.outcome).toBe('error');
    expect((a.body.error as { itemSequence: number; code: { coding: { code: string }[] } }[]).map((e) => [e.itemSequence, e.code.coding[0]!.code])).toEqual([
      [1, 'DUPLICATE_DISPENSING'],
    ]);
  });

  it('the benefit as Coverage, and the hit codes as a CodeSystem with every code', async () => {
    const c = await fhir('/Coverage/P2', tokens.bureau);
    expect(c.body).toMatchObject({
      resourceType: 'Coverage',
      status: 'active',
      identifier: [{ value: 'W-0002' }],
      period: { start: '2020-01-10' },
      beneficiary: { reference: 'Patient/P2' },
    });
    expect((c.body.class as { type: { coding: { code: string }[] }; value: string }[]).map((k) => [k.type.coding[0]!.code, k.value])).toEqual([
      ['plan', expect.stringMatching(/^wuxi/)],
      ['subplan', 'hypertension'],
      ['subplan', 'diabetes'],
    ]);
    const cs = await fhir('/CodeSystem/liangbing-hit-codes', tokens.operator);
    expect((cs.body.concept as unknown[]).length).toBe(Object.keys(HITS).length);
  });
});

describe('scope, as GraphQL answers it', () => {
  const status = async (path: string, who: string) => (await fhir(path, tokens[who]!)).status;
  it('another district’s claim is 404 to a district bureau, data to the city’s roles', async () => {
    for (const type of ['Claim', 'ClaimResponse', 'ExplanationOfBenefit']) {
      expect([type, await status(`/${type}/${ids.jiangyin}`, 'bureau')]).toEqual([type, 404]);
      expect([type, await status(`/${type}/${ids.jiangyin}`, 'leadership')]).toEqual([type, 200]);
      expect([type, await status(`/${type}/${ids.jiangyin}`, 'auditor')]).toEqual([type, 200]);
    }
    const a = await fhir(`/Claim/${ids.jiangyin}`, tokens.bureau);
    expect(issue(a).code).toBe('not-found');
  });

  it('another city sees nothing: 404 for claims and patients', async () => {
    expect(await status(`/ExplanationOfBenefit/${ids.may}`, 'guiyang')).toBe(404);
    expect(await status('/Patient/P1', 'guiyang')).toBe(404);
    expect(await status('/Coverage/P1', 'guiyang')).toBe(404);
  });

  it('an institution operator reads its own institution’s claims only, and its designated patients', async () => {
    expect(await status(`/Claim/${ids.may}`, 'operator')).toBe(200);
    expect(await status(`/Claim/${ids.hospital}`, 'operator')).toBe(404);
    expect(await status(`/ExplanationOfBenefit/${ids.jiangyin}`, 'operator')).toBe(404);
    expect(await status('/Patient/P1', 'operator')).toBe(200);
    expect(await status('/Patient/P3', 'operator')).toBe(404);
  });

  it('a GraphQL 404 is a FHIR 404 for every role and record', async () => {
    const q = `query($id: ID!) { claim(id: $id) { id } }`;
    for (const who of ['bureau', 'jiangyin', 'leadership', 'auditor', 'operator', 'guiyang']) {
      for (const id of Object.values(ids)) {
        const g = await h.gql<{ claim: { id: string } | null }>(tokens[who]!, q, { id });
        const expected = g.errors === undefined ? 200 : g.errors[0]?.extensions.code === 'NOT_FOUND' ? 404 : 0;
        expect([who, id, await status(`/ExplanationOfBenefit/${id}`, who)]).toEqual([who, id, expected]);
      }
    }
  });

  it('no token or a bad one is 401 with an OperationOutcome', async () => {
    const none = await fhir(`/Claim/${ids.may}`, null);
    expect([none.status, issue(none).code]).toEqual([401, 'login']);
    const bad = await fhir(`/Claim/${ids.may}`, 'not-a-jwt');
    expect([bad.status, issue(bad).code]).toEqual([401, 'login']);
    const forged = await fhir(`/Claim/${ids.may}`, `${tokens.bureau!.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(401);
  });
});

describe('the patient, masked as GraphQL masks it', () => {
  const count = async () =>
    Number((await h.sql<{ n: string }>(`select count(*) as n from audit_log where action = 'patient.read' and entity_id = 'P1'`))[0]!.n);

  it('the bureau sees the masked identity, no sex or birth date, the age band; nothing audited', async () => {
    const before = await count();
    const a = await fhir('/Patient/P1', tokens.bureau);
    const g = await h.gql<{ patient: { residentId: string; name: string; ageBand: string } }>(
      bearer('bureau'),
      `{ patient(id: "P1") { residentId name ageBand } }`,
    );
    expect(a.body).toMatchObject({
      resourceType: 'Patient',
      meta: { security: [{ code: 'MASKED' }] },
      name: [{ text: g.data!.patient.name }],
      extension: [{ valueString: g.data!.patient.ageBand }],
    });
    expect((a.body.identifier as { value: string }[])[1]!.value).toBe(g.data!.patient.residentId);
    expect(a.text).not.toContain('王建国');
    expect(a.text).not.toContain('320213195001010013');
    expect(a.text).not.toContain('1950-01-01');
    expect(a.body.gender).toBeUndefined();
    expect(await count()).toBe(before);
  });

  it('the auditor sees the person unmasked, and that read is audited', async () => {
    const before = await count();
    const a = await fhir('/Patient/P1', tokens.auditor);
    expect(a.body).toMatchObject({
      name: [{ text: '王建国' }],
      gender: 'male',
      birthDate: '1950-01-01',
      identifier: [{ value: 'P1' }, { value: '320213195001010013' }],
    });
    expect(a.body.meta).toBeUndefined();
    expect(await count()).toBe(before + 1);
    const [row] = await h.sql<{ user_id: string; detail: { unmasked: boolean } }>(
      `select user_id, detail from audit_log where action = 'patient.read' and entity_id = 'P1' order by id desc limit 1`,
    );
    expect(row).toMatchObject({ user_id: 'u-auditor', detail: { unmasked: true } });
  });

  it('claims carry no personal data, only the patient’s reference', async () => {
    for (const type of ['Claim', 'ClaimResponse', 'ExplanationOfBenefit']) {
      const a = await fhir(`/${type}/${ids.may}`, tokens.bureau);
      expect(a.text).not.toMatch(/王|320213195001010013|1950-01-01/);
    }
  });
});

describe('the bundle for a period', () => {
  const Q1 = '/ExplanationOfBenefit?created=ge2025-01-01&created=le2025-03-31';
  type Bundle = {
    type: string;
    total: number;
    link: { relation: string; url: string }[];
    entry?: { fullUrl: string; resource: { id: string; created: string } }[];
  };

  async function all(path: string, token: string | undefined): Promise<{ ids: string[]; pages: number; total: number }> {
    let next: string | undefined = path;
    const seen: string[] = [];
    let pages = 0;
    let total = -1;
    while (next !== undefined) {
      const a = await fhir(next, token);
      expect(a.status).toBe(200);
      const b = a.body as unknown as Bundle;
      expect(b.type).toBe('searchset');
      total = b.total;
      for (const e of b.entry ?? []) {
        expect(e.fullUrl.endsWith(`/ExplanationOfBenefit/${e.resource.id}`)).toBe(true);
        expect(e.resource.created >= '2025-01-01' && e.resource.created <= '2025-03-31').toBe(true);
        seen.push(e.resource.id);
      }
      pages += 1;
      next = b.link.find((l) => l.relation === 'next')?.url;
      expect(pages).toBeLessThan(10);
    }
    return { ids: seen, pages, total };
  }

  it('pages a district’s quarter one claim a page by next links, newest first, each entry valid', async () => {
    const r = await all(`${Q1}&_count=1`, tokens.bureau);
    expect(r.ids).toEqual([ids.hospital, ids.mar, ids.feb]);
    expect([r.pages, r.total]).toEqual([3, 3]);
  });

  it('is scoped as the claims list: the city’s roles see 江阴 too, the operator its institution only', async () => {
    expect((await all(`${Q1}&_count=2`, tokens.leadership)).ids.sort()).toEqual([ids.hospital, ids.mar, ids.feb, ids.jiangyin].sort());
    expect((await all(Q1, tokens.operator)).ids).toEqual([ids.mar, ids.feb]);
    expect((await all(Q1, tokens.guiyang)).ids).toEqual([]);
  });

  it('narrows to a patient, and gt/lt/eq bound the period', async () => {
    expect((await all(`${Q1}&patient=P2`, tokens.bureau)).ids).toEqual([ids.feb]);
    expect((await all(`${Q1}&patient=Patient/P1`, tokens.bureau)).ids).toEqual([ids.hospital, ids.mar]);
    expect((await all('/ExplanationOfBenefit?created=gt2025-02-10&created=lt2025-03-20', tokens.bureau)).ids).toEqual([ids.mar]);
    expect((await all('/ExplanationOfBenefit?created=2025-02-10', tokens.bureau)).ids).toEqual([ids.feb]);
  });

  it('refuses bad parameters with a 400 OperationOutcome naming them', async () => {
    for (const [query, field] of [
      ['created=yesterday', 'created'],
      ['created=ge2025-02-30', 'created'],
      ['_count=0', '_count'],
      ['_count=101', '_count'],
      ['_count=1.5', '_count'],
      ['status=active', 'status'],
      ['_page=bm9wZQ', '_page'],
      ['patient=P1&patient=P2', 'patient'],
    ] as const) {
      const a = await fhir(`/ExplanationOfBenefit?${query}`, tokens.bureau);
      expect([query, a.status, issue(a).code, issue(a).expression]).toEqual([query, 400, 'invalid', [field]]);
    }
  });
});

describe('what is not served', () => {
  it('an unknown resource, a search not offered, an unknown id: 404 OperationOutcome', async () => {
    for (const path of ['/Organization/I-LX-CHC', '/Claim', '/Claim/not-a-uuid', '/Patient/P404', '/CodeSystem/other']) {
      const a = await fhir(path, tokens.bureau);
      expect([path, a.status, a.body.resourceType, issue(a).code]).toEqual([path, 404, 'OperationOutcome', 'not-found']);
    }
  });
});
