/**
 * Lists read only what a request selects (no count, no stored decision, no patient details when
 * none is asked for); what they leave out is read through the per-request loaders when a field
 * needs it. Both ways must answer the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../test/harness';
import { encodeCursor, listClaims } from '../modules/claims/claim.queries';
import { listPatients, patientCursor } from '../modules/patients/patient.queries';
import { createLoaders } from './loaders';

let h: Harness;
let bureau: string;
beforeAll(async () => {
  h = await startHarness();
  bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  for (const [i, drugCode] of ['amlodipine', 'amlodipine', 'metformin'].entries()) {
    const r = await h.gql(bureau, SUBMIT, { input: claimInput({ serviceDate: `2025-03-0${i + 1}` }, { drugCode }) });
    expect(r.errors).toBeUndefined();
  }
});
afterAll(async () => h.close());

describe('lean lists', () => {
  it('a lean claims page and its decisions through the loader equal the full page', async () => {
    const em = h.orm.em.fork();
    const full = await listClaims(em, { districts: ['320213'] }, 10, null);
    const lean = await listClaims(em, { districts: ['320213'] }, 10, null, { count: false, decision: false });
    expect(lean.totalCount).toBeNull();
    expect(full.totalCount).toBe(3);
    expect(lean.nodes.map((c) => c.decision)).toEqual([null, null, null]);
    const loaders = createLoaders(em);
    const decisions = await Promise.all(lean.nodes.map((c) => loaders.claimDecision.load(`${c.districtCode}|${c.id}`)));
    expect(decisions).toEqual(full.nodes.map((c) => c.decision));
    expect(decisions.some((d) => d!.hits.length > 0)).toBe(true);
  });

  it('a page and its count come in one statement: every page counts the whole list, an empty page included, and the pages join up to the list', async () => {
    const em = h.orm.em.fork();
    const claims = await listClaims(em, { districts: ['320213'] }, 10, null);
    const first = await listClaims(em, { districts: ['320213'] }, 2, null);
    expect([first.totalCount, first.nodes.length, first.hasNextPage]).toEqual([3, 2, true]);
    const last = await listClaims(em, { districts: ['320213'] }, 2, encodeCursor(first.nodes[1]!));
    expect([last.totalCount, last.nodes.length, last.hasNextPage]).toEqual([3, 1, false]);
    expect([...first.nodes, ...last.nodes].map((c) => c.id)).toEqual(claims.nodes.map((c) => c.id));
    const past = await listClaims(em, { districts: ['320213'] }, 2, encodeCursor(last.nodes[0]!));
    expect([past.totalCount, past.nodes, past.hasNextPage]).toEqual([3, [], false]);
    const none = await listClaims(em, { districts: ['320213', '320281'], institutionId: 'no-such-institution' }, 2, null);
    expect([none.totalCount, none.nodes, none.hasNextPage]).toEqual([0, [], false]);

    const all = await listPatients(em, { districts: ['320213', '320281'] }, 100, null);
    const page = await listPatients(em, { districts: ['320213', '320281'] }, 1, null);
    expect(page.totalCount).toBe(all.nodes.length);
    expect(page.nodes.map((p) => p.id)).toEqual([all.nodes[0]!.id]);
    const rest = await listPatients(em, { districts: ['320213', '320281'] }, 100, patientCursor(page.nodes[0]!));
    expect([rest.totalCount, rest.nodes.length]).toEqual([all.nodes.length, all.nodes.length - 1]);
    const beyond = await listPatients(em, { districts: ['320213', '320281'] }, 5, patientCursor(all.nodes.at(-1)!));
    expect([beyond.totalCount, beyond.nodes, beyond.hasNextPage]).toEqual([all.nodes.length, [], false]);
  });

  it('a lean patient page and its details through the loader equal the full page', async () => {
    const em = h.orm.em.fork();
    const full = await listPatients(em, { districts: ['320213', '320281'] }, 10, null);
    const lean = await listPatients(em, { districts: ['320213', '320281'] }, 10, null, { count: false, details: false });
    expect(lean.nodes.every((p) => !p.detailsLoaded)).toBe(true);
    const loaders = createLoaders(em);
    const details = await Promise.all(lean.nodes.map((p) => loaders.patientDetails.load(`${p.districtCode}|${p.id}`)));
    const pick = (p: { diseases: string[]; certified: boolean; certificateNo: string | null; designatedInstitutionId: string | null }) => ({
      diseases: p.diseases,
      certified: p.certified,
      certificateNo: p.certificateNo,
      designatedInstitutionId: p.designatedInstitutionId,
    });
    expect(details.map((d) => pick(d!))).toEqual(full.nodes.map(pick));
    expect(full.nodes.find((p) => p.id === 'P2')!.diseases).toEqual(['diabetes', 'hypertension']);
  });

  it('through GraphQL, a page with and without the optional fields answers the same rows', async () => {
    const a = await h.gql<{ claims: { nodes: { id: string; fundFen: number }[] }; patients: { nodes: { id: string }[] } }>(
      bureau,
      `{ claims(first: 10) { nodes { id fundFen } } patients(first: 10) { nodes { id } } }`,
    );
    const b = await h.gql<{
      claims: { totalCount: number; nodes: { id: string; fundFen: number; hits: { code: string }[] }[] };
      patients: { totalCount: number; nodes: { id: string; diseases: string[] }[] };
    }>(
      bureau,
      `{ claims(first: 10) { totalCount nodes { ...C } } patients(first: 10) { totalCount nodes { id ... on Patient { diseases } } } } fragment C on Claim { id fundFen hits { code } }`,
    );
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(b.data!.claims.nodes.map(({ id, fundFen }) => ({ id, fundFen }))).toEqual(a.data!.claims.nodes);
    expect(b.data!.patients.nodes.map((p) => p.id)).toEqual(a.data!.patients.nodes.map((p) => p.id));
    expect(b.data!.claims.totalCount).toBe(3);
    expect(b.data!.claims.nodes.flatMap((c) => c.hits.map((x) => x.code))).toContain('DUPLICATE_DISPENSING');
    expect(b.data!.patients.nodes.find((p) => p.id === 'P1')!.diseases).toEqual(['HYPERTENSION']);
  });
});
