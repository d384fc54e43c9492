/**
 * A decided claim, its patient and the 两病 benefit as FHIR R4 resources (issue #20 part 2). Pure:
 * plain records in (what the routes read, the patient already masked for the viewer), JSON out.
 *
 * - Claim: what was submitted (the lines, their amounts, the service date).
 * - ClaimResponse: the decision: per line and in total the adjudication categories of HL7's
 *   adjudication code system — submitted (the price asked), eligible (the compliant amount),
 *   eligpercent (the fund's ratio), benefit (the fund's share) and copay (what the patient pays);
 *   the hits that refuse a claim or a line as `error`, those that reduce a line as the eligible
 *   amount's `reason`, and every hit as a `processNote` in Chinese (cited, as the notice words it)
 *   and in English.
 * - ExplanationOfBenefit: the same decision for the insured person and other systems, with the
 *   annual cap (allowed) and what is used of it after this claim as the benefit balance.
 * - Patient, Coverage, the CodeSystem of hit codes, the CapabilityStatement, OperationOutcome, Bundle.
 *
 * Money is integer fen in and exact decimal yuan out: the decimal's text is built from the integer
 * (fenToDecimal), never by dividing a float. Dates are FHIR dates (YYYY-MM-DD).
 */
import { DRUG_FACTS, HITS, hitZh, type Decision, type HitCode, type Outcome, type RuleHit } from '@liangbing/policy';
import { SYSTEMS, type CodeableConcept, type FhirDecimal, type Money, type Reference, type Resource } from './fhir.types';

export const FHIR_VERSION = '4.0.1';
export const FHIR_CONTENT_TYPE = 'application/fhir+json';

// ---------------------------------------------------------------- decimals and money

