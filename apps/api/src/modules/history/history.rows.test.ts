import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, parseHistoryLine, type ParseResult, type ProblemCode } from './history.rows';

const TODAY = '2025-06-30';
const RESIDENT = '11010519491231002X';

const patient = {
  kind: 'patient',
  districtCode: '320213',
  id: 'P-1',
  residentId: RESIDENT,
  name: '张三',
  scheme: 'resident',
  diseases: [{ disease: 'hypertension', diagnosedOn: '2020-01-01' }],
};
const claim = {
  kind: 'claim',
  districtCode: '320213',
  key: 'OLD-1',
  patientId: 'P-1',
  institutionId: 'I-LX-CHC',
  serviceDate: '2025-03-01',
  pathway: 'designated',
  lines: [{ drugCode: 'amlodipine', form: 'oral', quantity: 30, daysSupply: 30, amountFen: 1000 }],
  fundFen: 700,
};

const parse = (o: unknown, row = 7): ParseResult => parseHistoryLine(typeof o === 'string' ? o : JSON.stringify(o), row, TODAY);
const problems = (o: unknown) => {
  const r = parse(o);
  if (r.ok) throw new Error('expected problems');
  return r.problems.map((p) => [p.field, p.code] as [string, ProblemCode]);
};

describe('the history line format', () => {
  it('reads a patient, taking sex and birth date from the resident ID', () => {
    const r = parse(patient);
    expect(r).toMatchObject({ ok: true, row: { kind: 'patient', id: 'P-1', sex: 'female', birthDate: '1949-12-31', managed: false, streetCode: null } });
  });

  it('reads a claim with its lines and the old amount', () => {
    const r = parse(claim);
    expect(r).toMatchObject({
      ok: true,
      row: {
        kind: 'claim',
        key: 'OLD-1',
        fundFen: 700,
        conditionStable: false,
        referralFromInstitutionId: null,
        lines: [{ drugCode: 'amlodipine', amountFen: 1000 }],
      },
    });
  });

  it('reads the other kinds', () => {
    expect(
      parse({
        kind: 'certification',
        districtCode: '320213',
        patientId: 'P-1',
        certificateNo: 'C-1',
        certifiedOn: '2024-01-02',
        institutionId: 'I-LX-H2',
        diseases: ['hypertension'],
      }).ok,
    ).toBe(true);
    expect(
      parse({ kind: 'designation', districtCode: '320213', patientId: 'P-1', institutionId: 'I-LX-CHC', validFrom: '2024-01-02', requestedOn: '2023-12-20' }),
    ).toMatchObject({ ok: true, row: { validTo: null, atEnrolment: false } });
    expect(
      parse({
        kind: 'followUp',
        districtCode: '320213',
        key: 'F-1',
        patientId: 'P-1',
        institutionId: 'I-LX-CHC',
        date: '2025-01-05',
        faceToFace: true,
        systolic: 130,
        diastolic: 85,
      }).ok,
    ).toBe(true);
    expect(parse({ kind: 'generalOutpatient', districtCode: '320213', patientId: 'P-1', year: 2025, fundPaidFen: 1200, exhausted: false }).ok).toBe(true);
  });

  it('names the row, field and coded reason of each problem', () => {
    const r = parse({ ...claim, fundFen: 'x' }, 42);
    expect(r).toEqual({ ok: false, districtCode: '320213', problems: [{ row: 42, field: 'fundFen', code: 'bad_type', message: 'must be an integer' }] });
  });

  it('refuses what is not one JSON object of a known kind', () => {
    expect(problems('{"kind":')).toEqual([['', 'not_json']]);
    expect(problems('[1,2]')).toEqual([['', 'not_object']]);
    expect(problems({ ...claim, kind: 'invoice' })).toEqual([['kind', 'unknown_kind']]);
    expect(problems(`{"kind":"claim","x":"${'a'.repeat(MAX_LINE_CHARS)}"}`)).toEqual([['', 'line_too_long']]);
  });

  it('codes missing, mistyped and malformed fields', () => {
    const { patientId: _omit, ...noPatient } = claim;
    expect(problems(noPatient)).toEqual([['patientId', 'missing']]);
    expect(problems({ ...claim, patientId: 12 })).toEqual([['patientId', 'bad_type']]);
    expect(problems({ ...claim, patientId: 'P 1/2' })).toEqual([['patientId', 'bad_id']]);
    expect(problems({ ...claim, districtCode: '32A' })).toEqual([['districtCode', 'bad_id']]);
    expect(problems({ ...claim, pathway: 'walk_in' })).toEqual([['pathway', 'bad_value']]);
    expect(problems({ ...claim, conditionStable: 'yes' })).toEqual([['conditionStable', 'bad_type']]);
  });

  it('codes dates: not a calendar date, in the future, before 2000', () => {
    expect(problems({ ...claim, serviceDate: '2025-02-30' })).toEqual([['serviceDate', 'bad_date']]);
    expect(problems({ ...claim, serviceDate: '2025-07-01' })).toEqual([['serviceDate', 'future_date']]);
    expect(problems({ ...claim, serviceDate: '1999-12-31' })).toEqual([['serviceDate', 'out_of_range']]);
  });

  it('codes the lines: none, an unknown drug, a bad amount, each named by its index', () => {
    expect(problems({ ...claim, lines: [] })).toEqual([['lines', 'out_of_range']]);
    expect(problems({ ...claim, lines: [{ ...claim.lines[0], drugCode: 'snake-oil' }] })).toEqual([['lines[0].drugCode', 'unknown_drug']]);
    expect(problems({ ...claim, lines: [claim.lines[0], { ...claim.lines[0], amountFen: 0, form: 'patch' }], fundFen: 0 })).toEqual([
      ['lines[1].form', 'bad_value'],
      ['lines[1].amountFen', 'out_of_range'],
    ]);
  });

  it('codes inconsistent fields: more paid than charged, half a referral, half a pressure, dates in the wrong order', () => {
    expect(problems({ ...claim, fundFen: 1001 })).toEqual([['fundFen', 'inconsistent']]);
    expect(problems({ ...claim, referralFromInstitutionId: 'I-LX-H2' })).toEqual([['referralIssuedOn', 'inconsistent']]);
    expect(
      problems({
        kind: 'followUp',
        districtCode: '320213',
        key: 'F-1',
        patientId: 'P-1',
        institutionId: 'I-LX-CHC',
        date: '2025-01-05',
        faceToFace: true,
        systolic: 130,
      }),
    ).toEqual([['diastolic', 'inconsistent']]);
    expect(
      problems({
        kind: 'designation',
        districtCode: '320213',
        patientId: 'P-1',
        institutionId: 'I-LX-CHC',
        validFrom: '2024-01-02',
        validTo: '2023-01-01',
        requestedOn: '2023-12-20',
      }),
    ).toEqual([['validTo', 'inconsistent']]);
    expect(
      problems({
        kind: 'certification',
        districtCode: '320213',
        patientId: 'P-1',
        certificateNo: 'C-1',
        certifiedOn: '2024-01-02',
        institutionId: 'I-LX-H2',
        diseases: ['hypertension'],
        revokedOn: '2023-01-01',
      }),
    ).toEqual([['revokedOn', 'inconsistent']]);
  });

  it('codes a patient: a bad resident ID, a disease twice, managed without a date, a type for hypertension', () => {
    expect(problems({ ...patient, residentId: '110105194912310021' })).toEqual([['residentId', 'bad_value']]);
    expect(problems({ ...patient, diseases: [patient.diseases[0], patient.diseases[0]] })).toEqual([['diseases', 'bad_value']]);
    expect(problems({ ...patient, managed: true })).toEqual([['managedSince', 'missing']]);
    expect(problems({ ...patient, diseases: [{ disease: 'hypertension', diabetesType: 'type2', diagnosedOn: '2020-01-01' }] })).toEqual([
      ['diseases[0].diabetesType', 'inconsistent'],
    ]);
    expect(problems({ ...patient, name: '   ' })).toEqual([['name', 'out_of_range']]);
  });

  it('reports every problem of a row at once', () => {
    expect(
      problems({ ...claim, patientId: null, serviceDate: 'soon', fundFen: -1 })
        .map(([f]) => f)
        .sort(),
    ).toEqual(['fundFen', 'patientId', 'serviceDate']);
  });
});
