/**
 * Issue 16's "Done when": the API booted as main.ts boots it, in production mode, on an EMPTY
 * PostgreSQL, with tokens of a test identity provider (RS256, jwks.ts) mapped by JWT_CLAIM_MAP,
 * builds Guiyang's 南明区 from nothing through GraphQL only — regions, institutions (a level-2
 * hospital by hand, the primary institutions by import, the 两病 qualification granted), the
 * district's population figure, the roster (import, bulk certification), a certificate by hand,
 * designations, follow-ups, claims (an extension claim on a recorded level-2 prescription, G-5; a
 * restricted drug refused, then paid once the finding is recorded), configuration — then corrects
 * a patient's insurance scheme, records a death, revokes a certificate, and checks every statistic
 * against figures computed by hand below from the definitions of /work/shared/INDICATORS.md, and
 * the rollups against the raw tables (stats:check). SQL is used only to read: to show the
 * database empty at start and for checkRollups.
 *
 * Guiyang's ratio and cap are not in the sources (G-4): the first API runs without them and
 * refuses a claim NOT_CONFIGURED; the bureau then writes its override file and restarts the API
 * on the same database (README "Switching on a real deployment", step 1), and the same claim is
 * decided. The override's values are this test's, not policy.
 *
 * The two runs' "today": the programme is switched on on 2025-01-15 (certification in bulk is
 * dated today, G-2), and the year is lived through and reported on 2025-12-31.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleSetOverride } from '@liangbing/policy';
import { checkRollups } from '../src/modules/statistics/rollup.check';
import { emptyDatabase, type GqlResponse } from './common';
import { startTestProvider, type TestProvider } from './jwks';
import { startProductionApi, type ProductionApi } from './production';

const CITY = '520100';
const DISTRICT = '520102';
const S1 = '520102001';
const S2 = '520102002';
const H2 = 'NM-H2';
const CHC1 = 'NM-CHC1';
const CHC2 = 'NM-CHC2';

/** The provider's own claim names, mapped as a bureau's engineer would (README step 1). */
const CLAIM_MAP = JSON.stringify({ userId: 'preferred_username', role: 'lb_role', city: { value: CITY }, district: 'lb_district', institution: 'lb_org' });

/** This test's benefit levels for Guiyang (G-4): values of the test, not policy. */
const OVERRIDE: RuleSetOverride = {
  name: 'nanming-test-levels',
  description: 'benefit levels of the production test (not policy)',
  ruleSetId: 'guiyang-2021',
  source: { document: 'production.int.test.ts', section: 'OVERRIDE', note: 'test values standing in for 黔医保发〔2019〕54号 / 筑医保发〔2021〕1号' },
  parameters: {
    ratioDesignatedBp: 6000,
    ratioReferralBp: 5000,
    ratioExtensionBp: 5000,
    capOneDiseaseFen: 50_000,
    capBothDiseasesFen: 70_000,
    deductibleFen: 0,
  },
};

/** GB 11643: the check digit of 17 digits. */
function residentId(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

/** The district's people: registered on the insurance rolls (P1–P5) or only on the health commission's list (P6). */
const PEOPLE = {
  P1: {
    name: '王建国',
    rid: residentId('52010219500301001'),
    birth: '1950-03-01',
    street: S1,
    inst: CHC1,
    diseases: [{ disease: 'HYPERTENSION', diagnosedOn: '2015-03-01' }],
  },
  P2: {
    name: '李秀英',
    rid: residentId('52010219700701002'),
    birth: '1970-07-01',
    street: S1,
    inst: CHC1,
    diseases: [
      { disease: 'HYPERTENSION', diagnosedOn: '2016-04-01' },
      { disease: 'DIABETES', diabetesType: 'TYPE2', diagnosedOn: '2018-05-01' },
    ],
  },
  P3: {
    name: '张伟',
    rid: residentId('52010219800505003'),
    birth: '1980-05-05',
    street: S2,
    inst: CHC2,
    diseases: [{ disease: 'DIABETES', diabetesType: 'TYPE2', diagnosedOn: '2019-06-01' }],
  },
  P4: {
    name: '刘芳',
    rid: residentId('52010219620202004'),
    birth: '1962-02-02',
    street: S2,
    inst: CHC2,
    diseases: [{ disease: 'HYPERTENSION', diagnosedOn: '2017-07-01' }],
  },
  P5: {
    name: '陈静',
    rid: residentId('52010219920909005'),
    birth: '1992-09-09',
    street: S1,
    inst: CHC1,
    diseases: [{ disease: 'HYPERTENSION', diagnosedOn: '2021-08-01' }],
  },
} as const;
const P6 = { name: '赵强', rid: residentId('52010219580808006') };

type Problem = { message: string; extensions: Record<string, unknown> };
function ok<T>(r: GqlResponse<T>): T {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
}
function refused<T>(r: GqlResponse<T>): Problem {
  expect(r.errors?.length, JSON.stringify(r.data)).toBeGreaterThan(0);
  return r.errors![0]!;
}

const SUBMIT = `mutation($input: SubmitClaimInput!) { submitClaim(input: $input) { replayed claim { id status outcome amountFen compliantFen fundFen ratioBp rationalUse hits { code ruleId } } } }`;
type Submitted = {
  submitClaim: {
    replayed: boolean;
    claim: {
      id: string;
      status: string;
      outcome: string;
      amountFen: number;
      compliantFen: number;
      fundFen: number;
      ratioBp: number;
      rationalUse: boolean;
      hits: { code: string; ruleId: string }[];
    };
  };
};
const claim = (
  key: string,
  patientId: string,
  institutionId: string,
  serviceDate: string,
  lines: { drugCode: string; amountFen: number }[],
  over: Record<string, unknown> = {},
) => ({
  idempotencyKey: key,
  patientId,
  institutionId,
  serviceDate,
  pathway: 'DESIGNATED',
  lines: lines.map((l) => ({ drugCode: l.drugCode, form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: l.amountFen })),
  ...over,
});

const RATE = `numerator denominator rate unavailableReason missingDistricts`;
const STATS = `query($r: String!, $y: Int!, $q: Int, $d: DiseaseFilter!) { statistics(regionCode: $r, year: $y, quarter: $q, disease: $d) {
  institutionId
  indicators { awareness { ${RATE} } standardisedManagement { ${RATE} } rationalMedication { ${RATE} } bloodPressureControl { ${RATE} } glucoseControl { ${RATE} }
    benefitCoverage { ${RATE} } reimbursementRatio { ${RATE} } adherence { ${RATE} }
    estimatedPatients knownPatients managedPatients certifiedPatients standardManagedPatients controlledPatients beneficiaries benefitUses drugCostFen compliantCostFen fundPaidFen }
  children { region { code } indicators { managedPatients fundPaidFen awareness { denominator unavailableReason } } } } }`;
type RateV = { numerator: number; denominator: number | null; rate: number | null; unavailableReason: string | null; missingDistricts: string[] | null };
type Indicators = Record<
  | 'awareness'
  | 'standardisedManagement'
  | 'rationalMedication'
  | 'bloodPressureControl'
  | 'glucoseControl'
  | 'benefitCoverage'
  | 'reimbursementRatio'
  | 'adherence',
  RateV
> & {
  estimatedPatients: number | null;
  knownPatients: number;
  managedPatients: number;
  certifiedPatients: number;
  standardManagedPatients: number;
  controlledPatients: number;
  beneficiaries: number;
  benefitUses: number;
  drugCostFen: number;
  compliantCostFen: number;
  fundPaidFen: number;
};
type Stats = {
  statistics: {
    institutionId: string | null;
    indicators: Indicators;
    children: {
      region: { code: string };
      indicators: { managedPatients: number; fundPaidFen: number; awareness: { denominator: number | null; unavailableReason: string | null } };
    }[];
  };
};

/** numerator / denominator as the API gives it: both, and the rate divided from them. */
const r = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator === 0 ? null : numerator / denominator });

