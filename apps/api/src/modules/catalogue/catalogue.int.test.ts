/** Catalogue versions against PostgreSQL (G-6): load with an effective date, claims judged by the version in force on their date, diff. */
import { GUIYANG_2021_V1, type CatalogueRow } from '@liangbing/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, seedWuxi, startHarness, SUBMIT, type Harness } from '../../../test/harness';

let h: Harness;
let leader: string;
let bureau: string;

async function seedGuiyang(sql: Harness['sql']): Promise<void> {
  await seedWuxi(sql);
  await sql(`insert into regions (code, name, level, parent_code, city_code) values
    ('520100','贵阳市','city',null,'520100'), ('520102','南明区','district','520100','520100'), ('520102001','花果园街道','street','520102','520100')`);
  await sql(
    `insert into institutions values ('I-GY-CHC','花果园社区卫生服务中心','community_health_centre','520100','520102','520102001',null,true,true,false)`,
  );
  await sql(`insert into patients (district_code, id, resident_id, name, sex, birth_date, street_code, scheme, managed, managed_since, managing_institution_id) values
    ('520102','G1','520102195502020011','刘芳','male','1955-02-02','520102001','resident',true,'2021-01-01','I-GY-CHC')`);
  await sql(`insert into patient_diseases values ('520102','G1','hypertension',null,'2015-01-01')`);
  await sql(`insert into certifications values ('520102','G1','G-0001','2021-07-01','I-GY-CHC','{hypertension}',null)`);
  await sql(`insert into designations values ('520102','G1','2025-01-01',null,'I-GY-CHC',null,'2024-12-01',true)`);
  await sql(`insert into benefit_ledger (district_code, patient_id, year, general_outpatient_exhausted) values ('520102','G1',2025,true)`);
}

const upper = (s: string) => s.toUpperCase();
/** A catalogue row as the GraphQL input spells it. */
function input(r: CatalogueRow) {
  return {
    sourceRow: r.sourceRow,
    disease: upper(r.disease),
    drugCode: r.drugCode,
    name: r.name,
    nameAsPrinted: r.nameAsPrinted,
    correction: r.correction ?? null,
    formsAsPrinted: r.formsAsPrinted,
    forms: r.forms.map((f) => ({ form: upper(f.form), villageLevel: f.villageLevel })),
    essential: r.essential,
    insuranceClass: r.insuranceClass === null ? null : upper(r.insuranceClass),
    restriction:
      r.restriction === null
        ? null
        : {
            text: r.restriction.text,
            anyOf: r.restriction.anyOf.map((alt) =>
              alt.map((c) => ({
                kind: upper(c.kind),
                diabetesType: c.kind === 'diabetes_type' ? upper(c.type) : null,
                finding: 'finding' in c ? upper(c.finding) : null,
              })),
            ),
          },
    scopeAsPrinted: r.scopeAsPrinted,
  };
}

const amlodipine = GUIYANG_2021_V1.rows.find((r) => r.drugCode === 'amlodipine')!;
const lercanidipine: CatalogueRow = {
  ...amlodipine,
  sourceRow: 51,
  drugCode: 'lercanidipine',
  nameAsPrinted: '乐卡地平',
  name: '乐卡地平',
  essential: false,
  insuranceClass: 'B',
};
const SECOND = [
  ...GUIYANG_2021_V1.rows.filter((r) => r !== amlodipine).map((r) => (r.drugCode === 'nifedipine' ? { ...r, insuranceClass: 'B' as const } : r)),
  lercanidipine,
];

const LOAD = `mutation($c: String!, $d: String!, $rows: [CatalogueRowInput!]!) { loadCatalogueVersion(cityCode: $c, effectiveFrom: $d, rows: $rows, title: "第二版", sourceDocument: "专家组调整（测试）") {
  replayed version { id effectiveFrom rowCount loaded } } }`;
const claim = (date: string, drugs: string[]) => ({
  ...claimInput({ patientId: 'G1', institutionId: 'I-GY-CHC', serviceDate: date }),
  lines: drugs.map((drugCode) => ({ drugCode, form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 1000 })),
});
type Submitted = { submitClaim: { claim: { id: string; hits: { code: string }[]; lines: { lineNo: number; fundFen: number }[] } } };

beforeAll(async () => {
  h = await startHarness(seedGuiyang);
  leader = await h.token({ role: 'city_leadership', cityCode: '520100' });
  bureau = await h.token({ role: 'district_bureau', districtCode: '520102', cityCode: '520100' });
});
afterAll(async () => h.close());

