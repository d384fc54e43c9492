/**
 * Third-party delivery (第三方配送, Wuxi 四(二)) through GraphQL against PostgreSQL: recorded with the
 * claim in its transaction (claim_write untouched), shown on the claim, part of the idempotency
 * hash, validated field by field with nothing stored, and counted by the scorecard and the
 * availability views.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, type Harness } from '../../../test/harness';
import { creditCodeCheck } from './delivery';

let h: Harness;
let bureau: string;

const PROVIDER = { providerCode: `91320211MA1NBC012${creditCodeCheck('91320211MA1NBC012')}`, providerName: '无锡医药物流有限公司' };
const SUBMIT = `mutation($input: SubmitClaimInput!) { submitClaim(input: $input) { replayed claim { id delivery { providerCode providerName } } } }`;
const MANY = `mutation($inputs: [SubmitClaimInput!]!) { submitClaims(inputs: $inputs) { index error { code field } result { claim { id delivery { providerCode } } } } }`;
const SCORECARDS = `{ institutionScorecards(regionCode: "320213", year: 2025, quarter: 2) { scorecards { institution { id } claims deliveredClaims } } }`;
const AVAILABILITY = `{ drugAvailability(regionCode: "320213", year: 2025, quarter: 2) { institutions { institution { id } claims deliveredClaims } districts { region { code } deliveredClaims } } }`;

type Err = { message: string; extensions: Record<string, unknown> }[] | undefined;
const fields = (errors: Err) =>
  ((errors?.[0]?.extensions.detail as { field: string }[] | undefined) ?? []).map((d) => d.field).concat(String(errors?.[0]?.extensions.field ?? ''));
const deliveries = async () => Number((await h.sql<{ n: string }>(`select count(*) as n from claim_deliveries`))[0]!.n);

beforeAll(async () => {
  h = await startHarness();
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
});
afterAll(async () => h.close());

describe('a claim delivered by a third party', () => {
  let key: string;

  it('is stored with the claim in the patient’s district, shown on it and audited with the provider', async () => {
    const input = claimInput({ serviceDate: '2025-04-01', delivery: PROVIDER });
    key = input.idempotencyKey;
    const r = await h.gql<{ submitClaim: { replayed: boolean; claim: { id: string; delivery: unknown } } }>(bureau, SUBMIT, { input });
    expect(r.errors).toBeUndefined();
    expect(r.data!.submitClaim.claim.delivery).toEqual(PROVIDER);
    const [row] = await h.sql<{ district_code: string; provider_name: string }>(
      `select district_code, provider_name from claim_deliveries where claim_id = ?`,
      [r.data!.submitClaim.claim.id],
    );
    expect(row).toEqual({ district_code: '320213', provider_name: PROVIDER.providerName });
    const [audit] = await h.sql<{ detail: { deliveryProvider?: string } }>(`select detail from audit_log where action = 'claim.submit' and entity_id = ?`, [
      r.data!.submitClaim.claim.id,
    ]);
    expect(audit!.detail.deliveryProvider).toBe(PROVIDER.providerCode);
  });

  it('is part of the request: the same key with the same delivery replays, with another provider or none it conflicts', async () => {
    const same = await h.gql<{ submitClaim: { replayed: boolean } }>(bureau, SUBMIT, {
      input: claimInput({ idempotencyKey: key, serviceDate: '2025-04-01', delivery: PROVIDER }),
    });
    expect(same.data!.submitClaim.replayed).toBe(true);
    const none = await h.gql(bureau, SUBMIT, { input: claimInput({ idempotencyKey: key, serviceDate: '2025-04-01' }) });
    expect(none.errors?.[0]?.extensions.code).toBe('CONFLICT');
    expect(await deliveries()).toBe(1);
  });

  it('a claim without delivery has none; a bad provider is refused naming its field, nothing stored', async () => {
    const plain = await h.gql<{ submitClaim: { claim: { delivery: unknown } } }>(bureau, SUBMIT, { input: claimInput({ serviceDate: '2025-04-20' }) });
    expect(plain.data!.submitClaim.claim.delivery).toBeNull();
    const before = Number((await h.sql<{ n: string }>(`select count(*) as n from claims`))[0]!.n);
    const bad = await h.gql(bureau, SUBMIT, {
      input: claimInput({ serviceDate: '2025-05-10', delivery: { providerCode: '91350100M000100Y44', providerName: '' } }),
    });
    expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(fields(bad.errors)).toEqual(expect.arrayContaining(['input.delivery.providerCode', 'input.delivery.providerName']));
    const many = await h.gql<{ submitClaims: { index: number; error: { field: string } | null; result: { claim: { delivery: unknown } } | null }[] }>(
      bureau,
      MANY,
      {
        inputs: [
          claimInput({ patientId: 'P2', serviceDate: '2025-05-11', delivery: PROVIDER }),
          claimInput({ patientId: 'P2', serviceDate: '2025-05-12', delivery: { providerCode: 'nope', providerName: 'x' } }),
        ],
      },
    );
    expect(many.data!.submitClaims[0]!.result!.claim.delivery).toEqual({ providerCode: PROVIDER.providerCode });
    expect(many.data!.submitClaims[1]!.error!.field).toBe('inputs[1].delivery.providerCode');
    expect(Number((await h.sql<{ n: string }>(`select count(*) as n from claims`))[0]!.n)).toBe(before + 1);
    expect(await deliveries()).toBe(2);
  });

  it('the scorecard and the availability view count the delivered claims of each institution and district', async () => {
    const s = await h.gql<{ institutionScorecards: { scorecards: { institution: { id: string }; claims: number; deliveredClaims: number }[] } }>(
      bureau,
      SCORECARDS,
    );
    expect(s.errors).toBeUndefined();
    expect(s.data!.institutionScorecards.scorecards.find((c) => c.institution.id === 'I-LX-CHC')).toMatchObject({ claims: 3, deliveredClaims: 2 });
    const a = await h.gql<{
      drugAvailability: { institutions: { institution: { id: string }; claims: number; deliveredClaims: number }[]; districts: { deliveredClaims: number }[] };
    }>(bureau, AVAILABILITY);
    expect(a.errors).toBeUndefined();
    expect(a.data!.drugAvailability.institutions.find((r) => r.institution.id === 'I-LX-CHC')).toMatchObject({ claims: 3, deliveredClaims: 2 });
    expect(a.data!.drugAvailability.districts[0]!.deliveredClaims).toBe(2);
  });
});