let provider: TestProvider;
let db: { url: string; drop: () => Promise<void> };
let dir: string;
let api: ProductionApi;
const tokens: Record<string, string> = {};
/** ids the API returned, used by later steps */
const ids: Record<string, string> = {};

const sign = (sub: string, role: string, extra: Record<string, string> = {}) => provider.sign({ preferred_username: sub, lb_role: role, ...extra });

beforeAll(async () => {
  provider = await startTestProvider();
  db = await emptyDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'liangbing-production-'));
  tokens.leader = await sign('gy-leader', 'city_leadership');
  tokens.bureau = await sign('nm-bureau', 'district_bureau', { lb_district: DISTRICT });
  tokens.h2 = await sign('nm-h2-doctor', 'institution_operator', { lb_district: DISTRICT, lb_org: H2 });
  tokens.chc1 = await sign('nm-chc1-doctor', 'institution_operator', { lb_district: DISTRICT, lb_org: CHC1 });
  tokens.chc2 = await sign('nm-chc2-doctor', 'institution_operator', { lb_district: DISTRICT, lb_org: CHC2 });
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
  await provider?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const boot = (today: string, env: Record<string, string> = {}) =>
  startProductionApi({ JWT_CLAIM_MAP: CLAIM_MAP, ...env }, { today: () => today, provider, database: db });

