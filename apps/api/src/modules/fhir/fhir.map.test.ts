/**
 * The FHIR mapping, pure: exact decimals from fen, the adjudication categories, hits as errors,
 * reasons and notes, masking as given, the hit codes' CodeSystem complete — and every resource
 * checked against the official FHIR R4 JSON schema, which must also refuse a resource broken on purpose.
 */
import { HITS, type Decision, type HitCode, type RuleHit } from '@liangbing/policy';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateFhir } from '../../../test/fhir-schema';
import {
  capabilityStatement,
  claimResource,
  claimResponseResource,
  coverageResource,
  explanationOfBenefitResource,
  fenToDecimal,
  hitCodeSystem,
  money,
  operationOutcome,
  patientResource,
  searchBundle,
  type ClaimExport,
} from './fhir.map';
import { SYSTEMS } from './fhir.types';

const hit = (code: HitCode, lineNo: number | null): RuleHit => {
  const d = HITS[code];
  return { code, ruleId: d.ruleId, section: d.section, severity: d.severity, lineNo, messageZh: d.zh, messageEn: d.en, failsRationalUse: d.failsRationalUse };
};

// Line 1: 90 days of amlodipine, ¥300.00, limited to 60 days (W 四(二)): compliant 200.00, fund 60 % = 120.00.
// Line 2: a drug outside the scope (W 二(二)): ¥50.01, nothing paid.
const decision: Decision = {
  outcome: 'partially_paid',
  ruleSetId: 'wuxi-2019',
  ruleSetVersion: '1',
  catalogueVersionId: null,
  overrideName: null,
  category: 'special',
  pathway: 'designated',
  ratioBp: 6000,
  capFen: 80_000,
  capUsedBeforeFen: 20_000,
  capRemainingFen: 48_000,
  amountFen: 35_001,
  compliantFen: 20_000,
  fundFen: 12_000,
  patientFen: 23_001,
  lines: [
    {
      lineNo: 1,
      drugCode: 'amlodipine',
      amountFen: 30_000,
      compliantFen: 20_000,
      fundFen: 12_000,
      patientFen: 18_000,
      hitCodes: ['LONG_PRESCRIPTION_EXCEEDED'],
    },
    { lineNo: 2, drugCode: 'vitamin-c', amountFen: 5_001, compliantFen: 0, fundFen: 0, patientFen: 5_001, hitCodes: ['DRUG_NOT_IN_CATALOGUE'] },
  ],
  hits: [hit('LONG_PRESCRIPTION_EXCEEDED', 1), hit('DRUG_NOT_IN_CATALOGUE', 2)],
  rationalUse: false,
  rounding: 'floor',
  trace: null,
};

const x: ClaimExport = {
  claim: { id: '0b5f6c1e-8a8e-4c59-9d59-3f4b2f0a0001', patientId: 'P1', institutionId: 'I-LX-CHC', serviceDate: '2025-05-02', status: 'accepted' },
  decision,
  lines: [
    {
      lineNo: 1,
      drugCode: 'amlodipine',
      form: 'oral',
      quantity: 90,
      daysSupply: 90,
      amountFen: 30_000,
      compliantFen: 20_000,
      fundFen: 12_000,
      patientFen: 18_000,
      hitCodes: ['LONG_PRESCRIPTION_EXCEEDED'],
    },
    {
      lineNo: 2,
      drugCode: 'vitamin-c',
      form: 'oral',
      quantity: 10,
      daysSupply: 10,
      amountFen: 5_001,
      compliantFen: 0,
      fundFen: 0,
      patientFen: 5_001,
      hitCodes: ['DRUG_NOT_IN_CATALOGUE'],
    },
  ],
  institutionName: '崇安寺社区卫生服务中心',
  insurer: { cityCode: '320200', cityName: '无锡市' },
};

/** A resource as the wire carries it: JSON text parsed back. */
const wire = <T = Record<string, unknown>>(r: unknown): T => JSON.parse(JSON.stringify(r)) as T;
type Adj = { category: { coding: { code: string }[] }; amount?: { value: number; currency: string }; value?: number; reason?: { coding: { code: string }[] } };
const byCategory = (adj: Adj[]) => Object.fromEntries(adj.map((a) => [a.category.coding[0]!.code, a.amount?.value ?? a.value]));

beforeAll(() => {
  // compiles the schema once (a few seconds), so that each test below times only itself
  expect(validateFhir({ resourceType: 'Basic', code: { text: 'warm-up' } })).toEqual([]);
}, 60_000);

