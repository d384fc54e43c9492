import { catalogueInForce } from '@liangbing/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/harness';
import { seedProgramme } from '../scorecard/institutions-fund.fixture';

const AVAILABILITY = `query($region: String!, $threshold: Float) { drugAvailability(regionCode: $region, year: 2025, quarter: 2, threshold: $threshold) {
  catalogueId reason threshold configId
  drugs { index code villageLevel centrallyProcured essential classA }
  institutions { index institution { id } allowedDrugs dispensedAllowedDrugs coverage { numerator denominator rate } belowThreshold
    cells { drugIndex status linesHere patientsElsewhere } elsewhere { drugCode patients lines allowedHere dispensedHere } gaps { drugCode patients } }
  districts { region { code } institutions coverage { numerator denominator } belowThreshold { id } }
  heatmap } }`;

interface Row {
  index: number;
  institution: { id: string };
  allowedDrugs: number;
  dispensedAllowedDrugs: number;
  coverage: { numerator: number; denominator: number; rate: number | null };
  belowThreshold: boolean;
  cells: { drugIndex: number; status: string; linesHere: number; patientsElsewhere: number }[];
  elsewhere: { drugCode: string; patients: number; lines: number; allowedHere: boolean; dispensedHere: boolean }[];
  gaps: { drugCode: string; patients: number }[];
}
interface Result {
  drugAvailability: {
    catalogueId: string | null;
    reason: string | null;
    threshold: number;
    configId: string;
    drugs: { index: number; code: string; villageLevel: boolean }[];
    institutions: Row[];
    districts: { region: { code: string }; institutions: number; coverage: { numerator: number; denominator: number }; belowThreshold: { id: string }[] }[];
    heatmap: number[][];
  };
}

