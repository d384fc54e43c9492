/**
 * The history file's line format (docs/history-import.md): NDJSON, one record a line, `kind` one of
 * patient | certification | designation | generalOutpatient | followUp | claim, every record naming
 * its district. Pure: a line in, a typed record or its problems out, each problem with the field and
 * a coded reason, so that a refused row is reported and nothing of it is written. Checks that need
 * the database (a known institution, street or patient, the importer's scope) are the importer's.
 */
import {
  drugByCode,
  isIsoDate,
  MAX_LINE_AMOUNT_FEN,
  PATHWAYS,
  validateResidentId,
  type DiabetesType,
  type Disease,
  type InsuranceScheme,
  type Pathway,
} from '@liangbing/policy';

export type ProblemCode =
  | 'not_json'
  | 'not_object'
  | 'unknown_kind'
  | 'missing'
  | 'bad_type'
  | 'bad_id'
  | 'bad_date'
  | 'future_date'
  | 'bad_value'
  | 'out_of_range'
  | 'unknown_drug'
  | 'inconsistent'
  | 'line_too_long'
  // the importer's, against the database and the file so far
  | 'outside_scope'
  | 'unknown_district'
  | 'unknown_street'
  | 'unknown_institution'
  | 'unknown_patient'
  | 'resident_id_taken'
  | 'active_certificate_exists'
  | 'period_closed'
  | 'patient_left'
  | 'claim_refused';

export interface RowProblem {
  row: number;
  field: string;
  code: ProblemCode;
  message: string;
}

export interface PatientRow {
  kind: 'patient';
  districtCode: string;
  id: string;
  residentId: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  streetCode: string | null;
  phone: string | null;
  scheme: InsuranceScheme;
  managed: boolean;
  managedSince: string | null;
  managingInstitutionId: string | null;
  chronicProgrammeDiseases: Disease[];
  diseases: { disease: Disease; diabetesType: DiabetesType | null; diagnosedOn: string }[];
}

export interface CertificationRow {
  kind: 'certification';
  districtCode: string;
  patientId: string;
  certificateNo: string;
  certifiedOn: string;
  institutionId: string;
  diseases: Disease[];
  revokedOn: string | null;
}

export interface DesignationRow {
  kind: 'designation';
  districtCode: string;
  patientId: string;
  institutionId: string;
  validFrom: string;
  validTo: string | null;
  /** may lie in the past: the import role back-dates (a user's designateInstitution never does) */
  requestedOn: string;
  atEnrolment: boolean;
}

export interface GeneralOutpatientRow {
  kind: 'generalOutpatient';
  districtCode: string;
  patientId: string;
  year: number;
  fundPaidFen: number;
  exhausted: boolean;
}

export interface FollowUpRow {
  kind: 'followUp';
  districtCode: string;
  key: string;
  patientId: string;
  institutionId: string;
  date: string;
  faceToFace: boolean;
  systolic: number | null;
  diastolic: number | null;
  fastingGlucoseTenths: number | null;
}

export interface ClaimLineRow {
  drugCode: string;
  form: 'oral' | 'injection';
  quantity: number;
  daysSupply: number;
  amountFen: number;
}

export interface ClaimRow {
  kind: 'claim';
  districtCode: string;
  /** the old system's claim id: the row's stable key (a rerun stores it once) */
  key: string;
  patientId: string;
  institutionId: string;
  serviceDate: string;
  pathway: Pathway;
  referralFromInstitutionId: string | null;
  referralIssuedOn: string | null;
  conditionStable: boolean;
  lines: ClaimLineRow[];
  /** what the old system paid from the fund, in fen; the patient paid the rest */
  fundFen: number;
}

export type HistoryRow = PatientRow | CertificationRow | DesignationRow | GeneralOutpatientRow | FollowUpRow | ClaimRow;
export const KINDS = ['patient', 'certification', 'designation', 'generalOutpatient', 'followUp', 'claim'] as const;
export type Kind = (typeof KINDS)[number];

