/**
 * Awareness and standardised management per disease and per quarter, against figures worked out by
 * hand from INDICATORS.md on the harness's data: awareness counts 按病种计 (a patient with both
 * diseases is one known hypertension patient under the hypertension filter, not two), each
 * disease's management is judged by its own follow-up rule, and the requirement is year to date
 * (standardised-management.v2: ≥ 1 face-to-face follow-up by the end of Q1, ≥ 2 by Q2, ≥ 3 by Q3,
 * ≥ 4 in the year). The rollups must still equal the raw tables (stats:check), but both could share
 * a mistake, so the figures are compared with the hand-computed ones, through both paths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/harness';
import { ensureMaterialised } from './rollup.build';
import { checkRollups, windowOf } from './rollup.check';
import { rawCountsByGroup } from './statistics.raw';
import { countsByGroup } from './statistics.repository';

let h: Harness;
let leader: string;
const em = () => h.orm.em.fork();

const FOLLOW_UP = `mutation($input: FollowUpInput!) { recordFollowUp(input: $input) }`;
const Q = `query($r: String!, $y: Int!, $q: Int, $d: DiseaseFilter) { statistics(regionCode: $r, year: $y, quarter: $q, disease: $d) {
  indicators { awareness { numerator denominator } standardisedManagement { numerator denominator definitionId } knownPatients } } }`;
type Rate = { numerator: number; denominator: number };
type S = { statistics: { indicators: { awareness: Rate; standardisedManagement: Rate & { definitionId: string }; knownPatients: number } } };

beforeAll(async () => {
  h = await startHarness();
  leader = await h.token({ role: 'city_leadership' });
  const bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  // Materialised first, so the follow-ups below move the rollups through the write path.
  await ensureMaterialised(em(), ['320213', '320281'], 2025);
  // P2 (hypertension and diabetes) had one face-to-face follow-up with a glucose (12 Jan) and one by phone (12 Apr);
  // three more face-to-face ones without a glucose (the harness's today is 2025-06-30) make 4 face-to-face in the year, 1 with a glucose.
  for (const date of ['2025-05-12', '2025-06-12', '2025-06-20']) {
    const r = await h.gql(bureau, FOLLOW_UP, { input: { patientId: 'P2', institutionId: 'I-LX-CHC', date, faceToFace: true, systolic: 132, diastolic: 82 } });
    expect(r.errors).toBeUndefined();
  }
});
afterAll(async () => h.close());

const stats = async (r: string, d: string, q: number | null = null) => {
  const res = await h.gql<S>(leader, Q, { r, y: 2025, q, d });
  expect(res.errors).toBeUndefined();
  return res.data!.statistics.indicators;
};

describe('awareness counts each disease once (按病种计)', () => {
  it('under one disease, a patient with both diseases is one known patient of that disease', async () => {
    // 梁溪区: P1 (75, hypertension), P2 (55, both); 10 000 residents ≥ 35 × 30 % / 12 %.
    expect((await stats('320213', 'HYPERTENSION')).awareness).toEqual({ numerator: 2, denominator: 3000 });
    expect((await stats('320213', 'DIABETES')).awareness).toEqual({ numerator: 1, denominator: 1200 });
    // Both diseases against both estimates: P1's hypertension, P2's hypertension and diabetes.
    expect((await stats('320213', 'ALL')).awareness).toEqual({ numerator: 3, denominator: 4200 });
    // The city: P3 in 江阴 (hypertension) adds one known hypertension patient.
    expect((await stats('320200', 'HYPERTENSION')).awareness.numerator).toBe(3);
  });

  it('under one disease the numerator is the known patients', async () => {
    for (const d of ['HYPERTENSION', 'DIABETES']) {
      for (const q of [1, 4, null]) {
        const i = await stats('320200', d, q);
        expect(i.awareness.numerator, `${d} Q${q}`).toBe(i.knownPatients);
      }
    }
  });
});

describe('standardised management per disease, year to date', () => {
  it('judges each disease by its own rule', async () => {
    // P1: 4 face-to-face by April. P2: 4 face-to-face by June, only one with a fasting glucose.
    expect((await stats('320213', 'HYPERTENSION')).standardisedManagement).toMatchObject({ numerator: 2, denominator: 2 });
    expect((await stats('320213', 'DIABETES')).standardisedManagement).toMatchObject({ numerator: 0, denominator: 1 });
    // A patient counted once for both diseases is managed to standard when each disease is.
    expect((await stats('320213', 'ALL')).standardisedManagement).toMatchObject({ numerator: 1, denominator: 2, definitionId: 'standardised-management.v2' });
  });

  it('the first quarter is not 0: one face-to-face follow-up by 31 March meets the year-to-date requirement', async () => {
    // Q1: P1 three face-to-face, P2 one, with a glucose (12 Jan): both meet ≥ 1, for each disease.
    expect((await stats('320213', 'ALL', 1)).standardisedManagement).toMatchObject({ numerator: 2, denominator: 2 });
    expect((await stats('320213', 'HYPERTENSION', 1)).standardisedManagement).toMatchObject({ numerator: 2, denominator: 2 });
    expect((await stats('320213', 'DIABETES', 1)).standardisedManagement).toMatchObject({ numerator: 1, denominator: 1 });
    // Q2 needs 2: P2's hypertension has four face-to-face; its diabetes still one with a glucose.
    expect((await stats('320213', 'HYPERTENSION', 2)).standardisedManagement).toMatchObject({ numerator: 2, denominator: 2 });
    expect((await stats('320213', 'DIABETES', 2)).standardisedManagement).toMatchObject({ numerator: 0, denominator: 1 });
    expect((await stats('320213', 'ALL', 2)).standardisedManagement).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('the raw-table path gives the same hand-computed figures, and the rollups equal the raw tables', async () => {
    for (const [d, q, known, standard] of [
      ['HYPERTENSION', 0, 2, 2],
      ['DIABETES', 0, 1, 0],
      ['HYPERTENSION', 1, 2, 2],
      ['DIABETES', 1, 1, 1],
      ['DIABETES', 2, 1, 0],
    ] as const) {
      const raw = (await rawCountsByGroup(em(), ['320213'], windowOf(2025, q), d, 'district')).get('320213')!;
      const rolled = (await countsByGroup(em(), ['320213'], windowOf(2025, q), d, 'district')).get('320213')!;
      expect([raw.knownPairs, raw.standardManaged], `${d} Q${q} raw`).toEqual([known, standard]);
      expect([rolled.knownPairs, rolled.standardManaged], `${d} Q${q} rollups`).toEqual([known, standard]);
    }
    const check = await checkRollups(em(), { years: [2025] });
    expect(check.mismatches).toEqual([]);
  });
});