describe('a district switched on from nothing in production mode (issue 16)', () => {
  it('1. starts on the empty database: no demo data, no demo doors, Guiyang listed as not configured', async () => {
    api = await boot('2025-01-15');
    expect(api.log).toContain('api: production mode');
    // Only the rule sets' cities, which a city's regions are created under (modules/regions/cities.ts).
    expect(await api.sql(`select code, level from regions order by code`)).toEqual([
      { code: '320200', level: 'city' },
      { code: CITY, level: 'city' },
    ]);
    for (const t of ['institutions', 'patients', 'claims', 'follow_ups', 'population_figures', 'audit_log']) {
      expect(Number((await api.sql<{ n: string }>(`select count(*) as n from ${t}`))[0]!.n), t).toBe(0);
    }
    const demo = await fetch(`${api.url}/demo-tokens`);
    expect(demo.status).toBe(404);
    const d = ok(
      await api.gql<{ deployment: { mode: string; demoData: boolean; placeholderRates: boolean; notConfigured: { ruleSetId: string; setting: string }[] } }>(
        tokens.leader!,
        `{ deployment { mode demoData placeholderRates notConfigured { ruleSetId setting } } }`,
      ),
    );
    expect(d.deployment).toMatchObject({ mode: 'PRODUCTION', demoData: false, placeholderRates: false });
    expect(d.deployment.notConfigured).toEqual([{ ruleSetId: 'guiyang-2021', setting: 'POLICY_OVERRIDES_FILE' }]);
    // The viewer is the provider's token mapped by JWT_CLAIM_MAP.
    expect(ok(await api.gql<{ viewer: unknown }>(tokens.bureau!, `{ viewer { userId role cityCode districtCode } }`)).viewer).toEqual({
      userId: 'nm-bureau',
      role: 'DISTRICT_BUREAU',
      cityCode: CITY,
      districtCode: DISTRICT,
    });
  });

  it('2. the city leadership creates the district and its streets', async () => {
    const CREATE = `mutation($i: CreateRegionInput!) { createRegion(input: $i) { code level parentCode cityCode } }`;
    ok(await api.gql(tokens.leader!, CREATE, { i: { code: DISTRICT, name: '南明区', level: 'DISTRICT', parentCode: CITY } }));
    ok(await api.gql(tokens.leader!, CREATE, { i: { code: S1, name: '花果园街道', level: 'STREET', parentCode: DISTRICT } }));
    ok(await api.gql(tokens.leader!, CREATE, { i: { code: S2, name: '中华南路街道', level: 'STREET', parentCode: DISTRICT } }));
    const tree = ok(
      await api.gql<{ regions: { code: string; children: { code: string; children: { code: string }[] }[] }[] }>(
        tokens.leader!,
        `{ regions { code children { code children { code } } } }`,
      ),
    );
    expect(tree.regions).toEqual([{ code: CITY, children: [{ code: DISTRICT, children: [{ code: S1 }, { code: S2 }] }] }]);
  });

  it('3. institutions: the level-2 hospital by hand, the primary institutions by import, the 两病 qualification granted', async () => {
    const h = ok(
      await api.gql<{ createInstitution: { id: string; level: string } }>(
        tokens.bureau!,
        `mutation($i: CreateInstitutionInput!) { createInstitution(input: $i) { id level } }`,
        {
          i: { id: H2, name: '南明区人民医院', level: 'LEVEL2_HOSPITAL', districtCode: DISTRICT, streetCode: S1, insuranceDesignated: true },
        },
      ),
    );
    expect(h.createInstitution).toEqual({ id: H2, level: 'LEVEL2_HOSPITAL' });
    // CHC1 qualified to treat 两病 on the list; CHC2 not yet (it dispenses on extension prescriptions until qualified).
    const csv = [
      '机构编码,机构名称,机构级别,区县编码,街道编码,医联体编码,可开展两病诊疗,医保定点,诊疗资格日期,诊疗资格依据',
      `${CHC1},花果园社区卫生服务中心,社区卫生服务中心,${DISTRICT},${S1},,是,是,2025-01-01,南明区卫健局〔2024〕12号`,
      `${CHC2},中华南路社区卫生服务中心,社区卫生服务中心,${DISTRICT},${S2},,否,是,,`,
    ].join('\n');
    const IMPORT = `mutation($i: ImportInstitutionsInput!) { importInstitutions(input: $i) { applied totalRows created granted problems { rowNo column code } } }`;
    // A bad row is named by row and column, and nothing is stored.
    const bad = ok(
      await api.gql<{ importInstitutions: { applied: boolean; problems: { rowNo: number; column: string; code: string }[] } }>(tokens.bureau!, IMPORT, {
        i: { csv: csv.replace('社区卫生服务中心,520102,520102002', '诊所,520102,520102002') },
      }),
    );
    expect(bad.importInstitutions.applied).toBe(false);
    expect(bad.importInstitutions.problems).toEqual([expect.objectContaining({ rowNo: 3, column: '机构级别' })]);
    const good = ok(await api.gql<{ importInstitutions: Record<string, unknown> }>(tokens.bureau!, IMPORT, { i: { csv } }));
    expect(good.importInstitutions).toEqual({ applied: true, totalRows: 2, created: 2, granted: 1, problems: [] });
    const grant = ok(
      await api.gql<{ grantTwoDiseaseTreatment: { canTreatTwoDiseases: boolean } }>(
        tokens.bureau!,
        `mutation { grantTwoDiseaseTreatment(institutionId: "${CHC2}", from: "2025-01-01", source: "南明区卫健局〔2025〕3号") { canTreatTwoDiseases } }`,
      ),
    );
    expect(grant.grantTwoDiseaseTreatment.canTreatTwoDiseases).toBe(true);
  });

  it('4. the population figure that gives awareness its denominator', async () => {
    const STATS_AWARE = `{ statistics(regionCode: "${DISTRICT}", year: 2025) { indicators { awareness { denominator rate unavailableReason missingDistricts } } } }`;
    // Before the figure: no denominator, and it says why (never 0).
    const before = ok(await api.gql<Stats>(tokens.bureau!, STATS_AWARE));
    expect(before.statistics.indicators.awareness).toEqual({
      denominator: null,
      rate: null,
      unavailableReason: `no population figure for ${DISTRICT} in 2025`,
      missingDistricts: [DISTRICT],
    });
    // 400 residents aged ≥ 35; 25 % hypertension, 10 % diabetes (this test's figures): 100 and 40 estimated patients.
    const f = ok(
      await api.gql<{ setPopulationFigure: Record<string, unknown> }>(
        tokens.bureau!,
        `mutation($i: SetPopulationFigureInput!) { setPopulationFigure(input: $i) { revision estimatedHypertensionPatients estimatedDiabetesPatients } }`,
        {
          i: {
            districtCode: DISTRICT,
            year: 2025,
            population35Plus: 400,
            hypertensionPrevalenceBp: 2500,
            diabetesPrevalenceBp: 1000,
            source: '测试数据：南明区35岁以上常住人口与患病率（非真实人口）',
          },
        },
      ),
    );
    expect(f.setPopulationFigure).toEqual({ revision: 1, estimatedHypertensionPatients: 100, estimatedDiabetesPatients: 40 });
  });

  it('5. the insurance rolls, the health commission’s list, certification and designation', async () => {
    const REGISTER = `mutation($i: RegisterPatientInput!) { registerPatient(input: $i) { id } }`;
    for (const [id, p] of Object.entries(PEOPLE)) {
      ok(
        await api.gql(tokens.bureau!, REGISTER, {
          i: {
            id,
            residentId: p.rid,
            name: p.name,
            scheme: 'RESIDENT',
            streetCode: p.street,
            managed: true,
            managedSince: '2024-06-01',
            managingInstitutionId: p.inst,
            diseases: p.diseases,
          },
        }),
      );
    }
    // The list: P1, P2, P3, P5 insured and not certified; P6 unknown to the insurance rolls. P4 is certified by hand below.
    const roster = [
      '身份证号,姓名,病种,管理机构编码',
      `${PEOPLE.P1.rid},${PEOPLE.P1.name},高血压,${CHC1}`,
      `${PEOPLE.P2.rid},${PEOPLE.P2.name},高血压、糖尿病,${CHC1}`,
      `${PEOPLE.P3.rid},${PEOPLE.P3.name},糖尿病,${CHC2}`,
      `${PEOPLE.P5.rid},${PEOPLE.P5.name},高血压,${CHC1}`,
      `${P6.rid},${P6.name},高血压,${CHC2}`,
    ].join('\n');
    const imp = ok(
      await api.gql<{ importRoster: { problems: unknown[]; import: { id: string; counts: { outcome: string; count: number }[] } } }>(
        tokens.bureau!,
        `mutation($csv: String!) { importRoster(districtCode: "${DISTRICT}", csv: $csv, fileName: "nanming-2025.csv") { problems { rowNo code } import { id counts { outcome count } } } }`,
        { csv: roster },
      ),
    );
    expect(imp.importRoster.problems).toEqual([]);
    expect(Object.fromEntries(imp.importRoster.import.counts.filter((c) => c.count > 0).map((c) => [c.outcome, c.count]))).toEqual({
      TO_CERTIFY: 4,
      TO_MOBILISE: 1,
    });
    const cert = ok(
      await api.gql<{ certifyInBulk: { certified: number } }>(
        tokens.bureau!,
        `mutation { certifyInBulk(importId: "${imp.importRoster.import.id}") { certified } }`,
      ),
    );
    expect(cert.certifyInBulk.certified).toBe(4);
    ok(
      await api.gql(
        tokens.bureau!,
        `mutation { certifyPatient(patientId: "P4", certificateNo: "NM-2025-0004", certifiedOn: "2025-01-15", institutionId: "${CHC2}", diseases: [HYPERTENSION]) { id } }`,
      ),
    );
    for (const [id, p] of Object.entries(PEOPLE)) {
      ok(
        await api.gql(
          tokens.bureau!,
          `mutation { designateInstitution(patientId: "${id}", institutionId: "${p.inst}", effectiveFrom: "2025-01-15", atEnrolment: true) { id } }`,
        ),
      );
    }
    const p5 = ok(
      await api.gql<{ patient: { certified: boolean; certificateNo: string; designatedInstitutionId: string } }>(
        tokens.bureau!,
        `{ patient(id: "P5") { certified certificateNo designatedInstitutionId } }`,
      ),
    );
    expect(p5.patient).toMatchObject({ certified: true, designatedInstitutionId: CHC1 });
    ids.p5Certificate = p5.patient.certificateNo;
  });

  it('6. a Guiyang claim is refused NOT_CONFIGURED while the ratio and cap are unset, and nothing is stored', async () => {
    const e = refused(
      await api.gql<Submitted>(tokens.chc1!, SUBMIT, { input: claim('c1', 'P1', CHC1, '2025-01-15', [{ drugCode: 'amlodipine', amountFen: 3000 }]) }),
    );
    expect(e.extensions.code).toBe('NOT_CONFIGURED');
    expect(e.message).toContain('POLICY_OVERRIDES_FILE');
    expect(e.message).toContain('ratioDesignatedBp');
    expect(Number((await api.sql<{ n: string }>(`select count(*) as n from claims`))[0]!.n)).toBe(0);
  });

  it('7. the bureau writes its override file and restarts the API on the same database: nothing is lost, Guiyang is configured', async () => {
    await api.close();
    const file = path.join(dir, 'overrides.json');
    writeFileSync(file, JSON.stringify([OVERRIDE]));
    api = await boot('2025-12-31', { POLICY_OVERRIDES_FILE: file });
    const d = ok(
      await api.gql<{ deployment: { overrides: { name: string }[]; notConfigured: unknown[] } }>(
        tokens.leader!,
        `{ deployment { overrides { name } notConfigured { ruleSetId } } }`,
      ),
    );
    expect(d.deployment).toEqual({ overrides: [{ name: OVERRIDE.name }], notConfigured: [] });
    // The claim refused before, under the same key: decided now, 60 % of 3,000 fen.
    const c1 = ok(
      await api.gql<Submitted>(tokens.chc1!, SUBMIT, { input: claim('c1', 'P1', CHC1, '2025-01-15', [{ drugCode: 'amlodipine', amountFen: 3000 }]) }),
    );
    expect(c1.submitClaim).toMatchObject({ replayed: false, claim: { outcome: 'paid', compliantFen: 3000, fundFen: 1800, ratioBp: 6000 } });
  });

  it("8. the year's follow-ups, recorded by the managing institutions", async () => {
    const FU = `mutation($i: FollowUpInput!) { recordFollowUp(input: $i) }`;
    // [patient, date, face to face, systolic, diastolic, fasting glucose mmol/L]
    const visits: [keyof typeof PEOPLE, string, boolean, number | null, number | null, number | null][] = [
      ['P1', '2025-02-10', true, 150, 95, null],
      ['P1', '2025-05-10', true, 148, 88, null],
      ['P1', '2025-08-10', true, 145, 86, null],
      ['P1', '2025-11-10', true, 142, 85, null],
      ['P2', '2025-02-15', true, 138, 86, 7.4],
      ['P2', '2025-05-15', true, 136, 85, 7.1],
      ['P2', '2025-08-15', true, 134, 84, null],
      ['P2', '2025-11-15', true, 135, 85, 6.8],
      ['P3', '2025-01-20', true, null, null, 8.1],
      ['P3', '2025-04-20', true, null, null, 7.8],
      ['P3', '2025-07-20', true, null, null, 7.5],
      ['P4', '2025-03-01', true, 152, 94, null],
      ['P4', '2025-06-01', true, 151, 93, null],
      ['P4', '2025-09-01', true, 150, 92, null],
      ['P5', '2025-01-10', true, 128, 82, null],
      ['P5', '2025-04-10', false, 132, 84, null],
      ['P5', '2025-07-10', true, 131, 83, null],
      ['P5', '2025-10-10', true, 130, 80, null],
    ];
    for (const [patientId, date, faceToFace, systolic, diastolic, glucose] of visits) {
      const inst = PEOPLE[patientId].inst;
      ok(
        await api.gql(inst === CHC1 ? tokens.chc1! : tokens.chc2!, FU, {
          i: { patientId, institutionId: inst, date, faceToFace, systolic, diastolic, fastingGlucoseMmol: glucose },
        }),
      );
    }
    // An operator records at its own institution only.
    expect(
      refused(
        await api.gql(tokens.chc1!, FU, { i: { patientId: 'P4', institutionId: CHC2, date: '2025-12-01', faceToFace: true, systolic: 140, diastolic: 85 } }),
      ).extensions.code,
    ).toBe('FORBIDDEN');
  });

  it('9. claims: designated, an extension on a recorded level-2 prescription (G-5), a restricted drug refused then paid once its finding is recorded', async () => {
    const paid = async (token: string, input: ReturnType<typeof claim>) => ok(await api.gql<Submitted>(token, SUBMIT, { input })).submitClaim.claim;
    // 60 % (ratioDesignatedBp of the override) of the compliant cost, rounded down to the fen.
    expect(await paid(tokens.chc1!, claim('c2', 'P1', CHC1, '2025-04-15', [{ drugCode: 'amlodipine', amountFen: 3000 }]))).toMatchObject({
      outcome: 'paid',
      fundFen: 1800,
    });
    expect(
      await paid(
        tokens.chc1!,
        claim('c3', 'P2', CHC1, '2025-03-01', [
          { drugCode: 'amlodipine', amountFen: 2000 },
          { drugCode: 'metformin', amountFen: 1500 },
        ]),
      ),
    ).toMatchObject({ outcome: 'paid', fundFen: 2100 });
    expect(await paid(tokens.chc2!, claim('c4', 'P3', CHC2, '2025-03-10', [{ drugCode: 'metformin', amountFen: 1200 }]))).toMatchObject({
      outcome: 'paid',
      fundFen: 720,
    });

    // G-5: an extension claim without its source prescription is refused; the hospital records it, and the claim naming it is paid at 50 %.
    const ext = { pathway: 'EXTENSION', conditionStable: true };
    const noSource = await paid(tokens.chc2!, claim('c5-none', 'P4', CHC2, '2025-05-20', [{ drugCode: 'amlodipine', amountFen: 2500 }], ext));
    // Refused at claim level (G-5 五(二)4): stored and decided, no compliant cost, no rational-use check failed (rationalUse stays true); but no
    // 两病 claim the benefit settled, so it counts in neither 结算药品费用 (drug-cost.v2) nor 合理用药率 (rational-medication.v2): see step 12.
    expect(noSource).toMatchObject({ outcome: 'not_paid', amountFen: 2500, compliantFen: 0, fundFen: 0, rationalUse: true });
    expect(noSource.hits.map((h) => h.code)).toEqual(['EXTENSION_NO_SOURCE']);
    const rx = ok(
      await api.gql<{ recordPrescription: { prescription: { id: string; drugCodes: string[] } } }>(
        tokens.h2!,
        `mutation($i: RecordPrescriptionInput!) { recordPrescription(input: $i) { prescription { id drugCodes } } }`,
        {
          i: { patientId: 'P4', institutionId: H2, issuedOn: '2025-05-01', drugs: ['氨氯地平'], diseases: ['HYPERTENSION'], prescriptionNo: 'NM-H2-RX-0001' },
        },
      ),
    );
    expect(rx.recordPrescription.prescription.drugCodes).toEqual(['amlodipine']);
    ids.rx = rx.recordPrescription.prescription.id;
    expect(
      await paid(tokens.chc2!, claim('c5', 'P4', CHC2, '2025-05-21', [{ drugCode: 'amlodipine', amountFen: 2500 }], { ...ext, sourcePrescriptionId: ids.rx })),
    ).toMatchObject({ outcome: 'paid', fundFen: 1250, ratioBp: 5000 });

    // 附件3 序号44 替米沙坦氨氯地平: 限对其它血管紧张素II拮抗剂治疗不能耐受或疗效不佳的患者.
    const restricted = [{ drugCode: 'telmisartan+amlodipine', amountFen: 4000 }];
    const before = await paid(tokens.chc1!, claim('c6', 'P5', CHC1, '2025-06-01', restricted));
    expect(before).toMatchObject({ outcome: 'not_paid', compliantFen: 0, fundFen: 0, rationalUse: false });
    expect(before.hits.map((h) => h.code)).toEqual(['RESTRICTION_NOT_MET']);
    ok(
      await api.gql(tokens.h2!, `mutation($i: RecordFindingInput!) { recordFinding(input: $i) { finding { id } } }`, {
        i: { patientId: 'P5', code: 'arb_intolerant_or_ineffective', recordedOn: '2025-06-05', institutionId: H2, source: '南明区人民医院门诊病历 2025-06-05' },
      }),
    );
    expect(await paid(tokens.chc1!, claim('c7', 'P5', CHC1, '2025-06-10', restricted))).toMatchObject({
      outcome: 'paid',
      compliantFen: 4000,
      fundFen: 2400,
      rationalUse: true,
    });
    expect(await paid(tokens.chc1!, claim('c8', 'P1', CHC1, '2025-10-15', [{ drugCode: 'amlodipine', amountFen: 3000 }]))).toMatchObject({
      outcome: 'paid',
      fundFen: 1800,
    });
  });

  it('10. reality changes: P4 moves to the employees’ scheme, P3 dies, P5’s certificate is revoked', async () => {
    const scheme = ok(
      await api.gql<{ changeInsuranceScheme: { scheme: string; schemeChanges: { scheme: string; effectiveFrom: string }[] } }>(
        tokens.bureau!,
        `mutation { changeInsuranceScheme(patientId: "P4", scheme: EMPLOYEE, effectiveFrom: "2025-11-01", reason: "参加职工医保（新单位）") { scheme schemeChanges { scheme effectiveFrom } } }`,
      ),
    );
    expect(scheme.changeInsuranceScheme.schemeChanges).toContainEqual({ scheme: 'EMPLOYEE', effectiveFrom: '2025-11-01' });
    const death = ok(
      await api.gql<{ recordDeath: { paidClaimsAfter: string[]; patient: { departure: { on: string } } } }>(
        tokens.bureau!,
        `mutation { recordDeath(patientId: "P3", on: "2025-10-15", note: "死亡医学证明") { paidClaimsAfter patient { departure { on } } } }`,
      ),
    );
    expect(death.recordDeath).toEqual({ paidClaimsAfter: [], patient: { departure: { on: '2025-10-15' } } });
    const revoked = ok(
      await api.gql<{ revokeCertificate: { certified: boolean } }>(
        tokens.bureau!,
        `mutation($no: String!) { revokeCertificate(patientId: "P5", certificateNo: $no, on: "2025-12-01", reason: "复核不符合认定标准") { certified } }`,
        { no: ids.p5Certificate },
      ),
    );
    expect(revoked.revokeCertificate.certified).toBe(false);
    const history = ok(
      await api.gql<{ patient: { history: { action: string; by: string }[] } }>(tokens.bureau!, `{ patient(id: "P5") { history { action by } } }`),
    );
    expect(history.patient.history).toContainEqual({ action: 'certificate_revoke', by: 'nm-bureau' });
  });

  it('11. configuration: the leadership sets a dashboard target and the district’s budget; each shows where it is used, with its source', async () => {
    const TARGETS = `{ headlineTargets(regionCode: "${DISTRICT}", year: 2025) { indicator value setting { value validFrom source { kind document section } setBy } } }`;
    type Targets = {
      headlineTargets: {
        indicator: string;
        value: number | null;
        setting: { value: unknown; validFrom: string; source: { kind: string; document: string | null; section: string | null }; setBy: string } | null;
      }[];
    };
    // In production no placeholder seed is used: no target until the bureau sets one.
    expect(ok(await api.gql<Targets>(tokens.bureau!, TARGETS)).headlineTargets.find((t) => t.indicator === 'awareness')?.value).toBeNull();
    ok(
      await api.gql(
        tokens.leader!,
        `mutation($v: JSON!) { setConfigurationValue(cityCode: "${CITY}", key: "dashboard.target.awareness", validFrom: "2025-01-01", value: $v, source: { kind: DOCUMENT, document: "贵阳市两病工作方案（测试）", section: "二" }) { id } }`,
        { v: 0.6 },
      ),
    );
    const set = ok(await api.gql<Targets>(tokens.bureau!, TARGETS)).headlineTargets.find((t) => t.indicator === 'awareness')!;
    expect(set).toEqual({
      indicator: 'awareness',
      value: 0.6,
      setting: { value: 0.6, validFrom: '2025-01-01', source: { kind: 'document', document: '贵阳市两病工作方案（测试）', section: '二' }, setBy: 'gy-leader' },
    });
    const BUDGET = `mutation($fen: Fen!, $src: String!) { setFundBudget(input: { districtCode: "${DISTRICT}", year: 2025, budgetFen: $fen, source: $src }) { budgetFen history { budgetFen } } }`;
    ok(await api.gql(tokens.leader!, BUDGET, { fen: 5_000_000, src: '2025年预算（测试）' }));
    const again = ok(
      await api.gql<{ setFundBudget: { budgetFen: number; history: { budgetFen: number }[] } }>(tokens.leader!, BUDGET, {
        fen: 6_000_000,
        src: '2025年预算调整（测试）',
      }),
    );
    expect(again.setFundBudget).toEqual({ budgetFen: 6_000_000, history: [{ budgetFen: 5_000_000 }, { budgetFen: 6_000_000 }] });
    const watch = ok(
      await api.gql<{ fundWatch: { total: { budgetFen: number | null; paidToDateFen: number } } }>(
        tokens.bureau!,
        `{ fundWatch(regionCode: "${DISTRICT}", year: 2025) { total { budgetFen paidToDateFen } } }`,
      ),
    );
    // The fund paid this year: the seven paid claims of step 9 (1,800 + 1,800 + 2,100 + 720 + 1,250 + 2,400 + 1,800).
    expect(watch.fundWatch.total).toEqual({ budgetFen: 6_000_000, paidToDateFen: 11_870 });
  });

  /*
   * The figures by hand, from INDICATORS.md, for 2025 (patient figures as at the period's end, year to date;
   * claim figures over the period). As at 2025-12-31:
   *   present: P1, P2, P4, P5 — P3 died on 2025-10-15 and counts in no patient figure of a period ending on or after it.
   *   aged ≥ 35 at 2025-12-31 (born on or before 1990-12-31): P1 (1950), P2 (1970), P4 (1962); not P5 (1992).
   *   managed (since 2024-06-01): P1, P2, P4, P5.
   *   face-to-face follow-ups in the year (≥ 4 needed for the year): P1 4; P2 4, 3 of them with a fasting glucose;
   *     P4 3; P5 3 (its 04-10 visit was not face to face).
   *   latest BP: P1 142/85, aged 75 (< 150/90: controlled); P2 135/85 (< 140/90); P4 150/92 (not); P5 130/80.
   *   latest fasting glucose: P2 6.8 mmol/L (< 7.0: controlled).
   *   certified at 2025-12-31: P1, P2 (roster, 2025-01-15), P4 (by hand); not P5 (revoked 2025-12-01).
   *   scheme at 2025-12-31: P4 employees' (from 2025-11-01); the others residents'.
   * The claims (all decided and stored; fund = 60 % designated, 50 % extension, of the compliant cost):
   *   c1 P1 01-15 3000/3000/1800 · c2 P1 04-15 3000/3000/1800 · c3 P2 03-01 3500/3500/2100 (HT+DM) · c4 P3 03-10 1200/1200/720 (DM)
   *   c5-none P4 05-20 2500/0/0 (EXTENSION_NO_SOURCE, a claim-level rule: refused outright) · c5 P4 05-21 2500/2500/1250
   *   c6 P5 06-01 4000/0/0 (RESTRICTION_NOT_MET, a line rule: not rational) · c7 P5 06-10 4000/4000/2400 · c8 P1 10-15 3000/3000/1800
   *   (a claim refused outright is no 两病 claim the benefit settled: c5-none is in no claim figure, neither 合理用药率 (rational-medication.v2)
   *   nor 结算药品费用 (drug-cost.v2); a claim whose lines were refused, c6, counts in both — its line failed a rational-use check)
   *   (amount/compliant/fund in fen; a claim's diseases are its patient's: c3 both, c4 diabetes, the rest hypertension)
   */
  it('12. every statistic of the district equals the figures computed by hand', async () => {
    const stats = async (token: string, disease: string, quarter: number | null = null, region = DISTRICT) =>
      ok(await api.gql<Stats>(token, STATS, { r: region, y: 2025, q: quarter, d: disease })).statistics;

    const all = await stats(tokens.bureau!, 'ALL');
    expect(all.institutionId).toBeNull();
    expect(all.indicators).toEqual({
      // known patient-diseases aged ≥ 35: P1 (HT) + P2 (HT, DM) + P4 (HT) = 4; estimated 400 × 25 % + 400 × 10 % = 100 + 40 = 140.
      awareness: { ...r(4, 140), unavailableReason: null, missingDistricts: null },
      // managed to standard: P1 only (P2's diabetes lacks a fourth glucose, P4 and P5 have 3 visits) = 1 of 4 managed.
      standardisedManagement: { ...r(1, 4), unavailableReason: null, missingDistricts: null },
      // 两病 dispensing claims: the 9 stored but c5-none (refused outright) = c1 c2 c3 c4 c5 c6 c7 c8 = 8; passing every rational-use check: all but c6 = 7 of 8.
      rationalMedication: { ...r(7, 8), unavailableReason: null, missingDistricts: null },
      // hypertension patients managed P1, P2, P4, P5; controlled P1, P2, P5 = 3 of 4.
      bloodPressureControl: { ...r(3, 4), unavailableReason: null, missingDistricts: null },
      // diabetes patients managed: P2 (P3 died); controlled P2 = 1 of 1.
      glucoseControl: { ...r(1, 1), unavailableReason: null, missingDistricts: null },
      // managed, certified and in the residents' scheme: P1, P2 = 2 of 4.
      benefitCoverage: { ...r(2, 4), unavailableReason: null, missingDistricts: null },
      // fund 1800 + 1800 + 2100 + 720 + 1250 + 2400 + 1800 = 11,870 over compliant 3000 + 3000 + 3500 + 1200 + 2500 + 4000 + 3000 = 20,200.
      reimbursementRatio: { ...r(11_870, 20_200), unavailableReason: null, missingDistricts: null },
      // patients with fills on ≥ 2 dates: P1 (01-15, 04-15, 10-15, 30 days each: 90 of the 351 days from 01-15 to 12-31, < 80 %) = 0 of 1.
      adherence: { ...r(0, 1), unavailableReason: null, missingDistricts: null },
      estimatedPatients: 140,
      // aged ≥ 35 with a diagnosis, present: P1, P2, P4.
      knownPatients: 3,
      managedPatients: 4,
      certifiedPatients: 3,
      standardManagedPatients: 1,
      // managed with every disease controlled: P1, P2, P5.
      controlledPatients: 3,
      // patients with a paid claim: P1, P2, P3, P4, P5 (P3's claim of March counts: claims are not undone by a death).
      beneficiaries: 5,
      // paid claims: c1, c2, c3, c4, c5, c7, c8.
      benefitUses: 7,
      // c1 c2 c3 c4 c5 c6 c7 c8 (not c5-none's 2,500, refused outright): 3000 + 3000 + 3500 + 1200 + 2500 + 4000 + 4000 + 3000 = 24,200.
      drugCostFen: 24_200,
      compliantCostFen: 20_200,
      fundPaidFen: 11_870,
    });
    // The streets: 花果园 S1 holds P1, P2, P5 (fund c1 c2 c3 c7 c8 = 9,900); 中华南路 S2 holds P4 (P3 died; fund c4 c5 = 1,970). Awareness is a district's.
    expect(all.children).toEqual([
      {
        region: { code: S1 },
        indicators: {
          managedPatients: 3,
          fundPaidFen: 9_900,
          awareness: { denominator: null, unavailableReason: 'population figures are kept per district; awareness is not estimated per street' },
        },
      },
      {
        region: { code: S2 },
        indicators: {
          managedPatients: 1,
          fundPaidFen: 1_970,
          awareness: { denominator: null, unavailableReason: 'population figures are kept per district; awareness is not estimated per street' },
        },
      },
    ]);

    const ht = (await stats(tokens.bureau!, 'HYPERTENSION')).indicators;
    expect({
      awareness: ht.awareness.rate,
      standardised: ht.standardisedManagement.rate,
      rational: ht.rationalMedication.rate,
      bp: ht.bloodPressureControl.rate,
      counts: [ht.estimatedPatients, ht.knownPatients, ht.managedPatients, ht.certifiedPatients, ht.standardManagedPatients, ht.controlledPatients],
      claims: [ht.beneficiaries, ht.benefitUses, ht.drugCostFen, ht.compliantCostFen, ht.fundPaidFen],
    }).toEqual({
      // P1, P2, P4 aged ≥ 35 with hypertension over 100 estimated.
      awareness: 3 / 100,
      // hypertension's own rule (4 face-to-face visits): P1, P2 of P1, P2, P4, P5.
      standardised: 2 / 4,
      // claims of hypertension patients: c1 c2 c3 c5 c6 c7 c8 = 7 (not c4, diabetes; not c5-none, refused outright); rational all but c6 = 6.
      rational: 6 / 7,
      bp: 3 / 4,
      counts: [100, 3, 4, 3, 2, 3],
      // beneficiaries P1, P2, P4, P5; paid c1 c2 c3 c5 c7 c8; amounts of c1 c2 c3 c5 c6 c7 c8 = 24,200 − c4's 1,200 = 23,000; fund without c4's 720.
      claims: [4, 6, 23_000, 19_000, 11_150],
    });

    const dm = (await stats(tokens.bureau!, 'DIABETES')).indicators;
    expect({
      awareness: dm.awareness.rate,
      standardised: [dm.standardisedManagement.numerator, dm.standardisedManagement.denominator],
      rational: dm.rationalMedication.rate,
      glucose: dm.glucoseControl.rate,
      counts: [dm.estimatedPatients, dm.knownPatients, dm.managedPatients, dm.certifiedPatients, dm.standardManagedPatients, dm.controlledPatients],
      claims: [dm.beneficiaries, dm.benefitUses, dm.drugCostFen, dm.compliantCostFen, dm.fundPaidFen],
      adherence: [dm.adherence.numerator, dm.adherence.denominator, dm.adherence.rate],
    }).toEqual({
      // P2 over 40 estimated (P3 died).
      awareness: 1 / 40,
      // diabetes' rule (4 face-to-face visits each with a fasting glucose): P2 has 3 = 0 of 1.
      standardised: [0, 1],
      // c3 and c4, both rational.
      rational: 2 / 2,
      glucose: 1 / 1,
      counts: [40, 1, 1, 1, 0, 1],
      // beneficiaries P2, P3; c3 3,500 (compliant 3,500, fund 2,100) + c4 1,200 (1,200, 720).
      claims: [2, 2, 4_700, 4_700, 2_820],
      // no diabetes patient with fills on two dates.
      adherence: [0, 0, null],
    });

    // The third quarter, before the death: P1–P5 present; aged ≥ 35 at 09-30: P1, P2, P3 (1980), P4 → pairs 1 + 2 + 1 + 1 = 5.
    // Standard by 09-30 needs 3 visits (a quarter pro-rated): P1 3, P3 3 with glucose, P4 3; not P2 (2 with glucose), not P5 (2).
    // Certified: all five (P5's revocation is in December); all in the residents' scheme (P4's change is in November).
    // No claim falls in July–September.
    const q3 = (await stats(tokens.bureau!, 'ALL', 3)).indicators;
    expect([
      q3.awareness.numerator,
      q3.awareness.denominator,
      q3.managedPatients,
      q3.knownPatients,
      q3.standardManagedPatients,
      q3.certifiedPatients,
      q3.benefitCoverage.numerator,
      q3.rationalMedication.denominator,
      q3.rationalMedication.rate,
    ]).toEqual([5, 140, 5, 4, 3, 5, 5, 0, null]);
    // The fourth quarter's claims: c8 alone (3,000 fen, fund 1,800, P1); its patient figures are the year's.
    const q4 = (await stats(tokens.bureau!, 'ALL', 4)).indicators;
    expect([
      q4.rationalMedication.numerator,
      q4.rationalMedication.denominator,
      q4.beneficiaries,
      q4.benefitUses,
      q4.drugCostFen,
      q4.fundPaidFen,
      q4.managedPatients,
      q4.awareness.numerator,
    ]).toEqual([1, 1, 1, 1, 3_000, 1_800, 4, 4]);
  });

  it('13. an institution’s operator reads its own institution’s figures only; awareness has no institution denominator, and says so', async () => {
    const s = ok(await api.gql<Stats>(tokens.chc1!, STATS, { r: DISTRICT, y: 2025, q: null, d: 'ALL' })).statistics;
    expect(s.institutionId).toBe(CHC1);
    expect(s.children).toEqual([]);
    const i = s.indicators;
    // Patients managed by CHC1: P1, P2, P5 (standard: P1); claims made at CHC1: c1 c2 c3 c6 c7 c8 (rational all but c6; fund 9,900; P1, P2, P5).
    expect([
      i.managedPatients,
      i.standardisedManagement.numerator,
      i.standardisedManagement.denominator,
      i.rationalMedication.numerator,
      i.rationalMedication.denominator,
      i.fundPaidFen,
      i.beneficiaries,
    ]).toEqual([3, 1, 3, 5, 6, 9_900, 3]);
    // Awareness: the known patient-diseases aged ≥ 35 among them (P1 1, P2 2, P5 under 35) = 3, over no denominator — with the reason, in both languages.
    const a = ok(
      await api.gql<{ statistics: { indicators: { awareness: RateV & { unavailableReasonZh: string | null } } } }>(
        tokens.chc1!,
        `{ statistics(regionCode: "${DISTRICT}", year: 2025) { indicators { awareness { ${RATE} unavailableReasonZh } } } }`,
      ),
    );
    expect(a.statistics.indicators.awareness).toEqual({
      numerator: 3,
      denominator: null,
      rate: null,
      unavailableReason: 'population figures are kept per district; awareness is not estimated per institution',
      unavailableReasonZh: '人口数据按区县维护，医疗机构不估算知晓率',
      missingDistricts: [],
    });
    expect(i.estimatedPatients).toBeNull();
    expect(refused(await api.gql(tokens.chc1!, STATS, { r: CITY, y: 2025, q: null, d: 'ALL' })).extensions.code).toBe('FORBIDDEN');
  });

  it('14. the rollups equal the raw tables (stats:check), in every period, disease filter and grouping', async () => {
    const check = await checkRollups(api.booted.orm.em.fork(), { districts: [DISTRICT] });
    expect(check.comparisons).toBe(5 * 4 * 3);
    expect(check.mismatches).toEqual([]);
  });
});