/** A line longer than this is refused unread (a claim of 20 lines is about 2 kB). */
export const MAX_LINE_CHARS = 16_384;
const ID = /^[A-Za-z0-9._-]{1,64}$/;
const KEY = /^[A-Za-z0-9._:-]{1,120}$/;
const CODE = /^\d{6,12}$/;
const DISEASES: readonly Disease[] = ['hypertension', 'diabetes'];
const SCHEMES: readonly InsuranceScheme[] = ['resident', 'employee', 'uninsured'];
const DIABETES_TYPES: readonly DiabetesType[] = ['type1', 'type2', 'other'];
const MAX_LINES = 20;

export type ParseResult = { ok: true; row: HistoryRow } | { ok: false; problems: RowProblem[]; districtCode: string | null };

class Reader {
  constructor(
    private readonly rowNo: number,
    private readonly o: Record<string, unknown>,
    readonly today: string,
    private readonly prefix = '',
    /** shared with the nested readers of a record's lists */
    readonly problems: RowProblem[] = [],
  ) {}

  private add(field: string, code: ProblemCode, message: string): void {
    this.problems.push({ row: this.rowNo, field: `${this.prefix}${field}`, code, message });
  }

  has(f: string): boolean {
    return this.present(f) !== undefined;
  }

  private present(f: string): unknown {
    const v = this.o[f];
    return v === null ? undefined : v;
  }

  nested(o: Record<string, unknown>, prefix: string): Reader {
    return new Reader(this.rowNo, o, this.today, `${this.prefix}${prefix}`, this.problems);
  }

  id(f: string, pattern = ID): string {
    const v = this.present(f);
    if (v === undefined) this.add(f, 'missing', 'required');
    else if (typeof v !== 'string') this.add(f, 'bad_type', 'must be a string');
    else if (!pattern.test(v)) this.add(f, 'bad_id', 'letters, digits and . _ - (and : for a key), at most 64 (120) characters');
    else return v;
    return '';
  }

  optionalId(f: string): string | null {
    return this.present(f) === undefined ? null : this.id(f);
  }

  code(f: string): string {
    return this.id(f, CODE);
  }

  text(f: string, max: number): string {
    const v = this.present(f);
    if (v === undefined) this.add(f, 'missing', 'required');
    else if (typeof v !== 'string') this.add(f, 'bad_type', 'must be a string');
    else if (v.trim().length === 0 || v.length > max) this.add(f, 'out_of_range', `1–${max} characters`);
    else return v;
    return '';
  }

  optionalText(f: string, max: number): string | null {
    return this.present(f) === undefined ? null : this.text(f, max);
  }

  /** @param min the earliest date accepted: 2000 for the programme's events, 1900 for a diagnosis or the start of management */
  date(f: string, min = '2000-01-01'): string {
    const v = this.present(f);
    if (v === undefined) this.add(f, 'missing', 'required');
    else if (typeof v !== 'string' || !isIsoDate(v)) this.add(f, 'bad_date', 'must be a calendar date YYYY-MM-DD');
    else if (v > this.today) this.add(f, 'future_date', `is after today (${this.today}): a history holds the past`);
    else if (v < min) this.add(f, 'out_of_range', `is before ${min}`);
    else return v;
    return '';
  }

  optionalDate(f: string, min?: string): string | null {
    return this.present(f) === undefined ? null : this.date(f, min);
  }

  bool(f: string, fallback?: boolean): boolean {
    const v = this.present(f);
    if (v === undefined && fallback !== undefined) return fallback;
    if (v === undefined) this.add(f, 'missing', 'required');
    else if (typeof v !== 'boolean') this.add(f, 'bad_type', 'must be true or false');
    else return v;
    return false;
  }

  int(f: string, min: number, max: number): number {
    const v = this.present(f);
    if (v === undefined) this.add(f, 'missing', 'required');
    else if (typeof v !== 'number' || !Number.isSafeInteger(v)) this.add(f, 'bad_type', 'must be an integer');
    else if (v < min || v > max) this.add(f, 'out_of_range', `must be ${min}–${max}`);
    else return v;
    return 0;
  }

  optionalInt(f: string, min: number, max: number): number | null {
    return this.present(f) === undefined ? null : this.int(f, min, max);
  }

