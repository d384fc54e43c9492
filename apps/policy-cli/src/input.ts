/**
 * Reads the CLI's input document `{ claim, patient, overrides? }` and checks it field by field
 * against the core's input types. The core trusts its inputs (it parses dates by character
 * codes), so everything is checked here, at the boundary, and the first problem is reported
 * with the path of the field that has it: `claim.lines[0].amountFen: expected …`.
 */
import {
  findDrug,
  INSTITUTION_LEVELS,
  isIsoDate,
  MAX_LINE_AMOUNT_FEN,
  PATHWAYS,
  validateOverride,
  type ClaimInput,
  type ClaimLineInput,
  type ClinicalFinding,
  type Disease,
  type PatientYear,
  type RuleSetOverride,
} from '@liangbing/policy';

export class InputError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'InputError';
  }
}

export interface AdjudicationInput {
  readonly claim: ClaimInput;
  readonly patient: PatientYear;
  readonly overrides: readonly RuleSetOverride[];
}

const DISEASES = ['hypertension', 'diabetes'] as const satisfies readonly Disease[];
const FINDINGS = [
  'chf_needs_rapid_or_parenteral_diuresis',
  'arb_intolerant_or_ineffective',
  'chronic_heart_failure_nyha_2_4',
  'reduced_ejection_fraction_evidence',
  't2_uncontrolled_on_intermediate_long_insulin',
  't2_uncontrolled_on_short_insulin_or_oral',
  'first_line_contraindicated',
] as const satisfies readonly ClinicalFinding[];
// Fails to compile when the core adds a finding this list lacks.
const allFindingsListed: Exclude<ClinicalFinding, (typeof FINDINGS)[number]> extends never ? true : never = true;
void allFindingsListed;

type Obj = Readonly<Record<string, unknown>>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function object(value: unknown, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(path, `expected an object, got ${describe(value)}`);
  return value as Obj;
}

/** A required field: present, though it may be null where the type allows. */
function field(o: Obj, name: string, path: string): unknown {
  if (!(name in o) || o[name] === undefined) throw new InputError(path === '' ? name : `${path}.${name}`, 'missing');
  return o[name];
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') throw new InputError(path, `expected a non-empty string, got ${describe(value)}`);
  return value;
}

function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new InputError(path, `expected true or false, got ${describe(value)}`);
  return value;
}

function date(value: unknown, path: string): string {
  if (typeof value !== 'string' || !isIsoDate(value)) throw new InputError(path, `expected a calendar date YYYY-MM-DD, got ${describe(value)}`);
  return value;
}