describe('drugAvailability (G-7 配得齐、开得出), 梁溪区 2025 Q2', () => {
  let h: Harness;
  let leader: string;
  beforeAll(async () => {
    h = await startHarness();
    await seedProgramme(h);
    leader = await h.token({ role: 'city_leadership' });
  });
  afterAll(async () => h.close());

  it('lays the catalogue in force out as columns and the primary institutions as rows', async () => {
    const r = await h.gql<Result>(leader, AVAILABILITY, { region: '320213' });
    expect(r.errors).toBeUndefined();
    const a = r.data!.drugAvailability;
    const catalogue = catalogueInForce('320200', '2025-06-30');
    if (catalogue.status !== 'in_force') throw new Error('Wuxi has a catalogue');
    expect(a.catalogueId).toBe(catalogue.catalogueId);
    expect(a.drugs.map((d) => d.code)).toEqual(catalogue.items.map((i) => i.drug.code));
    expect(a.institutions.map((i) => i.institution.id)).toEqual(['I-LX-CHC', 'I-LX-CHC2']);
    // Wuxi has no village scope: every drug is allowed everywhere
    expect(a.drugs.every((d) => d.villageLevel)).toBe(true);
    expect(a.heatmap).toHaveLength(2 * a.drugs.length);
  });

  it('marks what each institution dispensed, its coverage, and the drugs its patients got elsewhere', async () => {
    const a = (await h.gql<Result>(leader, AVAILABILITY, { region: '320213' })).data!.drugAvailability;
    const n = a.drugs.length;
    const col = (code: string) => a.drugs.find((d) => d.code === code)!.index;
    const chc = a.institutions.find((i) => i.institution.id === 'I-LX-CHC')!;
    // c3 amlodipine, c4 metformin + levamlodipine, c7 metformin
    expect([chc.allowedDrugs, chc.dispensedAllowedDrugs]).toEqual([n, 3]);
    expect(chc.coverage).toEqual({ numerator: 3, denominator: n, rate: 3 / n });
    expect(chc.cells[col('metformin')]).toEqual({ drugIndex: col('metformin'), status: 'DISPENSED', linesHere: 2, patientsElsewhere: 0 });
    expect(chc.cells[col('amlodipine')]!.status).toBe('DISPENSED');
    // P1 (managed and designated here) got valsartan at I-LX-H2 on referral (c5): a drug it never dispensed
    expect(chc.cells[col('valsartan')]).toEqual({ drugIndex: col('valsartan'), status: 'NOT_DISPENSED', linesHere: 0, patientsElsewhere: 1 });
    expect(chc.elsewhere).toEqual([{ drugCode: 'valsartan', patients: 1, lines: 1, allowedHere: true, dispensedHere: false }]);
    expect(chc.gaps).toEqual([{ drugCode: 'valsartan', patients: 1 }]);
    const two = a.institutions.find((i) => i.institution.id === 'I-LX-CHC2')!;
    expect([two.dispensedAllowedDrugs, two.elsewhere.length]).toEqual([1, 0]);
    expect(a.heatmap).toContainEqual([chc.index, col('metformin'), 2]);
    expect(a.heatmap).toContainEqual([chc.index, col('valsartan'), 1]);
  });

  it('lists per district the institutions below the threshold (configured, or asked)', async () => {
    const byDefault = (await h.gql<Result>(leader, AVAILABILITY, { region: '320200' })).data!.drugAvailability;
    expect([byDefault.threshold, byDefault.configId]).toEqual([0.2, 'drug-availability.v1']);
    const lx = byDefault.districts.find((d) => d.region.code === '320213')!;
    expect(lx.institutions).toBe(2);
    expect(lx.coverage).toEqual({ numerator: 4, denominator: 2 * byDefault.drugs.length });
    expect(lx.belowThreshold.map((i) => i.id)).toEqual(['I-LX-CHC', 'I-LX-CHC2']);
    const n = byDefault.drugs.length;
    // a threshold between the two institutions' coverage (3/n and 1/n) lists only the second
    const between = (await h.gql<Result>(leader, AVAILABILITY, { region: '320213', threshold: 2 / n })).data!.drugAvailability;
    expect(between.districts[0]!.belowThreshold.map((i) => i.id)).toEqual(['I-LX-CHC2']);
    expect((await h.gql(leader, AVAILABILITY, { region: '320213', threshold: 1.5 })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'threshold',
    });
  });

  it('is the bureau’s: not for institutions', async () => {
    const operator = await h.token({ role: 'institution_operator', districtCode: '320213', institutionId: 'I-LX-CHC' });
    expect((await h.gql(operator, AVAILABILITY, { region: '320213' })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});

describe('drugAvailability: village scope (G-6 可延伸至村级)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(async (sql) => {
      await sql(
        `insert into regions (code, name, level, parent_code, city_code) values ('520100','贵阳市','city',null,'520100'), ('520102','南明区','district','520100','520100'), ('520102001','花果园街道','street','520102','520100')`,
      );
      await sql(`insert into institutions values
        ('I-GY-VC','花果园村卫生室','village_clinic','520100','520102','520102001',null,false,true,false),
        ('I-GY-THC','花果园社区卫生服务中心','community_health_centre','520100','520102','520102001',null,true,true,false)`);
    });
  });
  afterAll(async () => h.close());

  it('allows a village clinic only the rows that may be used at village level', async () => {
    const token = await h.token({ role: 'city_leadership', cityCode: '520100' });
    const r = await h.gql<Result>(token, AVAILABILITY, { region: '520102' });
    expect(r.errors).toBeUndefined();
    const a = r.data!.drugAvailability;
    const catalogue = catalogueInForce('520100', '2025-06-30');
    if (catalogue.status !== 'in_force') throw new Error('Guiyang has a catalogue');
    const village = catalogue.items.filter((i) => i.forms.some((f) => f.villageLevel)).length;
    expect(village).toBeLessThan(catalogue.items.length);
    const vc = a.institutions.find((i) => i.institution.id === 'I-GY-VC')!;
    const chc = a.institutions.find((i) => i.institution.id === 'I-GY-THC')!;
    expect(vc.allowedDrugs).toBe(village);
    expect(chc.allowedDrugs).toBe(catalogue.items.length);
    const outside = a.drugs.find((d) => !d.villageLevel)!;
    expect(vc.cells[outside.index]!.status).toBe('NOT_ALLOWED');
    expect(chc.cells[outside.index]!.status).toBe('NOT_DISPENSED');
    // nothing dispensed: no coverage to speak of is still a coverage of 0, below any threshold
    expect(vc.coverage).toEqual({ numerator: 0, denominator: village, rate: 0 });
  });
});