  oneOf<T extends string>(f: string, values: readonly T[]): T {
    const v = this.present(f);
    if (v === undefined) this.add(f, 'missing', 'required');
    else if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) this.add(f, 'bad_value', `must be one of ${values.join(', ')}`);
    else return v as T;
    return values[0]!;
  }

  diseaseList(f: string, required: boolean): Disease[] {
    const v = this.present(f);
    if (v === undefined) {
      if (required) this.add(f, 'missing', 'required');
      return [];
    }
    if (!Array.isArray(v) || v.some((d) => typeof d !== 'string' || !(DISEASES as readonly string[]).includes(d))) {
      this.add(f, 'bad_value', `a list of ${DISEASES.join(', ')}`);
      return [];
    }
    if (new Set(v).size !== v.length || (required && v.length === 0)) this.add(f, 'bad_value', 'each disease once, at least one');
    return v as Disease[];
  }

  list(f: string, max: number): Record<string, unknown>[] {
    const v = this.present(f);
    if (v === undefined) this.add(f, 'missing', 'required');
    else if (!Array.isArray(v)) this.add(f, 'bad_type', 'must be a list');
    else if (v.length === 0 || v.length > max) this.add(f, 'out_of_range', `1–${max} entries`);
    else if (v.some((e) => typeof e !== 'object' || e === null || Array.isArray(e))) this.add(f, 'bad_type', 'each entry an object');
    else return v as Record<string, unknown>[];
    return [];
  }

  problem(field: string, code: ProblemCode, message: string): void {
    this.add(field, code, message);
  }
}

/**
 * Parses and checks one line. `rowNo` is the line's number in the file (1-based); `today` bounds the
 * dates (a history is the past).
 */
export function parseHistoryLine(line: string, rowNo: number, today: string): ParseResult {
  if (line.length > MAX_LINE_CHARS)
    return {
      ok: false,
      districtCode: null,
      problems: [{ row: rowNo, field: '', code: 'line_too_long', message: `a line holds at most ${MAX_LINE_CHARS} characters` }],
    };
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return { ok: false, districtCode: null, problems: [{ row: rowNo, field: '', code: 'not_json', message: 'not a JSON value' }] };
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o))
    return { ok: false, districtCode: null, problems: [{ row: rowNo, field: '', code: 'not_object', message: 'each line is one JSON object' }] };
  const obj = o as Record<string, unknown>;
  const r = new Reader(rowNo, obj, today);
  const kind = obj.kind;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    return {
      ok: false,
      districtCode: null,
      problems: [{ row: rowNo, field: 'kind', code: 'unknown_kind', message: `kind must be one of ${KINDS.join(', ')}` }],
    };
  }
  const districtCode = r.code('districtCode');
  const row = readKind(kind as Kind, r, districtCode);
  if (r.problems.length > 0) return { ok: false, problems: r.problems, districtCode: districtCode === '' ? null : districtCode };
  return { ok: true, row };
}