function integer(value: unknown, path: string, min: number, max: number, unit: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InputError(path, `expected an integer ${unit} from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

/**
 * A drug of the core's reference, given by its code (amlodipine) or its Chinese generic name
 * (氨氯地平), as the code. A name the reference does not know is refused here, naming the field:
 * the core would judge it "not in the catalogue" and part-pay the claim, hiding a typo.
 */
function drug(value: unknown, path: string): string {
  const given = string(value, path);
  const found = findDrug(given);
  if (found === undefined)
    throw new InputError(
      path,
      `unknown drug ${describe(given)}: give a code of the drug reference (e.g. amlodipine) or its Chinese generic name (e.g. 氨氯地平)`,
    );
  return found.code;
}

const fen = (value: unknown, path: string) => integer(value, path, 0, Number.MAX_SAFE_INTEGER, 'in fen (分)');

function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InputError(path, `expected one of ${allowed.join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

function nullable<T>(value: unknown, path: string, check: (v: unknown, p: string) => T): T | null {
  return value === null ? null : check(value, path);
}

function array<T>(value: unknown, path: string, check: (v: unknown, p: string) => T): T[] {
  if (!Array.isArray(value)) throw new InputError(path, `expected an array, got ${describe(value)}`);
  return value.map((v, i) => check(v, `${path}[${i}]`));
}

function claimLine(value: unknown, path: string): ClaimLineInput {
  const o = object(value, path);
  return {
    lineNo: integer(field(o, 'lineNo', path), `${path}.lineNo`, 1, 9999, 'line number'),
    drugCode: drug(field(o, 'drugCode', path), `${path}.drugCode`),
    form: oneOf(field(o, 'form', path), `${path}.form`, ['oral', 'injection'] as const),
    quantity: integer(field(o, 'quantity', path), `${path}.quantity`, 0, 1_000_000, 'of dispensing units'),
    daysSupply: integer(field(o, 'daysSupply', path), `${path}.daysSupply`, 1, 3660, 'of days'),
    amountFen: integer(field(o, 'amountFen', path), `${path}.amountFen`, 0, MAX_LINE_AMOUNT_FEN, 'in fen (分)'),
  };
}

export function parseClaim(value: unknown, path = 'claim'): ClaimInput {
  const o = object(value, path);
  const inst = object(field(o, 'institution', path), `${path}.institution`);
  const ip = `${path}.institution`;
  const lines = array(field(o, 'lines', path), `${path}.lines`, claimLine);
  if (lines.length === 0) throw new InputError(`${path}.lines`, 'expected at least one line');
  const seen = new Set<number>();
  lines.forEach((l, i) => {
    if (seen.has(l.lineNo)) throw new InputError(`${path}.lines[${i}].lineNo`, `line number ${l.lineNo} is used twice`);
    seen.add(l.lineNo);
  });
  return {
    serviceDate: date(field(o, 'serviceDate', path), `${path}.serviceDate`),
    cityCode: string(field(o, 'cityCode', path), `${path}.cityCode`),
    institution: {
      id: string(field(inst, 'id', ip), `${ip}.id`),
      level: oneOf(field(inst, 'level', ip), `${ip}.level`, INSTITUTION_LEVELS),
      cityCode: string(field(inst, 'cityCode', ip), `${ip}.cityCode`),
      districtCode: string(field(inst, 'districtCode', ip), `${ip}.districtCode`),
      insuranceDesignated: boolean(field(inst, 'insuranceDesignated', ip), `${ip}.insuranceDesignated`),
      canTreatTwoDiseases: boolean(field(inst, 'canTreatTwoDiseases', ip), `${ip}.canTreatTwoDiseases`),
      consortiumId: nullable(field(inst, 'consortiumId', ip), `${ip}.consortiumId`, string),
      networkedOutOfArea: boolean(field(inst, 'networkedOutOfArea', ip), `${ip}.networkedOutOfArea`),
    },
    pathway: oneOf(field(o, 'pathway', path), `${path}.pathway`, PATHWAYS),
    referral: nullable(field(o, 'referral', path), `${path}.referral`, (v, p) => {
      const r = object(v, p);
      return {
        fromInstitutionId: string(field(r, 'fromInstitutionId', p), `${p}.fromInstitutionId`),
        issuedOn: date(field(r, 'issuedOn', p), `${p}.issuedOn`),
      };
    }),
    sourcePrescription: nullable(field(o, 'sourcePrescription', path), `${path}.sourcePrescription`, (v, p) => {
      const s = object(v, p);
      return {
        issuedOn: date(field(s, 'issuedOn', p), `${p}.issuedOn`),
        institutionLevel: oneOf(field(s, 'institutionLevel', p), `${p}.institutionLevel`, INSTITUTION_LEVELS),
        drugCodes: array(field(s, 'drugCodes', p), `${p}.drugCodes`, drug),
      };
    }),
    conditionStable: boolean(field(o, 'conditionStable', path), `${path}.conditionStable`),
    lines,
  };
}

export function parsePatient(value: unknown, path = 'patient'): PatientYear {
  const o = object(value, path);
  const go = object(field(o, 'generalOutpatient', path), `${path}.generalOutpatient`);
  const gp = `${path}.generalOutpatient`;
  const disease = (v: unknown, p: string) => oneOf(v, p, DISEASES);
  return {
    scheme: oneOf(field(o, 'scheme', path), `${path}.scheme`, ['resident', 'employee', 'uninsured'] as const),
    districtCode: string(field(o, 'districtCode', path), `${path}.districtCode`),
    diseases: array(field(o, 'diseases', path), `${path}.diseases`, (v, p) => {
      const d = object(v, p);
      return {
        disease: disease(field(d, 'disease', p), `${p}.disease`),
        diabetesType: nullable(field(d, 'diabetesType', p), `${p}.diabetesType`, (t, tp) => oneOf(t, tp, ['type1', 'type2', 'other'] as const)),
        diagnosedOn: date(field(d, 'diagnosedOn', p), `${p}.diagnosedOn`),
      };
    }),
    certification: nullable(field(o, 'certification', path), `${path}.certification`, (v, p) => {
      const c = object(v, p);
      return {
        certifiedOn: date(field(c, 'certifiedOn', p), `${p}.certifiedOn`),
        diseases: array(field(c, 'diseases', p), `${p}.diseases`, disease),
        revokedOn: nullable(field(c, 'revokedOn', p), `${p}.revokedOn`, date),
      };
    }),
    designations: array(field(o, 'designations', path), `${path}.designations`, (v, p) => {
      const d = object(v, p);
      return {
        institutionId: string(field(d, 'institutionId', p), `${p}.institutionId`),
        consortiumId: nullable(field(d, 'consortiumId', p), `${p}.consortiumId`, string),
        from: date(field(d, 'from', p), `${p}.from`),
        to: nullable(field(d, 'to', p), `${p}.to`, date),
        // Optional: the designated institution's level (W-4 三(一) designates a primary institution).
        ...('institutionLevel' in d && d.institutionLevel !== undefined
          ? { institutionLevel: oneOf(d.institutionLevel, `${p}.institutionLevel`, INSTITUTION_LEVELS) }
          : {}),
      };
    }),
    chronicProgrammeDiseases: array(field(o, 'chronicProgrammeDiseases', path), `${path}.chronicProgrammeDiseases`, disease),
    longTermResidenceElsewhere: boolean(field(o, 'longTermResidenceElsewhere', path), `${path}.longTermResidenceElsewhere`),
    generalOutpatient: {
      exhausted: boolean(field(go, 'exhausted', gp), `${gp}.exhausted`),
      fundPaidFen: fen(field(go, 'fundPaidFen', gp), `${gp}.fundPaidFen`),
    },
    fundPaidFen: fen(field(o, 'fundPaidFen', path), `${path}.fundPaidFen`),
    findings: array(field(o, 'findings', path), `${path}.findings`, (v, p) => oneOf(v, p, FINDINGS)),
    priorDrugCodes: array(field(o, 'priorDrugCodes', path), `${path}.priorDrugCodes`, drug),
    compliantFenYtd: fen(field(o, 'compliantFenYtd', path), `${path}.compliantFenYtd`),
    history: array(field(o, 'history', path), `${path}.history`, (v, p) => {
      const h = object(v, p);
      return {
        date: date(field(h, 'date', p), `${p}.date`),
        drugCode: drug(field(h, 'drugCode', p), `${p}.drugCode`),
        daysSupply: integer(field(h, 'daysSupply', p), `${p}.daysSupply`, 1, 3660, 'of days'),
        institutionId: string(field(h, 'institutionId', p), `${p}.institutionId`),
      };
    }),
  };
}

const PARAMETER_KINDS: Readonly<Record<string, 'number' | 'boolean' | 'string'>> = {
  ratioDesignatedBp: 'number',
  ratioReferralBp: 'number',
  ratioEmergencyBp: 'number',
  ratioOutOfAreaBp: 'number',
  ratioExtensionBp: 'number',
  capOneDiseaseFen: 'number',
  capBothDiseasesFen: 'number',
  deductibleFen: 'number',
  capIncludesGeneralOutpatient: 'boolean',
  generalOutpatientFirst: 'boolean',
  longPrescriptionMaxDays: 'number',
  extensionPrescriptionValidMonths: 'number',
  earlyRefillToleranceDays: 'number',
  designatedInstitutionRequired: 'boolean',
  chronicProgrammeMembersExcluded: 'boolean',
  designationLockedDistricts: 'string',
};

export function parseOverride(value: unknown, path: string): RuleSetOverride {
  const o = object(value, path);
  const src = object(field(o, 'source', path), `${path}.source`);
  const sp = `${path}.source`;
  const note = src['note'];
  if (note !== undefined && typeof note !== 'string') throw new InputError(`${sp}.note`, `expected a string, got ${describe(note)}`);
  const params = object(field(o, 'parameters', path), `${path}.parameters`);
  const parameters: Record<string, number | boolean | string | null> = {};
  for (const [name, v] of Object.entries(params)) {
    const kind = PARAMETER_KINDS[name];
    if (kind === undefined) throw new InputError(`${path}.parameters.${name}`, `unknown parameter; known: ${Object.keys(PARAMETER_KINDS).join(', ')}`);
    if (v !== null && typeof v !== kind) throw new InputError(`${path}.parameters.${name}`, `expected a ${kind} or null, got ${describe(v)}`);
    parameters[name] = v as number | boolean | string | null;
  }
  if ('catalogue' in o) throw new InputError(`${path}.catalogue`, 'catalogue overrides are not accepted from the command line');
  const override: RuleSetOverride = {
    name: string(field(o, 'name', path), `${path}.name`),
    description: string(field(o, 'description', path), `${path}.description`),
    ruleSetId: string(field(o, 'ruleSetId', path), `${path}.ruleSetId`),
    source: {
      document: string(field(src, 'document', sp), `${sp}.document`),
      section: string(field(src, 'section', sp), `${sp}.section`),
      ...(note === undefined ? {} : { note }),
    },
    ...('from' in o && o['from'] !== undefined ? { from: date(o['from'], `${path}.from`) } : {}),
    parameters: parameters as RuleSetOverride['parameters'],
  };
  const problems = validateOverride(override);
  if (problems.length > 0) throw new InputError(`${path}.parameters`, problems.join('; '));
  return override;
}

/** Parses the text of an input document; every problem is an InputError naming its field. */
export function parseInput(text: string): AdjudicationInput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError('(input)', `not valid JSON: ${(e as Error).message}`);
  }
  const root = object(json, '(input)');
  const claim = parseClaim(field(root, 'claim', ''), 'claim');
  const patient = parsePatient(field(root, 'patient', ''), 'patient');
  const raw = root['overrides'];
  const overrides = raw === undefined || raw === null ? [] : array(raw, 'overrides', parseOverride);
  return { claim, patient, overrides };
}
