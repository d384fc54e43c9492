/**
 * Clinical records through GraphQL against PostgreSQL: source prescriptions and extension claims
 * (G-5 五(二)4), referrals and referral claims (W-6 三(三), W-3's 50 %), dated findings and restricted
 * drugs (附件3 row 33), each with its scope refusals and audit rows; rollups equal after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimInput, seedWuxi, startHarness, SUBMIT, type Harness } from '../../../test/harness';
import { checkRollups } from '../statistics/rollup.check';

let h: Harness;
let wuxi: string;
let nanming: string;

/** Wuxi's fixed programme, and Guiyang: G1 of 南明区 (520102), a community centre there, a level-2 hospital in 云岩区 (520103). */
async function seed(sql: Harness['sql']): Promise<void> {
  await seedWuxi(sql);
  await sql(`insert into regions (code, name, level, parent_code, city_code) values
    ('520100','贵阳市','city',null,'520100'), ('520102','南明区','district','520100','520100'), ('520103','云岩区','district','520100','520100'),
    ('520102001','花果园街道','street','520102','520100'), ('520103001','中华北路街道','street','520103','520100')`);
  await sql(`insert into institutions values
    ('I-GY-CHC','花果园社区卫生服务中心','community_health_centre','520100','520102','520102001',null,true,true,false),
    ('I-GY-H2','云岩区人民医院','level2_hospital','520100','520103','520103001',null,true,true,false)`);
  await sql(`insert into patients (district_code, id, resident_id, name, sex, birth_date, street_code, scheme, managed, managed_since, managing_institution_id) values
    ('520102','G1','520102195502020011','刘芳','male','1955-02-02','520102001','resident',true,'2021-01-01','I-GY-CHC')`);
  await sql(`insert into patient_diseases values ('520102','G1','hypertension',null,'2015-01-01')`);
  await sql(`insert into certifications values ('520102','G1','G-0001','2021-07-01','I-GY-CHC','{hypertension}',null)`);
  await sql(`insert into benefit_ledger (district_code, patient_id, year, general_outpatient_exhausted) values ('520102','G1',2025,true)`);
}

const PRESCRIBE = `mutation($i: RecordPrescriptionInput!) { recordPrescription(input: $i) { replayed prescription { id districtCode patientId institutionId issuedOn drugCodes diseases prescriptionNo } } }`;
const REFER = `mutation($i: RecordReferralInput!) { recordReferral(input: $i) { replayed referral { id districtCode fromInstitutionId toInstitutionId issuedOn validUntil } } }`;
const FIND = `mutation($i: RecordFindingInput!) { recordFinding(input: $i) { replayed finding { id districtCode code recordedOn retractedOn } } }`;
const RETRACT = `mutation($id: ID!, $on: String!, $r: String!) { retractFinding(findingId: $id, retractedOn: $on, reason: $r) { id retractedOn retractionReason } }`;
const RECORD = `query($p: ID!, $on: String) { clinicalRecord(patientId: $p, on: $on) { districtCode prescriptions { id } referrals { id } findings { code recordedOn retractedOn } findingsInForce } }`;

type Claim = { id: string; outcome: string; fundFen: number; ratioBp: number; hits: { code: string }[]; lines: { lineNo: number; fundFen: number }[] };
type Err = { message: string; extensions: Record<string, unknown> }[] | undefined;
const code = (errors: Err) => errors?.[0]?.extensions.code;
const fields = (errors: Err) =>
  ((errors?.[0]?.extensions.detail as { field: string }[] | undefined) ?? []).map((d) => d.field).concat(String(errors?.[0]?.extensions.field ?? ''));
const auditCount = async (action: string, district: string) =>
  Number((await h.sql<{ n: string }>(`select count(*) as n from audit_log where action = ? and district_code = ?`, [action, district]))[0]!.n);

async function submit(token: string, input: Record<string, unknown>): Promise<Claim> {
  const r = await h.gql<{ submitClaim: { claim: Claim } }>(token, SUBMIT, { input });
  expect(r.errors).toBeUndefined();
  return r.data!.submitClaim.claim;
}