function readKind(kind: Kind, r: Reader, districtCode: string): HistoryRow {
  switch (kind) {
    case 'patient': {
      const id = r.id('id');
      const residentId = r.text('residentId', 18);
      const checked = residentId === '' ? null : validateResidentId(residentId);
      if (checked !== null && !checked.ok) r.problem('residentId', 'bad_value', `not a valid resident ID (${checked.problem})`);
      const diseases = r.list('diseases', 2).map((d, i) => {
        const n = r.nested(d, `diseases[${i}].`);
        const disease = n.oneOf('disease', DISEASES);
        const diabetesType = d.diabetesType == null ? null : n.oneOf('diabetesType', DIABETES_TYPES);
        if (disease !== 'diabetes' && diabetesType !== null) n.problem('diabetesType', 'inconsistent', 'only for diabetes');
        return { disease, diabetesType, diagnosedOn: n.date('diagnosedOn', '1900-01-01') };
      });
      if (new Set(diseases.map((d) => d.disease)).size !== diseases.length) r.problem('diseases', 'bad_value', 'a disease is listed twice');
      const managed = r.bool('managed', false);
      const managedSince = r.optionalDate('managedSince', '1900-01-01');
      if (managed && managedSince === null) r.problem('managedSince', 'missing', 'a managed patient is managed since a date');
      const info = checked?.ok === true ? checked.info : null;
      if (info !== null && info.birthDate > r.today) r.problem('residentId', 'future_date', 'its birth date is in the future');
      return {
        kind,
        districtCode,
        id,
        residentId,
        name: r.text('name', 100),
        sex: info?.sex ?? 'male',
        birthDate: info?.birthDate ?? '1900-01-01',
        streetCode: r.has('streetCode') ? r.code('streetCode') : null,
        phone: r.optionalText('phone', 32),
        scheme: r.oneOf('scheme', SCHEMES),
        managed,
        managedSince,
        managingInstitutionId: r.optionalId('managingInstitutionId'),
        chronicProgrammeDiseases: r.diseaseList('chronicProgrammeDiseases', false),
        diseases,
      };
    }
    case 'certification': {
      const certifiedOn = r.date('certifiedOn');
      const revokedOn = r.optionalDate('revokedOn');
      if (revokedOn !== null && certifiedOn !== '' && revokedOn < certifiedOn) r.problem('revokedOn', 'inconsistent', 'before certifiedOn');
      return {
        kind,
        districtCode,
        patientId: r.id('patientId'),
        certificateNo: r.id('certificateNo'),
        certifiedOn,
        institutionId: r.id('institutionId'),
        diseases: r.diseaseList('diseases', true),
        revokedOn,
      };
    }
    case 'designation': {
      const validFrom = r.date('validFrom');
      const validTo = r.optionalDate('validTo');
      if (validTo !== null && validFrom !== '' && validTo < validFrom) r.problem('validTo', 'inconsistent', 'before validFrom');
      return {
        kind,
        districtCode,
        patientId: r.id('patientId'),
        institutionId: r.id('institutionId'),
        validFrom,
        validTo,
        requestedOn: r.date('requestedOn'),
        atEnrolment: r.bool('atEnrolment', false),
      };
    }
    case 'generalOutpatient':
      return {
        kind,
        districtCode,
        patientId: r.id('patientId'),
        year: r.int('year', 2000, 2100),
        fundPaidFen: r.int('fundPaidFen', 0, 100_000_000),
        exhausted: r.bool('exhausted'),
      };
    case 'followUp': {
      const systolic = r.optionalInt('systolic', 40, 300);
      const diastolic = r.optionalInt('diastolic', 20, 200);
      if ((systolic === null) !== (diastolic === null)) r.problem('diastolic', 'inconsistent', 'give both pressures or neither');
      return {
        kind,
        districtCode,
        key: r.id('key', KEY),
        patientId: r.id('patientId'),
        institutionId: r.id('institutionId'),
        date: r.date('date'),
        faceToFace: r.bool('faceToFace'),
        systolic,
        diastolic,
        fastingGlucoseTenths: r.optionalInt('fastingGlucoseTenths', 5, 500),
      };
    }
    case 'claim': {
      const lines = r.list('lines', MAX_LINES).map((l, i) => {
        const n = r.nested(l, `lines[${i}].`);
        const drugCode = n.text('drugCode', 64);
        if (drugCode !== '' && drugByCode(drugCode) === undefined)
          n.problem('drugCode', 'unknown_drug', `not a code of the drug reference: ${drugCode.slice(0, 40)}`);
        return {
          drugCode,
          form: n.oneOf('form', ['oral', 'injection'] as const),
          quantity: n.int('quantity', 1, 10_000),
          daysSupply: n.int('daysSupply', 1, 366),
          amountFen: n.int('amountFen', 1, MAX_LINE_AMOUNT_FEN),
        };
      });
      const referralFromInstitutionId = r.optionalId('referralFromInstitutionId');
      const referralIssuedOn = r.optionalDate('referralIssuedOn');
      if ((referralFromInstitutionId === null) !== (referralIssuedOn === null))
        r.problem('referralIssuedOn', 'inconsistent', 'a referral needs both the institution and the date');
      const fundFen = r.int('fundFen', 0, MAX_LINE_AMOUNT_FEN * MAX_LINES);
      const amount = lines.reduce((s, l) => s + l.amountFen, 0);
      if (lines.length > 0 && fundFen > amount) r.problem('fundFen', 'inconsistent', `more than the claim's amount (${amount} fen)`);
      return {
        kind,
        districtCode,
        key: r.id('key', KEY),
        patientId: r.id('patientId'),
        institutionId: r.id('institutionId'),
        serviceDate: r.date('serviceDate'),
        pathway: r.oneOf('pathway', PATHWAYS),
        referralFromInstitutionId,
        referralIssuedOn,
        conditionStable: r.bool('conditionStable', false),
        lines,
        fundFen,
      };
    }
  }
}
