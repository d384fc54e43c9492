/**
 * Matching the health commission's managed-patient list against the insurance rolls (G-1; 附件2
 * item 3). Checks every row and sorts the good ones into outcomes; pure, so that the rules read in
 * one place:
 * - certified: insured in the residents' scheme and certified for every listed disease on record;
 * - to_certify: insured but not (fully) certified: certify in bulk (附件2 item 3 一);
 * - diagnosis_missing: insured, but none of the listed diseases is on the insurance record:
 *   certification follows a diagnosis at a designated institution (G-3), so it is listed apart;
 * - employee_scheme: insured under the employees' scheme (职工医保), which this benefit is not for (W-1);
 * - to_mobilise: not insured, or unknown to the insurance rolls: mobilise enrolment (附件2 item 3 二);
 * - exempt: legitimately not insured (服刑, 参军, 外地参保), with its ledger entry (附件2 item 3 二).
 */
import { maskResidentId, validateResidentId } from '@liangbing/policy';
import { parseDiseases, type RawRosterRow } from './roster.parse';
import type { ExemptReason, NewRow, PatientMatch, RosterProblem } from './roster.repository';

export interface MatchInput {
  districtCode: string;
  rows: readonly RawRosterRow[];
  /** patients with the rows' resident IDs in any district of the city */
  patients: readonly PatientMatch[];
  institutions: readonly { id: string; name: string }[];
  ledger: ReadonlyMap<string, ExemptReason>;
}

/** Reasons the demo and the outpatient system record on a patient, as the plan words them. */
const REASON_WORDS: Readonly<Record<string, ExemptReason>> = {
  服刑: 'serving_sentence',
  参军: 'military_service',
  服兵役: 'military_service',
  外地参保: 'insured_elsewhere',
  serving_sentence: 'serving_sentence',
  military_service: 'military_service',
  insured_elsewhere: 'insured_elsewhere',
};

/** What is wrong with a resident ID, in Chinese: the Chinese message names it, not the core's code. */
const ID_PROBLEM_ZH: Record<string, string> = { length: '位数不是18位', characters: '含非法字符', birth_date: '出生日期无效', check_digit: '校验位错误' };

export function exemptReasonOf(text: string | null): ExemptReason | null {
  return text === null ? null : (REASON_WORDS[text.trim()] ?? null);
}

export function matchRoster(input: MatchInput): { rows: NewRow[]; problems: RosterProblem[] } {
  const problems: RosterProblem[] = [];
  const problem = (rowNo: number, code: string, field: string, en: string, zh: string) => problems.push({ rowNo, code, field, messageEn: en, messageZh: zh });
  const here = new Map<string, PatientMatch>();
  const elsewhere = new Map<string, PatientMatch>();
  for (const p of input.patients) (p.district_code === input.districtCode ? here : elsewhere).set(p.resident_id, p);
  const byId = new Map(input.institutions.map((i) => [i.id, i]));
  const byName = new Map(input.institutions.map((i) => [i.name, i]));
  const firstRowOf = new Map<string, number>();
  const rows: NewRow[] = [];

  for (const r of input.rows) {
    const before = problems.length;
    const rid = validateResidentId(r.residentId);
    if (r.residentIdNumeric)
      problem(
        r.rowNo,
        'RESIDENT_ID_AS_NUMBER',
        'residentId',
        'the ID was stored as a number and has lost digits: format the column as text',
        '身份证号被存为数字，已丢失位数，请将该列设为文本',
      );
    else if (!rid.ok)
      problem(
        r.rowNo,
        'INVALID_RESIDENT_ID',
        'residentId',
        `invalid resident ID (${rid.problem}, GB 11643)`,
        `身份证号无效（${ID_PROBLEM_ZH[rid.problem]}，GB 11643）`,
      );
    else {
      const first = firstRowOf.get(r.residentId);
      if (first !== undefined) problem(r.rowNo, 'DUPLICATE_IN_FILE', 'residentId', `the same resident ID as row ${first}`, `与第${first}行身份证号重复`);
      else firstRowOf.set(r.residentId, r.rowNo);
    }
    if (r.name === '' || r.name.length > 50)
      problem(r.rowNo, 'MISSING_NAME', 'name', 'the name is missing or longer than 50 characters', '姓名缺失或超过50个字符');
    const diseases = parseDiseases(r.diseases);
    if (diseases === null)
      problem(r.rowNo, 'UNKNOWN_DISEASE', 'diseases', `“${r.diseases.slice(0, 20)}” is not 高血压 or 糖尿病`, `“${r.diseases.slice(0, 20)}”不是高血压或糖尿病`);
    const institution =
      (r.institutionId !== '' ? byId.get(r.institutionId) : undefined) ?? (r.institutionName !== '' ? byName.get(r.institutionName) : undefined);
    if (institution === undefined) {
      const shown = (r.institutionId || r.institutionName).slice(0, 40);
      problem(r.rowNo, 'UNKNOWN_INSTITUTION', 'institution', `no institution “${shown}” in this district`, `本辖区无机构“${shown}”`);
    }
    const patient = here.get(r.residentId);
    if (patient === undefined && elsewhere.has(r.residentId)) {
      problem(
        r.rowNo,
        'OTHER_DISTRICT_PATIENT',
        'residentId',
        'the person is registered in another district: that district matches them',
        '该人员登记在其他辖区，应由所在辖区比对',
      );
    }
    if (patient !== undefined && r.name !== '' && patient.name !== r.name) {
      problem(
        r.rowNo,
        'NAME_MISMATCH',
        'name',
        'the name differs from the insurance record for this ID: check the ID',
        '姓名与该身份证号的参保登记不一致，请核对',
      );
    }
    if (problems.length > before) continue;

    const base = {
      rowNo: r.rowNo,
      residentId: r.residentId,
      name: r.name,
      diseases: diseases!,
      institutionId: institution!.id,
      patientId: patient?.id ?? null,
      certifyDiseases: [] as string[],
      exemptReason: null,
    };
    const ledger = input.ledger.get(r.residentId) ?? null;
    if (patient === undefined || patient.scheme === 'uninsured') {
      const reason = ledger ?? exemptReasonOf(patient?.uninsured_reason ?? null);
      rows.push(reason === null ? { ...base, outcome: 'to_mobilise' } : { ...base, outcome: 'exempt', exemptReason: reason });
      continue;
    }
    if (patient.scheme === 'employee') {
      rows.push({ ...base, outcome: 'employee_scheme' });
      continue;
    }
    const onRecord = diseases!.filter((d) => patient.diseases.includes(d));
    if (onRecord.length === 0) {
      rows.push({ ...base, outcome: 'diagnosis_missing' });
      continue;
    }
    const certified = patient.certified_diseases ?? [];
    if (onRecord.every((d) => certified.includes(d))) rows.push({ ...base, outcome: 'certified' });
    else rows.push({ ...base, outcome: 'to_certify', certifyDiseases: [...new Set([...certified, ...onRecord])].sort() });
  }
  return { rows, problems };
}

/** Resident IDs in problems and lists are masked unless the viewer may see them (auditors). */
export function shownId(id: string, unmasked: boolean): string {
  return unmasked ? id : maskResidentId(id);
}