describe('money', () => {
  it('is decimal yuan built from the integer fen: 1 fen, 10 fen, whole yuan, negatives, the largest safe integer', () => {
    expect(fenToDecimal(0)).toBe('0.00');
    expect(fenToDecimal(1)).toBe('0.01');
    expect(fenToDecimal(10)).toBe('0.10');
    expect(fenToDecimal(100)).toBe('1.00');
    expect(fenToDecimal(12_345)).toBe('123.45');
    expect(fenToDecimal(-250)).toBe('-2.50');
    expect(fenToDecimal(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    // what dividing a float would have written: the last fen lost
    expect(String(Number.MAX_SAFE_INTEGER / 100)).not.toBe('90071992547409.91');
    expect(() => fenToDecimal(0.5)).toThrow(RangeError);
    expect(() => fenToDecimal(2 ** 53)).toThrow(RangeError);
  });

  it('goes over the wire as a JSON number with its two places, in CNY', () => {
    expect(JSON.stringify(money(1))).toBe('{"value":0.01,"currency":"CNY"}');
    expect(JSON.stringify(money(10))).toBe('{"value":0.10,"currency":"CNY"}');
    expect(JSON.stringify(money(Number.MAX_SAFE_INTEGER))).toBe('{"value":90071992547409.91,"currency":"CNY"}');
    expect(validateFhir({ ...wire<Record<string, unknown>>(claimResource(x)), total: money(Number.MAX_SAFE_INTEGER) })).toEqual([]);
  });
});

describe('Claim, ClaimResponse and ExplanationOfBenefit', () => {
  it('are valid FHIR R4', () => {
    for (const r of [claimResource(x), claimResponseResource(x), explanationOfBenefitResource(x)])
      expect([r.resourceType, validateFhir(r)]).toEqual([r.resourceType, []]);
  });

  it('the claim carries the lines as submitted: drug (our code and ATC), quantity, days of supply, price', () => {
    const c = wire<{
      item: {
        sequence: number;
        productOrService: { coding: { system: string; code: string }[] };
        quantity: { value: number };
        net: { value: number };
        extension: { valueInteger: number }[];
      }[];
      total: { value: number };
      patient: { reference: string };
    }>(claimResource(x));
    expect(c.patient.reference).toBe('Patient/P1');
    expect(c.item[0]!.productOrService.coding).toEqual([
      expect.objectContaining({ system: SYSTEMS.drug, code: 'amlodipine', display: '氨氯地平' }),
      expect.objectContaining({ system: SYSTEMS.atc, code: 'C08CA01' }),
    ]);
    expect(c.item.map((i) => [i.sequence, i.quantity.value, i.extension[0]!.valueInteger, i.net.value])).toEqual([
      [1, 90, 90, 300],
      [2, 10, 10, 50.01],
    ]);
    expect(c.total.value).toBe(350.01);
  });

  it('the response adjudicates each line and the total as submitted, eligible, benefit and copay', () => {
    const r = wire<{
      outcome: string;
      item: { itemSequence: number; noteNumber: number[]; adjudication: Adj[] }[];
      total: Adj[];
      payment: { amount: { value: number } };
    }>(claimResponseResource(x));
    expect(byCategory(r.item[0]!.adjudication)).toEqual({ submitted: 300, eligible: 200, eligpercent: 60, benefit: 120, copay: 180 });
    expect(byCategory(r.item[1]!.adjudication)).toEqual({ submitted: 50.01, eligible: 0, eligpercent: 60, benefit: 0, copay: 50.01 });
    expect(byCategory(r.total)).toEqual({ submitted: 350.01, eligible: 200, benefit: 120, copay: 230.01 });
    expect(r.payment.amount.value).toBe(120);
    // the reduction is the eligible amount's reason
    expect(r.item[0]!.adjudication.find((a) => a.category.coding[0]!.code === 'eligible')!.reason!.coding[0]!.code).toBe('LONG_PRESCRIPTION_EXCEEDED');
    expect(r.outcome).toBe('error');
  });

  it('a refused line is an error of its item; every hit is a note in Chinese, cited, and in English', () => {
    const r = wire<{
      error: { itemSequence?: number; code: { coding: { system: string; code: string; display: string }[] } }[];
      processNote: { number: number; text: string; language: { coding: { code: string }[] } }[];
      item: { noteNumber: number[] }[];
    }>(claimResponseResource(x));
    expect(r.error).toEqual([
      {
        itemSequence: 2,
        code: {
          coding: [{ system: SYSTEMS.hitCodes, code: 'DRUG_NOT_IN_CATALOGUE', display: '药品不在“两病”用药范围内' }],
          text: 'The drug is not in the 两病 drug scope',
        },
      },
    ]);
    expect(r.processNote.map((n) => [n.number, n.language.coding[0]!.code])).toEqual([
      [1, 'zh-CN'],
      [2, 'en'],
      [3, 'zh-CN'],
      [4, 'en'],
    ]);
    expect(r.processNote[0]!.text).toBe('第1项：按《无锡市…意见》四（二），超过长处方用药天数上限，超出部分不予支付（LONG_PRESCRIPTION_EXCEEDED）');
    expect(r.processNote[3]!.text).toBe('Item 2: The drug is not in the 两病 drug scope (DRUG_NOT_IN_CATALOGUE; W-2 二(二))');
    expect(r.item.map((i) => i.noteNumber)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('the explanation of benefit shows the annual cap and what is used of it after the claim', () => {
    const e = wire<{
      benefitBalance: { financial: { allowedMoney: { value: number }; usedMoney: { value: number } }[] }[];
      benefitPeriod: unknown;
      claim: { reference: string };
      claimResponse: { reference: string };
      item: { adjudication: Adj[] }[];
    }>(explanationOfBenefitResource(x));
    expect(e.benefitBalance[0]!.financial[0]).toMatchObject({ allowedMoney: { value: 800 }, usedMoney: { value: 320 } });
    expect(e.benefitPeriod).toEqual({ start: '2025-01-01', end: '2025-12-31' });
    expect(e.claim.reference).toBe(`Claim/${x.claim.id}`);
    expect(e.claimResponse.reference).toBe(`ClaimResponse/${x.claim.id}`);
    expect(byCategory(e.item[0]!.adjudication)).toMatchObject({ benefit: 120, copay: 180 });
  });

  it('a reversed claim is cancelled; a claim refused whole has its error without an item and no benefit balance when no cap applied', () => {
    const refused: ClaimExport = {
      ...x,
      claim: { ...x.claim, status: 'reversed' },
      decision: {
        ...decision,
        outcome: 'not_in_force',
        capFen: 0,
        capRemainingFen: 0,
        fundFen: 0,
        compliantFen: 0,
        patientFen: 35_001,
        hits: [hit('RULE_SET_NOT_IN_FORCE', null)],
      },
    };
    const r = wire<{ status: string; error: unknown[] }>(claimResponseResource(refused));
    expect(r.status).toBe('cancelled');
    expect(r.error).toEqual([{ code: expect.objectContaining({ coding: [expect.objectContaining({ code: 'RULE_SET_NOT_IN_FORCE' })] }) }]);
    const e = wire<Record<string, unknown>>(explanationOfBenefitResource(refused));
    expect(e.benefitBalance).toBeUndefined();
    expect(validateFhir(e)).toEqual([]);
  });
});

describe('the schema refuses what is not FHIR R4', () => {
  const valid = () => wire<Record<string, unknown>>(claimResponseResource(x));
  it('accepts the resource as built', () => expect(validateFhir(valid())).toEqual([]));
  it.each([
    ['an impossible date', (r: Record<string, unknown>) => ({ ...r, created: '2025-13-01' }), '/created'],
    [
      'an amount as a string',
      (r: Record<string, unknown>) => ({ ...r, payment: { ...(r.payment as object), amount: { value: '120.00', currency: 'CNY' } } }),
      '/payment/amount/value',
    ],
    ['a field R4 does not have', (r: Record<string, unknown>) => ({ ...r, decision: 'paid' }), ''],
    ['a required element missing (the patient)', ({ patient, ...r }: Record<string, unknown>) => (void patient, r), ''],
    ['a code that is not a string', (r: Record<string, unknown>) => ({ ...r, status: 1 }), '/status'],
    ['a resource type that does not exist', (r: Record<string, unknown>) => ({ ...r, resourceType: 'ClaimDecision' }), '/resourceType'],
  ])('refuses %s', (_label, breakIt, path) => {
    const errors = validateFhir(breakIt(valid()));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => e.path)).toContain(path);
  });
});

describe('Patient and Coverage', () => {
  const shown = {
    id: 'P1',
    residentId: '320213195001010013',
    name: '王建国',
    phone: '13800000001',
    sex: 'male',
    birthDate: '1950-01-01',
    ageBand: '75–79',
    identityMasked: false,
  };
  it('unmasked: the identity, sex and birth date as given, no security label', () => {
    const p = wire<Record<string, unknown>>(patientResource(shown));
    expect(validateFhir(p)).toEqual([]);
    expect(p).toMatchObject({
      gender: 'male',
      birthDate: '1950-01-01',
      name: [{ text: '王建国' }],
      identifier: [
        { system: SYSTEMS.patientId, value: 'P1' },
        { system: SYSTEMS.residentId, value: '320213195001010013' },
      ],
    });
    expect(p.meta).toBeUndefined();
  });

  it('masked: labelled MASKED, sex and birth date absent with the reason "masked", the age band kept', () => {
    const p = wire<Record<string, unknown>>(
      patientResource({ ...shown, residentId: '320213********00*3', name: '王**', phone: '138****0001', sex: null, birthDate: null, identityMasked: true }),
    );
    expect(validateFhir(p)).toEqual([]);
    expect(p.meta).toEqual({ security: [{ system: SYSTEMS.securityLabel, code: 'MASKED', display: 'masked' }] });
    expect(p.gender).toBeUndefined();
    expect(p.birthDate).toBeUndefined();
    expect(p._birthDate).toEqual({ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'masked' }] });
    expect(JSON.stringify(p)).not.toContain('王建国');
    expect(p.extension).toEqual([{ url: SYSTEMS.ageBandExtension, valueString: '75–79' }]);
  });

  it('an id FHIR cannot carry (an underscore) is kept as an identifier, and the resource stays valid', () => {
    const p = wire<Record<string, unknown>>(patientResource({ ...shown, id: 'P_1' }));
    expect(p.id).toBeUndefined();
    expect(validateFhir(p)).toEqual([]);
  });

  it('the benefit is a Coverage with the certificate, its period, the rule set and the diseases', () => {
    const c = wire<Record<string, unknown>>(
      coverageResource({
        patientId: 'P2',
        certificateNo: 'W-0002',
        certifiedOn: '2020-01-10',
        revokedOn: null,
        diseases: ['hypertension', 'diabetes'],
        status: 'active',
        insurer: x.insurer,
        ruleSet: { id: 'wuxi-2019', nameZh: '无锡市“两病”门诊用药保障' },
      }),
    );
    expect(validateFhir(c)).toEqual([]);
    expect(c).toMatchObject({
      status: 'active',
      identifier: [{ system: SYSTEMS.certificateNo, value: 'W-0002' }],
      period: { start: '2020-01-10' },
      beneficiary: { reference: 'Patient/P2' },
      payor: [{ display: '无锡市医疗保障局' }],
    });
    expect((c.class as { value: string }[]).map((k) => k.value)).toEqual(['wuxi-2019', 'hypertension', 'diabetes']);
    const never = wire<Record<string, unknown>>(
      coverageResource({
        patientId: 'P9',
        certificateNo: null,
        certifiedOn: null,
        revokedOn: null,
        diseases: [],
        status: 'draft',
        insurer: x.insurer,
        ruleSet: null,
      }),
    );
    expect(validateFhir(never)).toEqual([]);
  });
});

describe('the hit codes', () => {
  it('are one CodeSystem holding every code of the policy core, with its Chinese display and English designation', () => {
    const cs = wire<{
      url: string;
      count: number;
      concept: {
        code: string;
        display: string;
        designation: { language: string; value: string }[];
        property: { code: string; valueString?: string; valueCode?: string }[];
      }[];
    }>(hitCodeSystem());
    expect(validateFhir(cs)).toEqual([]);
    expect(cs.url).toBe(SYSTEMS.hitCodes);
    const codes = Object.keys(HITS) as HitCode[];
    expect(cs.concept.map((c) => c.code).sort()).toEqual([...codes].sort());
    expect(cs.count).toBe(codes.length);
    for (const c of cs.concept) {
      const d = HITS[c.code as HitCode];
      expect([c.code, c.display, c.designation]).toEqual([c.code, d.zh, [{ language: 'en', value: d.en }]]);
      expect(/[\u4e00-\u9fff]/.test(c.display)).toBe(true);
      expect(c.property.find((p) => p.code === 'severity')?.valueCode).toBe(d.severity);
    }
  });
});

describe('the server’s own resources', () => {
  it('the CapabilityStatement, an OperationOutcome and a searchset Bundle are valid', () => {
    expect(validateFhir(capabilityStatement('2025-06-30'))).toEqual([]);
    const oo = operationOutcome({ code: 'BAD_USER_INPUT', messageEn: 'created: must be a date', messageZh: 'created：须为日期', field: 'created' });
    expect(validateFhir(oo)).toEqual([]);
    expect(wire<{ issue: { code: string; expression: string[] }[] }>(oo).issue[0]).toMatchObject({ code: 'invalid', expression: ['created'] });
    const b = searchBundle(
      [{ fullUrl: 'http://localhost/fhir/ExplanationOfBenefit/1', resource: explanationOfBenefitResource(x), mode: 'match' }],
      3,
      'http://localhost/fhir/ExplanationOfBenefit?_count=1',
      'http://localhost/fhir/ExplanationOfBenefit?_count=1&_page=abc',
    );
    expect(validateFhir(b)).toEqual([]);
    // the bundle's entries are validated as resources too: a broken one fails the bundle
    const broken = wire<{ entry: { resource: Record<string, unknown> }[] }>(b);
    broken.entry[0]!.resource.created = 'yesterday';
    expect(validateFhir(broken).length).toBeGreaterThan(0);
  });
});