const gyClaim = (over: Record<string, unknown>, lines: [string, number][]) => ({
  ...claimInput({ patientId: 'G1', institutionId: 'I-GY-CHC', ...over }),
  lines: lines.map(([drugCode, amountFen]) => ({ drugCode, form: 'ORAL', quantity: 30, daysSupply: 30, amountFen })),
});

beforeAll(async () => {
  h = await startHarness(seed);
  wuxi = await h.token({ role: 'district_bureau', districtCode: '320213' });
  nanming = await h.token({ role: 'district_bureau', districtCode: '520102', cityCode: '520100' });
});
afterAll(async () => h.close());

describe('source prescriptions (G-5 五(二)4) and extension claims', () => {
  let recent: string;
  let old: string;

  it('records a level-2 prescription, drugs by code or generic name, in the patient’s district, audited; the same number again is a replay', async () => {
    const input = {
      patientId: 'G1',
      institutionId: 'I-GY-H2',
      issuedOn: '2025-01-10',
      drugs: ['amlodipine', '氯沙坦钾'],
      diseases: ['HYPERTENSION'],
      prescriptionNo: 'YY-2025-0001',
    };
    const r = await h.gql<{ recordPrescription: { replayed: boolean; prescription: { id: string; districtCode: string; drugCodes: string[] } } }>(
      nanming,
      PRESCRIBE,
      { i: input },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordPrescription.replayed).toBe(false);
    expect(r.data!.recordPrescription.prescription).toMatchObject({ districtCode: '520102', drugCodes: ['amlodipine', 'losartan'] });
    recent = r.data!.recordPrescription.prescription.id;
    expect(await auditCount('prescription.record', '520102')).toBe(1);

    const again = await h.gql<{ recordPrescription: { replayed: boolean; prescription: { id: string } } }>(nanming, PRESCRIBE, { i: input });
    expect(again.data!.recordPrescription).toMatchObject({ replayed: true, prescription: { id: recent } });
    expect(await auditCount('prescription.record', '520102')).toBe(1);
    const changed = await h.gql(nanming, PRESCRIBE, { i: { ...input, drugs: ['amlodipine'] } });
    expect(code(changed.errors)).toBe('CONFLICT');
  });

  it('refuses a primary-level issuer, an unknown drug (naming its index), a drug outside the catalogue and one of a disease not prescribed', async () => {
    const base = { patientId: 'G1', institutionId: 'I-GY-H2', issuedOn: '2025-02-01', diseases: ['HYPERTENSION'] };
    const primary = await h.gql(nanming, PRESCRIBE, { i: { ...base, institutionId: 'I-GY-CHC', drugs: ['amlodipine'] } });
    expect(code(primary.errors)).toBe('BAD_USER_INPUT');
    expect(fields(primary.errors)).toContain('input.institutionId');
    const unknown = await h.gql(nanming, PRESCRIBE, { i: { ...base, drugs: ['amlodipine', 'snake-oil'] } });
    expect(fields(unknown.errors)).toEqual(['input.drugs[1]', 'input.drugs[1]']);
    // methyldopa is in the drug reference (Wuxi's ATC rule) but not in Guiyang's 附件3; metformin treats diabetes
    const outside = await h.gql(nanming, PRESCRIBE, { i: { ...base, drugs: ['methyldopa', 'metformin'] } });
    expect(fields(outside.errors)).toEqual(expect.arrayContaining(['input.drugs[0]', 'input.drugs[1]']));
    expect(Number((await h.sql<{ n: string }>(`select count(*) as n from prescriptions`))[0]!.n)).toBe(1);
  });

  it('lets the issuing hospital of another district record it, for the patient’s district, without reading the patient; refuses everyone else', async () => {
    const hospital = await h.token({ role: 'institution_operator', districtCode: '520103', cityCode: '520100', institutionId: 'I-GY-H2', userId: 'op-h2' });
    const r = await h.gql<{ recordPrescription: { prescription: { id: string; districtCode: string } } }>(hospital, PRESCRIBE, {
      i: { patientId: 'G1', institutionId: 'I-GY-H2', issuedOn: '2024-11-01', drugs: ['nifedipine'], diseases: ['HYPERTENSION'] },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordPrescription.prescription.districtCode).toBe('520102');
    old = r.data!.recordPrescription.prescription.id;
    const [row] = await h.sql<{ district_code: string; user_id: string }>(
      `select district_code, user_id from audit_log where action = 'prescription.record' and entity_id = ?`,
      [old],
    );
    expect(row).toEqual({ district_code: '520102', user_id: 'op-h2' });
    expect(code((await h.gql(hospital, RECORD, { p: 'G1' })).errors)).toBe('NOT_FOUND');

    const chc = await h.token({ role: 'institution_operator', districtCode: '520102', cityCode: '520100', institutionId: 'I-GY-CHC' });
    const input = { patientId: 'G1', institutionId: 'I-GY-H2', issuedOn: '2025-01-10', drugs: ['amlodipine'], diseases: ['HYPERTENSION'] };
    expect(code((await h.gql(chc, PRESCRIBE, { i: input })).errors)).toBe('FORBIDDEN');
    expect(code((await h.gql(await h.token({ role: 'city_leadership', cityCode: '520100' }), PRESCRIBE, { i: input })).errors)).toBe('FORBIDDEN');
    expect(code((await h.gql(await h.token({ role: 'district_bureau', districtCode: '520103', cityCode: '520100' }), PRESCRIBE, { i: input })).errors)).toBe(
      'NOT_FOUND',
    );
    expect(code((await h.gql(wuxi, PRESCRIBE, { i: input })).errors)).toBe('NOT_FOUND');
  });

  it('pays an extension claim on a prescription within six months at the extension ratio', async () => {
    const c = await submit(
      nanming,
      gyClaim({ pathway: 'EXTENSION', serviceDate: '2025-03-01', sourcePrescriptionId: recent, conditionStable: true }, [['amlodipine', 2_000]]),
    );
    expect(c.hits).toEqual([]);
    expect(c).toMatchObject({ outcome: 'paid', ratioBp: 5_000, fundFen: 1_000 });
  });

  it('does not pay one whose prescription is older than six months (EXTENSION_SOURCE_EXPIRED)', async () => {
    // issued 2024-11-01: valid through 2025-05-01
    const c = await submit(
      nanming,
      gyClaim({ pathway: 'EXTENSION', serviceDate: '2025-05-02', sourcePrescriptionId: old, conditionStable: true }, [['nifedipine', 2_000]]),
    );
    expect(c.hits.map((x) => x.code)).toEqual(['EXTENSION_SOURCE_EXPIRED']);
    expect(c.fundFen).toBe(0);
  });

  it('does not pay a line whose drug is not on the prescription (EXTENSION_DRUG_NOT_PRESCRIBED)', async () => {
    const c = await submit(
      nanming,
      gyClaim({ pathway: 'EXTENSION', serviceDate: '2025-06-01', sourcePrescriptionId: recent, conditionStable: true }, [
        ['losartan', 2_000],
        ['felodipine', 1_000],
      ]),
    );
    expect(c.hits.map((x) => x.code)).toEqual(['EXTENSION_DRUG_NOT_PRESCRIBED']);
    expect(c.lines.map((l) => l.fundFen)).toEqual([1_000, 0]);
  });

  it('refuses a prescription id that is not this patient’s', async () => {
    const r = await h.gql(nanming, SUBMIT, {
      input: gyClaim({ pathway: 'EXTENSION', serviceDate: '2025-06-10', sourcePrescriptionId: 'nope', conditionStable: true }, [['amlodipine', 100]]),
    });
    expect(fields(r.errors)).toContain('input.sourcePrescriptionId');
  });
});

describe('referrals (W-6 三(三)) and referral claims (W-3: 50 %)', () => {
  const referral = { patientId: 'P1', fromInstitutionId: 'I-LX-CHC', toInstitutionId: 'I-LX-H2', issuedOn: '2025-05-01', reason: '需专科评估' };

  it('records the designated institution’s referral (its operator may), audited; a claim at the receiving hospital that names none finds it and is paid 50 %', async () => {
    const chcOperator = await h.token({ role: 'institution_operator', districtCode: '320213', institutionId: 'I-LX-CHC' });
    const r = await h.gql<{ recordReferral: { replayed: boolean; referral: { districtCode: string } } }>(chcOperator, REFER, { i: referral });
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordReferral).toMatchObject({ replayed: false, referral: { districtCode: '320213' } });
    expect(await auditCount('referral.record', '320213')).toBe(1);
    expect((await h.gql<{ recordReferral: { replayed: boolean } }>(wuxi, REFER, { i: referral })).data!.recordReferral.replayed).toBe(true);
    expect(code((await h.gql(wuxi, REFER, { i: { ...referral, reason: '另一理由' } })).errors)).toBe('CONFLICT');

    const c = await submit(
      wuxi,
      claimInput({ institutionId: 'I-LX-H2', pathway: 'REFERRAL', serviceDate: '2025-05-10' }, { drugCode: 'valsartan', amountFen: 3_001 }),
    );
    expect(c.hits).toEqual([]);
    expect(c).toMatchObject({ outcome: 'paid', ratioBp: 5_000, fundFen: 1_500 });
    const [stored] = await h.sql<{ f: string; d: string }>(
      `select referral_from_institution_id as f, to_char(referral_issued_on, 'YYYY-MM-DD') as d from claims where id = ?::uuid`,
      [c.id],
    );
    expect(stored).toEqual({ f: 'I-LX-CHC', d: '2025-05-01' });
  });

  it('pays a claim that names the referral on record; refuses one that names a referral not on record', async () => {
    const named = await submit(
      wuxi,
      claimInput(
        { institutionId: 'I-LX-H2', pathway: 'REFERRAL', serviceDate: '2025-06-20', referralFromInstitutionId: 'I-LX-CHC', referralIssuedOn: '2025-05-01' },
        { drugCode: 'nifedipine', amountFen: 1_000 },
      ),
    );
    expect(named).toMatchObject({ ratioBp: 5_000, fundFen: 500 });
    const r = await h.gql(wuxi, SUBMIT, {
      input: claimInput(
        { institutionId: 'I-LX-H2', pathway: 'REFERRAL', serviceDate: '2025-06-21', referralFromInstitutionId: 'I-LX-CHC', referralIssuedOn: '2025-04-01' },
        { drugCode: 'bisoprolol' },
      ),
    });
    expect(code(r.errors)).toBe('BAD_USER_INPUT');
    expect(fields(r.errors)).toContain('input.referralFromInstitutionId');
  });

  it('does not pay where no referral is in force on the service date (REFERRAL_MISSING), an expired one included', async () => {
    const none = await submit(wuxi, claimInput({ institutionId: 'I-LX-H3', pathway: 'REFERRAL', serviceDate: '2025-05-12' }, { drugCode: 'metoprolol' }));
    expect(none.hits.map((x) => x.code)).toEqual(['REFERRAL_MISSING']);
    expect(
      (await h.gql(wuxi, REFER, { i: { ...referral, toInstitutionId: 'I-LX-H3', issuedOn: '2025-05-13', validUntil: '2025-05-20' } })).errors,
    ).toBeUndefined();
    const expired = await submit(wuxi, claimInput({ institutionId: 'I-LX-H3', pathway: 'REFERRAL', serviceDate: '2025-05-25' }, { drugCode: 'atenolol' }));
    expect(expired.hits.map((x) => x.code)).toEqual(['REFERRAL_MISSING']);
    const inForce = await submit(
      wuxi,
      claimInput({ institutionId: 'I-LX-H3', pathway: 'REFERRAL', serviceDate: '2025-05-18' }, { drugCode: 'indapamide', amountFen: 2_000 }),
    );
    expect(inForce).toMatchObject({ ratioBp: 5_000, fundFen: 1_000 });
  });

  it('refuses a referral not from the designated institution, dated wrong, or recorded by another institution’s operator', async () => {
    const notDesignated = await h.gql(wuxi, REFER, { i: { ...referral, fromInstitutionId: 'I-LX-H2', toInstitutionId: 'I-LX-H3' } });
    expect(fields(notDesignated.errors)).toContain('input.fromInstitutionId');
    const backwards = await h.gql(wuxi, REFER, { i: { ...referral, issuedOn: '2025-05-02', validUntil: '2025-05-01' } });
    expect(fields(backwards.errors)).toContain('input.validUntil');
    const hospital = await h.token({ role: 'institution_operator', districtCode: '320213', institutionId: 'I-LX-H2' });
    expect(code((await h.gql(hospital, REFER, { i: { ...referral, issuedOn: '2025-05-03' } })).errors)).toBe('FORBIDDEN');
    expect(code((await h.gql(nanming, REFER, { i: referral })).errors)).toBe('NOT_FOUND');
  });
});

