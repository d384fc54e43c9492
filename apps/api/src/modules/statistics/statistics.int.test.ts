import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, startHarness, SUBMIT, type Harness } from '../../../test/harness';

let h: Harness;
let leader: string;
beforeAll(async () => {
  h = await startHarness();
  leader = await h.token({ role: 'city_leadership' });
  const bureau = await h.token({ role: 'district_bureau', districtCode: '320213' });
  await h.gql(bureau, SUBMIT, { input: claimInput({}, { amountFen: 1000 }) });
  await h.gql(bureau, SUBMIT, { input: claimInput({ patientId: 'P2', serviceDate: '2025-05-02' }, { drugCode: 'metformin', amountFen: 2000 }) });
});
afterAll(async () => h.close());

const Q = `query($r: String!, $y: Int!, $q: Int, $d: DiseaseFilter) { statistics(regionCode: $r, year: $y, quarter: $q, disease: $d) {
  indicators { awareness { numerator denominator rate definitionId } standardisedManagement { numerator denominator } rationalMedication { numerator denominator }
    bloodPressureControl { numerator denominator } glucoseControl { numerator denominator } benefitCoverage { numerator denominator } reimbursementRatio { numerator denominator rate }
    estimatedPatients knownPatients managedPatients certifiedPatients standardManagedPatients controlledPatients beneficiaries benefitUses drugCostFen compliantCostFen fundPaidFen }
  children { region { code } indicators { managedPatients knownPatients } } } }`;

type Rate = { numerator: number; denominator: number; rate: number | null; definitionId: string };
type S = {
  statistics: {
    indicators: { awareness: Rate; reimbursementRatio: Rate } & Record<string, unknown>;
    children: { region: { code: string }; indicators: { managedPatients: number; knownPatients: number } }[];
  };
};

describe('statistics equal the figures worked out by hand on the fixed data set', () => {
  it('梁溪区 2025, all patients', async () => {
    const r = await h.gql<S>(leader, Q, { r: '320213', y: 2025, d: 'ALL' });
    expect(r.errors).toBeUndefined();
    const i = r.data!.statistics.indicators;
    // P1 (75, hypertension) and P2 (55, both): 3 known patient-diseases over 10 000 × (30 % + 12 %) estimated.
    expect(i.awareness).toMatchObject({ numerator: 3, denominator: 4200, definitionId: 'awareness.v1' });
    expect(i.awareness.rate).toBeCloseTo(3 / 4200, 10);
    // P1 has 4 face-to-face follow-ups; P2 (diabetic) has one with a glucose.
    expect(i.standardisedManagement).toMatchObject({ numerator: 1, denominator: 2 });
    // P1 138/84 at 75 (< 150/90), P2 128/79: both controlled; P2's glucose 7.5 is not.
    expect(i.bloodPressureControl).toMatchObject({ numerator: 2, denominator: 2 });
    expect(i.glucoseControl).toMatchObject({ numerator: 0, denominator: 1 });
    expect(i.benefitCoverage).toMatchObject({ numerator: 2, denominator: 2 });
    expect(i.rationalMedication).toMatchObject({ numerator: 2, denominator: 2 });
    expect(i.reimbursementRatio).toMatchObject({ numerator: 1800, denominator: 3000 });
    expect(i.reimbursementRatio.rate).toBeCloseTo(0.6, 10);
    expect(i).toMatchObject({
      estimatedPatients: 4200,
      knownPatients: 2,
      managedPatients: 2,
      certifiedPatients: 2,
      standardManagedPatients: 1,
      controlledPatients: 1,
      beneficiaries: 2,
      benefitUses: 2,
      drugCostFen: 3000,
      fundPaidFen: 1800,
    });
  });

  it('the city is the sum of its districts’ counts, not an average of rates', async () => {
    const r = await h.gql<S>(leader, Q, { r: '320200', y: 2025, d: 'ALL' });
    const i = r.data!.statistics.indicators;
    expect(i.awareness).toMatchObject({ numerator: 4, denominator: 12600 });
    expect(i).toMatchObject({ knownPatients: 3, managedPatients: 2, certifiedPatients: 3 });
    expect(r.data!.statistics.children.map((c) => [c.region.code, c.indicators.knownPatients])).toEqual([
      ['320213', 2],
      ['320281', 1],
    ]);
  });

  it('filters by disease and by quarter', async () => {
    const dm = await h.gql<S>(leader, Q, { r: '320213', y: 2025, d: 'DIABETES' });
    expect(dm.data!.statistics.indicators).toMatchObject({ managedPatients: 1, beneficiaries: 1, fundPaidFen: 1200 });
    const q1 = await h.gql<S>(leader, Q, { r: '320213', y: 2025, q: 1, d: 'ALL' });
    expect(q1.data!.statistics.indicators).toMatchObject({ benefitUses: 0, fundPaidFen: 0 });
    const q2 = await h.gql<S>(leader, Q, { r: '320213', y: 2025, q: 2, d: 'ALL' });
    expect(q2.data!.statistics.indicators).toMatchObject({ benefitUses: 2, fundPaidFen: 1800 });
  });

  it('the quarterly report (附件5) splits by category and disease', async () => {
    const r = await h.gql<{
      quarterlyReport: {
        rows: { category: string; disease: string; managedPatients: number; beneficiaries: number; drugCostFen: number }[];
        excelPath: string;
      };
    }>(
      leader,
      `{ quarterlyReport(regionCode: "320213", year: 2025, quarter: 2) { rows { category disease managedPatients beneficiaries drugCostFen } excelPath } }`,
    );
    const rows = r.data!.quarterlyReport.rows;
    // per line by the drug: P2's metformin claim is a diabetes use, not a hypertension one (quarterly.ts)
    expect(rows.find((x) => x.category === 'SPECIAL' && x.disease === 'HYPERTENSION')).toMatchObject({
      managedPatients: 2,
      beneficiaries: 1,
      drugCostFen: 1000,
    });
    expect(rows.find((x) => x.category === 'SPECIAL' && x.disease === 'DIABETES')).toMatchObject({ managedPatients: 1, beneficiaries: 1, drugCostFen: 2000 });
    const res = await fetch(`${h.server.url}${r.data!.quarterlyReport.excelPath}`, { headers: { authorization: `Bearer ${leader}` } });
    expect(res.status).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 2).toString()).toBe('PK');
  });
});