/** The exact decimal text of an integer number of hundredths: 1 → "0.01", 10 → "0.10", -250 → "-2.50". */
export function hundredthsToDecimal(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
  const digits = String(Math.abs(n)).padStart(3, '0');
  return `${n < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Yuan from fen, exactly: the text of the decimal is the integer's digits with the point put in. */
export const fenToDecimal = hundredthsToDecimal;

export function decimal(text: string): FhirDecimal {
  return JSON.rawJSON(text);
}

export function money(fen: number): Money {
  return { value: decimal(fenToDecimal(fen)), currency: 'CNY' };
}

// ---------------------------------------------------------------- references

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** Our ids are FHIR ids except where they hold an underscore (allowed by the API, not by FHIR): those are referred to by identifier only. */
export const isFhirId = (id: string) => FHIR_ID.test(id);

function literal(type: string, id: string): { reference?: string } {
  return isFhirId(id) ? { reference: `${type}/${id}` } : {};
}

export const patientRef = (patientId: string): Reference => ({ ...literal('Patient', patientId), identifier: { system: SYSTEMS.patientId, value: patientId } });
export const coverageRef = (patientId: string): Reference => ({
  ...literal('Coverage', patientId),
  identifier: { system: SYSTEMS.patientId, value: patientId },
});
const claimRef = (claimId: string): Reference => ({ reference: `Claim/${claimId}`, identifier: { system: SYSTEMS.claimId, value: claimId } });
const claimResponseRef = (claimId: string): Reference => ({ reference: `ClaimResponse/${claimId}` });

export interface Insurer {
  cityCode: string;
  /** the city's name, e.g. 无锡市 */
  cityName: string;
}

/** The insurer is the city's medical security bureau (the 统筹区 of both texts is the city). */
export const insurerRef = (i: Insurer): Reference => ({ identifier: { system: SYSTEMS.regionCode, value: i.cityCode }, display: `${i.cityName}医疗保障局` });

const providerRef = (institutionId: string, name: string | null): Reference => ({
  identifier: { system: SYSTEMS.institutionId, value: institutionId },
  ...(name === null ? {} : { display: name }),
});

// ---------------------------------------------------------------- codes

const ADJUDICATION_DISPLAY = {
  submitted: 'Submitted Amount',
  eligible: 'Eligible Amount',
  eligpercent: 'Eligible %',
  benefit: 'Benefit Amount',
  copay: 'CoPay',
} as const;
type Category = keyof typeof ADJUDICATION_DISPLAY;
const category = (code: Category): CodeableConcept => ({ coding: [{ system: SYSTEMS.adjudication, code, display: ADJUDICATION_DISPLAY[code] }] });

export function hitCoding(code: string): CodeableConcept {
  const d = (HITS as Record<string, { zh: string; en: string } | undefined>)[code];
  return { coding: [{ system: SYSTEMS.hitCodes, code, ...(d === undefined ? {} : { display: d.zh }) }], ...(d === undefined ? {} : { text: d.en }) };
}

const PHARMACY: CodeableConcept = { coding: [{ system: SYSTEMS.claimType, code: 'pharmacy', display: 'Pharmacy' }] };
const zh = { coding: [{ system: SYSTEMS.language, code: 'zh-CN' }] };
const en = { coding: [{ system: SYSTEMS.language, code: 'en' }] };

const DISPOSITION: Record<Outcome, string> = {
  paid: '已结算：合规药费由基金按规定比例支付',
  partially_paid: '已结算：部分药品或部分金额不予支付',
  not_paid: '基金不予支付',
  not_in_force: '就诊日期没有生效的“两病”规则，基金不予支付',
  not_configured: '待遇标准（支付比例或年度限额）尚未配置，未结算',
};

export const BENEFIT: CodeableConcept = {
  coding: [{ system: SYSTEMS.benefit, code: 'liangbing-outpatient-medication', display: '城乡居民医保“两病”门诊用药保障' }],
  text: 'Outpatient medication for hypertension and diabetes (两病)',
};

// ---------------------------------------------------------------- the claim

export interface ExportLine {
  lineNo: number;
  drugCode: string;
  form: string;
  quantity: number;
  daysSupply: number;
  amountFen: number;
  compliantFen: number;
  fundFen: number;
  patientFen: number;
  hitCodes: readonly string[];
}

export interface ClaimExport {
  claim: {
    id: string;
    patientId: string;
    institutionId: string;
    serviceDate: string;
    status: 'accepted' | 'reversed';
  };
  decision: Decision;
  lines: readonly ExportLine[];
  institutionName: string | null;
  insurer: Insurer;
}

function product(drugCode: string): CodeableConcept {
  const d = DRUG_FACTS.get(drugCode)?.drug;
  if (d === undefined) return { coding: [{ system: SYSTEMS.drug, code: drugCode }], text: drugCode };
  return {
    coding: [
      { system: SYSTEMS.drug, code: d.code, display: d.nameZh },
      { system: SYSTEMS.atc, code: d.atc, display: d.nameEn },
    ],
    text: d.nameZh,
  };
}

const status = (x: ClaimExport) => (x.claim.status === 'reversed' ? 'cancelled' : 'active');
const identifier = (x: ClaimExport) => [{ system: SYSTEMS.claimId, value: x.claim.id }];

export function claimResource(x: ClaimExport): Resource {
  const c = x.claim;
  return {
    resourceType: 'Claim',
    id: c.id,
    identifier: identifier(x),
    status: status(x),
    type: PHARMACY,
    use: 'claim',
    patient: patientRef(c.patientId),
    billablePeriod: { start: c.serviceDate, end: c.serviceDate },
    created: c.serviceDate,
    insurer: insurerRef(x.insurer),
    provider: providerRef(c.institutionId, x.institutionName),
    priority: { coding: [{ system: SYSTEMS.processPriority, code: 'normal' }] },
    insurance: [{ sequence: 1, focal: true, coverage: coverageRef(c.patientId) }],
    item: x.lines.map((l) => ({
      extension: [{ url: SYSTEMS.daysSupplyExtension, valueInteger: l.daysSupply }],
      sequence: l.lineNo,
      productOrService: product(l.drugCode),
      servicedDate: c.serviceDate,
      quantity: { value: l.quantity },
      net: money(l.amountFen),
    })),
    total: money(x.decision.amountFen),
  };
}

const isError = (h: RuleHit) => h.severity === 'reject_claim' || h.severity === 'reject_line';

function adjudication(
  amounts: { amountFen: number; compliantFen: number; fundFen: number; patientFen: number },
  ratioBp: number,
  reductions: readonly RuleHit[],
) {
  return [
    { category: category('submitted'), amount: money(amounts.amountFen) },
    { category: category('eligible'), ...(reductions.length === 0 ? {} : { reason: hitCoding(reductions[0]!.code) }), amount: money(amounts.compliantFen) },
    { category: category('eligpercent'), value: decimal(hundredthsToDecimal(ratioBp)) },
    { category: category('benefit'), amount: money(amounts.fundFen) },
    { category: category('copay'), amount: money(amounts.patientFen) },
  ];
}

/** Every hit as two notes: the Chinese cited as the notice words it (按《…》X，…), and the English. */
function processNotes(d: Decision) {
  return d.hits.flatMap((h, i) => {
    const line = h.lineNo === null ? '' : `第${h.lineNo}项：`;
    const lineEn = h.lineNo === null ? '' : `Item ${h.lineNo}: `;
    return [
      { number: 2 * i + 1, type: 'display', text: `${line}${hitZh(h, d.ruleSetId).textZh}（${h.code}）`, language: zh },
      { number: 2 * i + 2, type: 'display', text: `${lineEn}${h.messageEn} (${h.code}; ${h.ruleId} ${h.section})`, language: en },
    ];
  });
}

/** The note numbers of a line's hits (both languages). */
const notesOf = (d: Decision, lineNo: number | null) => d.hits.flatMap((h, i) => (h.lineNo === lineNo ? [2 * i + 1, 2 * i + 2] : []));

function decided(x: ClaimExport) {
  const d = x.decision;
  const errors = d.hits.filter(isError);
  return {
    outcome: errors.length > 0 ? 'error' : 'complete',
    disposition: DISPOSITION[d.outcome],
    items: x.lines.map((l) => {
      const notes = notesOf(d, l.lineNo);
      const reductions = d.hits.filter((h) => h.lineNo === l.lineNo && h.severity === 'reduce_line');
      return { lineNo: l.lineNo, notes, adjudication: adjudication(l, d.ratioBp, reductions) };
    }),
    total: [
      { category: category('submitted'), amount: money(d.amountFen) },
      { category: category('eligible'), amount: money(d.compliantFen) },
      { category: category('benefit'), amount: money(d.fundFen) },
      { category: category('copay'), amount: money(d.patientFen) },
    ],
    payment: {
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/ex-paymenttype', code: 'complete', display: 'Complete' }] },
      amount: money(d.fundFen),
    },
    errors: errors.map((h) => ({ ...(h.lineNo === null ? {} : { itemSequence: h.lineNo }), code: hitCoding(h.code) })),
    notes: processNotes(d),
  };
}

export function claimResponseResource(x: ClaimExport): Resource {
  const c = x.claim;
  const r = decided(x);
  return {
    resourceType: 'ClaimResponse',
    id: c.id,
    identifier: identifier(x),
    status: status(x),
    type: PHARMACY,
    use: 'claim',
    patient: patientRef(c.patientId),
    created: c.serviceDate,
    insurer: insurerRef(x.insurer),
    requestor: providerRef(c.institutionId, x.institutionName),
    request: claimRef(c.id),
    outcome: r.outcome,
    disposition: r.disposition,
    item: r.items.map((i) => ({ itemSequence: i.lineNo, ...(i.notes.length === 0 ? {} : { noteNumber: i.notes }), adjudication: i.adjudication })),
    total: r.total,
    payment: r.payment,
    ...(r.notes.length === 0 ? {} : { processNote: r.notes }),
    ...(r.errors.length === 0 ? {} : { error: r.errors }),
  };
}

export function explanationOfBenefitResource(x: ClaimExport): Resource {
  const c = x.claim;
  const d = x.decision;
  const r = decided(x);
  const claim = claimResource(x) as unknown as { item: Record<string, unknown>[] };
  return {
    resourceType: 'ExplanationOfBenefit',
    id: c.id,
    identifier: identifier(x),
    status: status(x),
    type: PHARMACY,
    use: 'claim',
    patient: patientRef(c.patientId),
    billablePeriod: { start: c.serviceDate, end: c.serviceDate },
    created: c.serviceDate,
    insurer: insurerRef(x.insurer),
    provider: providerRef(c.institutionId, x.institutionName),
    claim: claimRef(c.id),
    claimResponse: claimResponseRef(c.id),
    outcome: r.outcome,
    disposition: r.disposition,
    insurance: [{ focal: true, coverage: coverageRef(c.patientId) }],
    item: claim.item.map((item, k) => {
      const i = r.items[k]!;
      return { ...item, ...(i.notes.length === 0 ? {} : { noteNumber: i.notes }), adjudication: i.adjudication };
    }),
    total: r.total,
    payment: r.payment,
    ...(r.notes.length === 0 ? {} : { processNote: r.notes }),
    // the annual cap of the certified diseases and what is used of it once this claim is paid; none where no cap was applied (not in force, not configured)
    ...(d.capFen > 0
      ? {
          benefitPeriod: { start: `${c.serviceDate.slice(0, 4)}-01-01`, end: `${c.serviceDate.slice(0, 4)}-12-31` },
          benefitBalance: [
            {
              category: BENEFIT,
              financial: [
                {
                  type: { coding: [{ system: SYSTEMS.benefitType, code: 'benefit', display: 'Benefit' }] },
                  allowedMoney: money(d.capFen),
                  usedMoney: money(d.capFen - d.capRemainingFen),
                },
              ],
            },
          ],
        }
      : {}),
  };
}

// ---------------------------------------------------------------- the patient and the benefit

/** A patient as the viewer is shown it (patient.queries.ts present()): masked fields already masked, withheld ones null. */
export interface PatientExport {
  id: string;
  residentId: string;
  name: string;
  phone: string | null;
  sex: string | null;
  birthDate: string | null;
  ageBand: string;
  /** whether name, resident ID and phone are shown masked */
  identityMasked: boolean;
}

const MASKED_LABEL = { system: SYSTEMS.securityLabel, code: 'MASKED', display: 'masked' };
const absent = { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'masked' }] };

export function patientResource(p: PatientExport): Resource {
  const masked = p.identityMasked || p.sex === null || p.birthDate === null;
  return {
    resourceType: 'Patient',
    ...(isFhirId(p.id) ? { id: p.id } : {}),
    ...(masked ? { meta: { security: [MASKED_LABEL] } } : {}),
    extension: [{ url: SYSTEMS.ageBandExtension, valueString: p.ageBand }],
    identifier: [
      { system: SYSTEMS.patientId, value: p.id },
      { system: SYSTEMS.residentId, value: p.residentId },
    ],
    name: [{ text: p.name }],
    ...(p.phone === null ? {} : { telecom: [{ system: 'phone', value: p.phone }] }),
    ...(p.sex === 'male' || p.sex === 'female' ? { gender: p.sex } : p.sex === null ? { _gender: absent } : { gender: 'unknown' }),
    ...(p.birthDate === null ? { _birthDate: absent } : { birthDate: p.birthDate }),
  };
}

export interface CoverageExport {
  patientId: string;
  certificateNo: string | null;
  certifiedOn: string | null;
  revokedOn: string | null;
  diseases: readonly string[];
  /** active: certified today; cancelled: the certificate is revoked; draft: never certified */
  status: 'active' | 'cancelled' | 'draft';
  insurer: Insurer;
  /** the rule set in force today for the patient's city */
  ruleSet: { id: string; nameZh: string } | null;
}

const DISEASE_ZH: Record<string, string> = { hypertension: '高血压', diabetes: '糖尿病' };

export function coverageResource(c: CoverageExport): Resource {
  const klass = (code: string, value: string, name: string) => ({ type: { coding: [{ system: SYSTEMS.coverageClass, code }] }, value, name });
  return {
    resourceType: 'Coverage',
    ...(isFhirId(c.patientId) ? { id: c.patientId } : {}),
    ...(c.certificateNo === null ? {} : { identifier: [{ system: SYSTEMS.certificateNo, value: c.certificateNo }] }),
    status: c.status,
    type: BENEFIT,
    beneficiary: patientRef(c.patientId),
    ...(c.certifiedOn === null ? {} : { period: { start: c.certifiedOn, ...(c.revokedOn === null ? {} : { end: c.revokedOn }) } }),
    payor: [insurerRef(c.insurer)],
    ...(c.ruleSet === null && c.diseases.length === 0
      ? {}
      : {
          class: [
            ...(c.ruleSet === null ? [] : [klass('plan', c.ruleSet.id, c.ruleSet.nameZh)]),
            ...c.diseases.map((d) => klass('subplan', d, DISEASE_ZH[d] ?? d)),
          ],
        }),
  };
}

// ---------------------------------------------------------------- the hit codes

export const HIT_CODE_SYSTEM_ID = 'liangbing-hit-codes';

/** The CodeSystem of every hit the policy core can report, generated from its list (HITS): Chinese display, English designation, the rule and section. */
export function hitCodeSystem(): Resource {
  const codes = Object.keys(HITS) as HitCode[];
  return {
    resourceType: 'CodeSystem',
    id: HIT_CODE_SYSTEM_ID,
    url: SYSTEMS.hitCodes,
    name: 'LiangbingHitCodes',
    title: '“两病”门诊用药保障规则命中代码',
    status: 'active',
    experimental: false,
    publisher: '“两病”门诊用药保障参考平台',
    description:
      'Every rule hit the 两病 policy core reports: a stable code, its default rule id (DOMAIN.md) and section of the source text, and its severity. A rule set may cite its own city’s rule and section for a code; ClaimResponse.processNote carries the citation of the decision’s rule set.',
    language: 'zh-CN',
    caseSensitive: true,
    content: 'complete',
    count: codes.length,
    property: [
      { code: 'ruleId', description: 'the rule of DOMAIN.md (W-… Wuxi, G-… Guiyang)', type: 'string' },
      { code: 'section', description: 'the section of the source text', type: 'string' },
      { code: 'severity', description: 'reject_claim | reject_line | reduce_line | warning', type: 'code' },
      { code: 'failsRationalUse', description: 'whether the hit fails a rational-medication check (合理用药率)', type: 'boolean' },
    ],
    concept: codes.map((code) => {
      const d = HITS[code];
      return {
        code,
        display: d.zh,
        definition: d.en,
        designation: [{ language: 'en', value: d.en }],
        property: [
          { code: 'ruleId', valueString: d.ruleId },
          { code: 'section', valueString: d.section },
          { code: 'severity', valueCode: d.severity },
          { code: 'failsRationalUse', valueBoolean: d.failsRationalUse },
        ],
      };
    }),
  };
}

// ---------------------------------------------------------------- the server's own resources

export const SEARCH_PARAMS = {
  created: 'the claim’s service date; ge, le, gt, lt, eq (or none); repeat for a period',
  patient: 'a patient id, or Patient/<id>',
  _count: 'entries a page, 1–100 (default 50)',
  _page: 'the opaque cursor of a next link',
} as const;

export function capabilityStatement(today: string): Resource {
  const read = (type: string) => ({ type, interaction: [{ code: 'read' }] });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: today,
    publisher: '“两病”门诊用药保障参考平台',
    kind: 'instance',
    software: { name: 'liangbing-api' },
    implementation: { description: 'The 两病 outpatient-medication benefit: decided claims, their patients and the benefit, read-only' },
    fhirVersion: FHIR_VERSION,
    format: [FHIR_CONTENT_TYPE],
    rest: [
      {
        mode: 'server',
        security: {
          cors: true,
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth' }] }],
          description:
            'A bearer token (JWT) as for /graphql; every read is scoped by the token’s role and district as GraphQL is, and personal data are masked as it masks them. Only this statement is served without a token.',
        },
        resource: [
          read('Claim'),
          read('ClaimResponse'),
          {
            ...read('ExplanationOfBenefit'),
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: Object.entries(SEARCH_PARAMS).map(([name, documentation]) => ({
              name,
              type: name === 'created' ? 'date' : name === 'patient' ? 'reference' : name === '_count' ? 'number' : 'string',
              documentation,
            })),
          },
          read('Patient'),
          read('Coverage'),
          read('CodeSystem'),
        ],
      },
    ],
  };
}

export interface Problem {
  /** the API's error code (errors.ts) */
  code: string;
  messageEn: string;
  messageZh: string;
  field?: string;
}

const ISSUE_TYPE: Record<string, string> = {
  UNAUTHENTICATED: 'login',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not-found',
  BAD_USER_INPUT: 'invalid',
  NOT_CONFIGURED: 'not-supported',
};

export function operationOutcome(p: Problem): Resource {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code: ISSUE_TYPE[p.code] ?? 'exception',
        details: { coding: [{ system: SYSTEMS.errorCode, code: p.code }], text: p.messageZh },
        diagnostics: p.messageEn,
        ...(p.field === undefined ? {} : { expression: [p.field] }),
      },
    ],
  };
}

export interface BundleEntry {
  fullUrl: string;
  resource: Resource;
  mode: 'match' | 'include';
}

export function searchBundle(entries: readonly BundleEntry[], total: number, self: string, next: string | null): Resource {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: [{ relation: 'self', url: self }, ...(next === null ? [] : [{ relation: 'next', url: next }])],
    entry: entries.map((e) => ({ fullUrl: e.fullUrl, resource: e.resource, search: { mode: e.mode } })),
  };
}