describe('clinical findings for catalogue restrictions (附件3 row 33 托拉塞米: 限需迅速利尿或不能口服利尿剂的充血性心力衰竭患者)', () => {
  let findingId: string;
  const finding = {
    patientId: 'G1',
    code: 'chf_needs_rapid_or_parenteral_diuresis',
    recordedOn: '2025-03-10',
    institutionId: 'I-GY-H2',
    source: '出院记录 2025-03-10',
  };
  const torasemide = (date: string) => gyClaim({ serviceDate: date }, [['torasemide', 3_000]]);

  it('does not pay the restricted drug for a patient without the finding', async () => {
    const c = await submit(nanming, torasemide('2025-02-01'));
    expect(c.hits.map((x) => x.code)).toEqual(['RESTRICTION_NOT_MET']);
    expect(c.fundFen).toBe(0);
  });

  it('refuses an unknown code, listing the allowed ones', async () => {
    const r = await h.gql(nanming, FIND, { i: { ...finding, code: 'type1_diabetes' } });
    expect(code(r.errors)).toBe('BAD_USER_INPUT');
    expect(fields(r.errors)).toContain('input.code');
    expect(r.errors![0]!.message).toContain('chronic_heart_failure_nyha_2_4');
    expect(r.errors![0]!.message).toContain('first_line_contraindicated');
  });

  it('pays it once the finding is recorded before the service date, and not for a date before it', async () => {
    const r = await h.gql<{ recordFinding: { replayed: boolean; finding: { id: string; districtCode: string } } }>(nanming, FIND, { i: finding });
    expect(r.errors).toBeUndefined();
    findingId = r.data!.recordFinding.finding.id;
    expect(r.data!.recordFinding.finding.districtCode).toBe('520102');
    expect(await auditCount('finding.record', '520102')).toBe(1);
    expect((await h.gql<{ recordFinding: { replayed: boolean } }>(nanming, FIND, { i: finding })).data!.recordFinding.replayed).toBe(true);
    expect(code((await h.gql(nanming, FIND, { i: { ...finding, source: '另一份记录' } })).errors)).toBe('CONFLICT');

    const before = await submit(nanming, torasemide('2025-03-09'));
    expect(before.hits.map((x) => x.code)).toEqual(['RESTRICTION_NOT_MET']);
    const after = await submit(nanming, torasemide('2025-03-10'));
    expect(after.hits).toEqual([]);
    expect(after.fundFen).toBe(1_500);
  });

  it('keeps the history when retracted: not in force from the retraction, the earlier claim stays paid', async () => {
    const r = await h.gql<{ retractFinding: { retractedOn: string } }>(nanming, RETRACT, { id: findingId, on: '2025-04-20', r: '复查排除' });
    expect(r.errors).toBeUndefined();
    expect(code((await h.gql(nanming, RETRACT, { id: findingId, on: '2025-04-21', r: 'again' })).errors)).toBe('CONFLICT');
    expect(await auditCount('finding.retract', '520102')).toBe(1);
    const later = await submit(nanming, torasemide('2025-04-20'));
    expect(later.hits.map((x) => x.code)).toEqual(['RESTRICTION_NOT_MET']);

    type Rec = { clinicalRecord: { findings: { code: string; retractedOn: string | null }[]; findingsInForce: string[]; prescriptions: unknown[] } };
    const onApril = await h.gql<Rec>(nanming, RECORD, { p: 'G1', on: '2025-04-19' });
    expect(onApril.data!.clinicalRecord.findingsInForce).toEqual(['chf_needs_rapid_or_parenteral_diuresis']);
    expect(onApril.data!.clinicalRecord.prescriptions).toHaveLength(2);
    const onMay = await h.gql<Rec>(nanming, RECORD, { p: 'G1', on: '2025-05-01' });
    expect(onMay.data!.clinicalRecord.findingsInForce).toEqual([]);
    expect(onMay.data!.clinicalRecord.findings).toEqual([
      { code: 'chf_needs_rapid_or_parenteral_diuresis', recordedOn: '2025-03-10', retractedOn: '2025-04-20' },
    ]);
    const [paid] = await h.sql<{ fund_fen: string; status: string }>(
      `select fund_fen, status from claims where patient_id = 'G1' and service_date = '2025-03-10'`,
    );
    expect(paid).toEqual({ fund_fen: '1500', status: 'accepted' });
  });

  it('is recorded by the bureau or the finding institution’s operator; others are refused', async () => {
    const hospital = await h.token({ role: 'institution_operator', districtCode: '520103', cityCode: '520100', institutionId: 'I-GY-H2' });
    const ok = await h.gql(hospital, FIND, { i: { ...finding, code: 'first_line_contraindicated', recordedOn: '2025-05-01' } });
    expect(ok.errors).toBeUndefined();
    const chc = await h.token({ role: 'institution_operator', districtCode: '520102', cityCode: '520100', institutionId: 'I-GY-CHC' });
    expect(code((await h.gql(chc, FIND, { i: { ...finding, recordedOn: '2025-05-02' } })).errors)).toBe('FORBIDDEN');
    expect(code((await h.gql(await h.token({ role: 'auditor', cityCode: '520100' }), FIND, { i: { ...finding, recordedOn: '2025-05-02' } })).errors)).toBe(
      'FORBIDDEN',
    );
    expect(code((await h.gql(wuxi, FIND, { i: finding })).errors)).toBe('NOT_FOUND');
    expect(code((await h.gql(chc, RETRACT, { id: findingId, on: '2025-05-01', r: 'x' })).errors)).toBe('FORBIDDEN');
    expect(code((await h.gql(wuxi, RETRACT, { id: findingId, on: '2025-05-01', r: 'x' })).errors)).toBe('NOT_FOUND');
  });

  it('lists the codes with the drugs each unlocks in the catalogue in force', async () => {
    const r = await h.gql<{ clinicalFindingCodes: { code: string; drugs: { drugCode: string }[] }[] }>(
      nanming,
      `{ clinicalFindingCodes(cityCode: "520100", date: "2025-06-01") { code drugs { drugCode } } }`,
    );
    const byCode = new Map(r.data!.clinicalFindingCodes.map((c) => [c.code, c.drugs.map((d) => d.drugCode)]));
    expect(byCode.get('chf_needs_rapid_or_parenteral_diuresis')).toEqual(['torasemide']);
    expect(byCode.get('first_line_contraindicated')).toEqual(expect.arrayContaining(['empagliflozin', 'linagliptin']));
  });
});

describe('after the clinical records and their claims', () => {
  it('the rollups equal the raw tables', async () => {
    const check = await checkRollups(h.orm.em.fork());
    expect(check.mismatches).toEqual([]);
  });
});