describe('catalogue versions', () => {
  it('a claim before any new version is judged by 第一版', async () => {
    const r = await h.gql<Submitted>(bureau, SUBMIT, { input: claim('2025-03-01', ['amlodipine', 'lercanidipine']) });
    expect(r.errors).toBeUndefined();
    const c = r.data!.submitClaim.claim;
    expect(c.hits.map((x) => x.code)).toEqual(['DRUG_NOT_IN_CATALOGUE']);
    expect(c.lines[0]!.fundFen).toBeGreaterThan(0);
    expect(c.lines[1]!.fundFen).toBe(0);
  });

  it('is loaded by the city, never dated before claims already decided', async () => {
    expect((await h.gql(bureau, LOAD, { c: '520100', d: '2025-04-01', rows: SECOND.map(input) })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const early = await h.gql(leader, LOAD, { c: '520100', d: '2025-03-01', rows: SECOND.map(input) });
    expect(early.errors?.[0]?.extensions.code).toBe('CONFLICT');
    const wuxi = await h.token({ role: 'city_leadership', cityCode: '320200' });
    expect((await h.gql(wuxi, LOAD, { c: '320200', d: '2025-04-01', rows: SECOND.map(input) })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'cityCode',
    });
    const r = await h.gql<{ loadCatalogueVersion: { replayed: boolean; version: { id: string; rowCount: number; loaded: boolean } } }>(leader, LOAD, {
      c: '520100',
      d: '2025-04-01',
      rows: SECOND.map(input),
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.loadCatalogueVersion).toEqual({
      replayed: false,
      version: { id: '520100-2025-04-01', effectiveFrom: '2025-04-01', rowCount: SECOND.length, loaded: true },
    });
    const again = await h.gql<{ loadCatalogueVersion: { replayed: boolean } }>(leader, LOAD, { c: '520100', d: '2025-04-01', rows: SECOND.map(input) });
    expect(again.data!.loadCatalogueVersion.replayed).toBe(true);
    const different = await h.gql(leader, LOAD, { c: '520100', d: '2025-04-01', rows: SECOND.slice(1).map(input) });
    expect(different.errors?.[0]?.extensions.code).toBe('CONFLICT');
  });

  it('claims are judged by the version in force on their date', async () => {
    const after = await h.gql<Submitted>(bureau, SUBMIT, { input: claim('2025-04-02', ['lercanidipine', 'amlodipine']) });
    expect(after.errors).toBeUndefined();
    expect(after.data!.submitClaim.claim.lines.map((l) => l.fundFen > 0)).toEqual([true, false]);
    const before = await h.gql<Submitted>(bureau, SUBMIT, { input: claim('2025-03-20', ['lercanidipine']) });
    expect(before.data!.submitClaim.claim.hits.map((x) => x.code)).toEqual(['DRUG_NOT_IN_CATALOGUE']);
    const versions = await h.sql<{ id: string; catalogue_version: string }>(
      `select id, catalogue_version from claims where district_code = '520102' order by service_date`,
    );
    expect(versions.map((v) => v.catalogue_version)).toEqual(['guiyang-2021-v1', 'guiyang-2021-v1', '520100-2025-04-01']);
    const listed = await h.gql<{ catalogue: { catalogueId: string; items: { drugCode: string }[] } }>(
      bureau,
      `{ catalogue(cityCode: "520100", date: "2025-04-02") { catalogueId items { drugCode } } }`,
    );
    expect(listed.data!.catalogue.catalogueId).toBe('520100-2025-04-01');
    expect(listed.data!.catalogue.items.map((i) => i.drugCode)).toContain('lercanidipine');
  });

  it('lists the versions and the rows added, removed and changed between two', async () => {
    const v = await h.gql<{ catalogueVersions: { id: string; loaded: boolean }[] }>(bureau, `{ catalogueVersions(cityCode: "520100") { id loaded } }`);
    expect(v.data!.catalogueVersions).toEqual([
      { id: 'guiyang-2021-v1', loaded: false },
      { id: '520100-2025-04-01', loaded: true },
    ]);
    const d = await h.gql<{
      catalogueDiff: {
        added: { drugCode: string }[];
        removed: { drugCode: string }[];
        changed: { key: string; fields: string[]; before: { insuranceClass: string }; after: { insuranceClass: string } }[];
      };
    }>(
      bureau,
      `{ catalogueDiff(cityCode: "520100", fromVersion: "guiyang-2021-v1", toVersion: "520100-2025-04-01") {
          added { drugCode } removed { drugCode } changed { key fields before { insuranceClass } after { insuranceClass } } } }`,
    );
    expect(d.errors).toBeUndefined();
    expect(d.data!.catalogueDiff).toEqual({
      added: [{ drugCode: 'lercanidipine' }],
      removed: [{ drugCode: 'amlodipine' }],
      changed: [{ key: 'hypertension|硝苯地平', fields: ['insuranceClass'], before: { insuranceClass: 'A' }, after: { insuranceClass: 'B' } }],
    });
  });
});
