/**
 * The few FHIR R4 data types the export builds (http://hl7.org/fhir/R4/datatypes.html), and the
 * namespace of our own identifier systems and code systems. Resources are plain JSON objects; what
 * they must hold is checked in the tests against the official R4 JSON schema (fhir.schema.json).
 */

/** JSON.rawJSON (Node ≥ 21, TC39 "JSON.parse source text access"): a value JSON.stringify writes as its text. TypeScript's lib does not declare it yet. */
declare global {
  interface JSON {
    rawJSON(text: string): FhirDecimal;
    isRawJSON(value: unknown): value is FhirDecimal;
  }
}

/** A FHIR decimal written exactly as its text ("12.30"), never through a float: JSON.stringify emits it as a bare JSON number. */
export interface FhirDecimal {
  readonly rawJSON: string;
}

/**
 * Our namespace. Every identifier system and code system of our own lives under it; a deployment
 * with its own domain changes this one constant (README "FHIR" lists what lies under it).
 */
export const FHIR_NAMESPACE = 'https://liangbing.example.cn/fhir';

export const SYSTEMS = {
  /** a patient's number in this platform (patients.id) */
  patientId: `${FHIR_NAMESPACE}/sid/patient-id`,
  /** 居民身份证号码 (GB 11643), masked unless the viewer is an auditor */
  residentId: `${FHIR_NAMESPACE}/sid/resident-id`,
  /** a claim's id in this platform (claims.id, a UUID) */
  claimId: `${FHIR_NAMESPACE}/sid/claim-id`,
  /** 门诊医疗证号 / 认定编号: the 两病 certificate (certifications.certificate_no) */
  certificateNo: `${FHIR_NAMESPACE}/sid/certificate-no`,
  /** a medical institution's id in this platform (institutions.id) */
  institutionId: `${FHIR_NAMESPACE}/sid/institution-id`,
  /** a region's code (GB/T 2260 administrative division): the insurer is the city's medical security bureau */
  regionCode: `${FHIR_NAMESPACE}/sid/region-code`,
  /** the rule hits of the policy core (packages/policy/src/hits.ts) */
  hitCodes: `${FHIR_NAMESPACE}/CodeSystem/liangbing-hit-codes`,
  /** the API's error codes (errors.ts: UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, …) in OperationOutcome.issue.details */
  errorCode: `${FHIR_NAMESPACE}/CodeSystem/error-code`,
  /** the drug reference table's generic-drug codes (packages/policy/src/catalogue/drugs.ts) */
  drug: `${FHIR_NAMESPACE}/CodeSystem/drug`,
  /** the benefit itself, as a coverage type and a benefit category */
  benefit: `${FHIR_NAMESPACE}/CodeSystem/benefit`,
  daysSupplyExtension: `${FHIR_NAMESPACE}/StructureDefinition/days-supply`,
  ageBandExtension: `${FHIR_NAMESPACE}/StructureDefinition/age-band`,
  // HL7's own
  atc: 'http://www.whocc.no/atc',
  adjudication: 'http://terminology.hl7.org/CodeSystem/adjudication',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  processPriority: 'http://terminology.hl7.org/CodeSystem/processpriority',
  noteType: 'http://hl7.org/fhir/note-type',
  benefitType: 'http://terminology.hl7.org/CodeSystem/benefit-type',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  securityLabel: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  language: 'urn:ietf:bcp:47',
} as const;

export interface Coding {
  system?: string;
  code: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Identifier {
  system: string;
  value: string;
}

export interface Reference {
  reference?: string;
  identifier?: Identifier;
  display?: string;
}

export interface Money {
  value: FhirDecimal;
  currency: 'CNY';
}

export interface Resource {
  resourceType: string;
  id?: string;
  [field: string]: unknown;
}
