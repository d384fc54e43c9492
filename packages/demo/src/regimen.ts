/**
 * The catalogue in force for each city and a patient's drug regimen drawn from it.
 *
 * Regimens follow the usual primary-care patterns: for hypertension a CCB or ARB alone, or two
 * classes (CCB + ARB most often), rarely three, sometimes a single-pill combination; heart failure
 * on sacubitril/valsartan; for type 2 diabetes metformin (or acarbose) with an add-on, insulin for
 * some; for type 1 basal plus bolus insulin. Drugs whose catalogue restriction the patient does
 * not meet are never chosen for a regular regimen (restrictionMet mirrors the adjudicator's rule).
 */
import {
  catalogueInForce,
  DRUGS,
  type CatalogueItem,
  type ClinicalFinding,
  type Disease,
  type DosageForm,
  type DrugReference,
  type PatientDisease,
} from '@liangbing/policy';
import { dosingOf } from './prices';
import type { Rng } from './prng';
import type { CityCode } from './types';
import { DEMO_PERIOD } from './types';

export interface CityCatalogue {
  readonly city: CityCode;
  readonly catalogueId: string;
  readonly items: ReadonlyMap<string, CatalogueItem>;
}

const DRUG_BY_CODE: ReadonlyMap<string, DrugReference> = new Map(DRUGS.map((d) => [d.code, d]));

export function drugRef(code: string): DrugReference | undefined {
  return DRUG_BY_CODE.get(code);
}

export function cityCatalogue(city: CityCode): CityCatalogue {
  const c = catalogueInForce(city, DEMO_PERIOD.from);
  if (c.status !== 'in_force') throw new Error(`no catalogue in force for ${city} on ${DEMO_PERIOD.from}: ${c.reason}`);
  return { city, catalogueId: c.catalogueId, items: new Map(c.items.map((i) => [i.drug.code, i])) };
}

export interface PatientFacts {
  readonly findings: readonly ClinicalFinding[];
  readonly diseases: readonly PatientDisease[];
}

/** The adjudicator's restriction rule (catalogue restrictions in disjunctive normal form), for the generator's own choices. */
export function restrictionMet(item: CatalogueItem, claimCodes: readonly string[], patient: PatientFacts, prior: ReadonlySet<string>): boolean {
  const r = item.restriction;
  if (r === null) return true;
  const code = item.drug.code;
  const firstLine = (c: string) => {
    const d = DRUG_BY_CODE.get(c);
    return c !== code && d !== undefined && d.firstLine === true && d.disease === item.disease;
  };
  return r.anyOf.some((all) =>
    all.every((c) => {
      switch (c.kind) {
        case 'diabetes_type':
          return patient.diseases.some((d) => d.disease === 'diabetes' && d.diabetesType === c.type);
        case 'finding':
          return patient.findings.includes(c.finding);
        case 'at_first_fill':
          return prior.has(code) || patient.findings.includes(c.finding);
        case 'second_line':
          return patient.findings.includes('first_line_contraindicated') || [...prior].some(firstLine) || claimCodes.some(firstLine);
      }
    }),
  );
}

export interface RegimenLine {
  readonly drugCode: string;
  readonly form: DosageForm;
  readonly disease: Disease;
  /** units a day (IU a day for an insulin pen) */
  readonly daily: number;
  readonly villageLevel: boolean;
}

type Pool = readonly (readonly [string, number])[];

const CCB: Pool = [
  ['amlodipine', 30],
  ['nifedipine', 25],
  ['levamlodipine', 15],
  ['felodipine', 12],
  ['nitrendipine', 6],
  ['lacidipine', 4],
  ['benidipine', 2],
  ['cilnidipine', 2],
  ['lercanidipine', 2],
];
const ARB: Pool = [
  ['valsartan', 25],
  ['irbesartan', 20],
  ['losartan', 20],
  ['telmisartan', 15],
  ['candesartan', 8],
  ['olmesartan', 8],
  ['allisartan', 4],
];
const ACEI: Pool = [
  ['enalapril', 30],
  ['benazepril', 25],
  ['perindopril', 15],
  ['fosinopril', 12],
  ['lisinopril', 8],
  ['captopril', 8],
  ['imidapril', 2],
];
const BB: Pool = [
  ['metoprolol', 55],
  ['bisoprolol', 35],
  ['atenolol', 5],
  ['carvedilol', 5],
];
const THZ: Pool = [
  ['indapamide', 50],
  ['hydrochlorothiazide', 50],
];
const SPC_ARB_THZ: Pool = [
  ['irbesartan+hydrochlorothiazide', 30],
  ['losartan+hydrochlorothiazide', 25],
  ['valsartan+hydrochlorothiazide', 20],
  ['telmisartan+hydrochlorothiazide', 15],
  ['olmesartan+hydrochlorothiazide', 10],
];
const SPC_ARB_CCB: Pool = [
  ['valsartan+amlodipine', 60],
  ['olmesartan+amlodipine', 20],
  ['telmisartan+amlodipine', 20],
];
const SPC_ACEI: Pool = [
  ['perindopril+indapamide', 30],
  ['benazepril+amlodipine', 30],
  ['benazepril+hydrochlorothiazide', 15],
  ['lisinopril+hydrochlorothiazide', 15],
  ['perindopril+amlodipine', 10],
];

/** Class templates with weights: ≈ 64 % one pill, 32 % two classes, 4 % three. */
const HT_TEMPLATES: readonly (readonly [readonly Pool[], number])[] = [
  [[CCB], 26],
  [[ARB], 17],
  [[ACEI], 5],
  [[BB], 4],
  [[THZ], 2],
  [[SPC_ARB_CCB], 4],
  [[SPC_ARB_THZ], 4],
  [[SPC_ACEI], 2],
  [[CCB, ARB], 14],
  [[CCB, BB], 5],
  [[ARB, THZ], 3],
  [[CCB, ACEI], 3],
  [[CCB, THZ], 3],
  [[SPC_ARB_THZ, CCB], 2],
  [[SPC_ARB_CCB, BB], 2],
  [[CCB, ARB, THZ], 2],
  [[CCB, ARB, BB], 2],
];

const DM_BASE: Pool = [
  ['metformin', 80],
  ['acarbose', 20],
];
const DM_ADD_ON: Pool = [
  ['glimepiride', 25],
  ['gliclazide', 15],
  ['repaglinide', 12],
  ['acarbose', 10],
  ['pioglitazone', 5],
  ['sitagliptin', 8],
  ['vildagliptin', 5],
  ['linagliptin', 8],
  ['empagliflozin', 8],
  ['dapagliflozin', 8],
  ['saxagliptin', 3],
];

function formOf(item: CatalogueItem, form: DosageForm) {
  return item.forms.find((f) => f.form === form);
}

/** Picks a drug from the pool that the catalogue lists in this form and whose restriction the regimen meets. */
function pickFrom(rng: Rng, pool: Pool, form: DosageForm, cat: CityCatalogue, patient: PatientFacts, others: readonly string[]): string | null {
  const ok = pool.filter(([code]) => {
    const item = cat.items.get(code);
    return item !== undefined && formOf(item, form) !== undefined && !others.includes(code) && restrictionMet(item, [...others, code], patient, new Set());
  });
  return ok.length === 0 ? null : rng.weighted(ok);
}

function hypertensionCodes(rng: Rng, cat: CityCatalogue, patient: PatientFacts, maxLines: number): string[] {
  const f = patient.findings;
  const special: string[] = [];
  if (f.includes('chronic_heart_failure_nyha_2_4')) {
    special.push(
      'sacubitril+valsartan',
      rng.chance(0.6) ? 'bisoprolol' : 'metoprolol',
      f.includes('chf_needs_rapid_or_parenteral_diuresis') ? 'torasemide' : 'spironolactone',
    );
  } else if (f.includes('arb_intolerant_or_ineffective')) {
    special.push('telmisartan+amlodipine');
    if (rng.chance(0.3)) special.push('bisoprolol');
  }
  const chosen: string[] = [];
  for (const code of special.slice(0, maxLines)) {
    if (pickFrom(rng, [[code, 1]], 'oral', cat, patient, chosen) !== null) chosen.push(code);
  }
  if (chosen.length > 0) return chosen;
  const templates = HT_TEMPLATES.filter(([pools]) => pools.length <= maxLines);
  for (const pool of rng.weighted(templates)) {
    const code = pickFrom(rng, pool, 'oral', cat, patient, chosen);
    if (code !== null) chosen.push(code);
  }
  return chosen.length > 0 ? chosen : [pickFrom(rng, CCB, 'oral', cat, patient, [])!];
}

function diabetesCodes(rng: Rng, cat: CityCatalogue, patient: PatientFacts): { code: string; form: DosageForm }[] {
  const dm = patient.diseases.find((d) => d.disease === 'diabetes');
  const inj = (code: string | null) => (code === null ? [] : [{ code, form: 'injection' as const }]);
  const oral = (code: string | null) => (code === null ? [] : [{ code, form: 'oral' as const }]);
  if (dm?.diabetesType === 'type1') {
    const basal = pickFrom(rng, [['insulin-glargine', 1]], 'injection', cat, patient, []);
    const bolus = pickFrom(
      rng,
      [
        ['insulin-aspart', 3],
        ['insulin-human', 1],
      ],
      'injection',
      cat,
      patient,
      basal === null ? [] : [basal],
    );
    const lines = [...inj(basal), ...inj(bolus)];
    return lines.length > 0 ? lines : inj(pickFrom(rng, [['insulin-human-30-70', 1]], 'injection', cat, patient, []));
  }
  const f = patient.findings;
  const base = f.includes('first_line_contraindicated') ? null : pickFrom(rng, DM_BASE, 'oral', cat, patient, []);
  const others = base === null ? [] : [base];
  let insulin: string | null = null;
  if (f.includes('t2_uncontrolled_on_intermediate_long_insulin'))
    insulin = pickFrom(
      rng,
      [
        ['insulin-glargine', 3],
        ['insulin-degludec', 1],
      ],
      'injection',
      cat,
      patient,
      others,
    );
  else if (f.includes('t2_uncontrolled_on_short_insulin_or_oral')) insulin = pickFrom(rng, [['insulin-aspart-30', 1]], 'injection', cat, patient, others);
  else if (rng.chance(0.1))
    insulin = pickFrom(
      rng,
      [
        ['insulin-human-30-70', 3],
        ['insulin-human-50-50', 1],
      ],
      'injection',
      cat,
      patient,
      others,
    );
  if (insulin !== null) return [...oral(base), ...inj(insulin)];
  const addOn = base === null || rng.chance(0.4) ? pickFrom(rng, DM_ADD_ON, 'oral', cat, patient, others) : null;
  const lines = [...oral(base), ...oral(addOn)];
  return lines.length > 0 ? lines : oral(pickFrom(rng, DM_BASE, 'oral', cat, patient, []));
}

/** A patient's regimen for the diseases the benefit pays for: one to three lines. */
export function chooseRegimen(rng: Rng, cat: CityCatalogue, patient: PatientFacts, diseases: readonly Disease[]): RegimenLine[] {
  const picks: { code: string; form: DosageForm; disease: Disease }[] = [];
  if (diseases.includes('diabetes')) for (const p of diabetesCodes(rng, cat, patient)) picks.push({ ...p, disease: 'diabetes' });
  if (diseases.includes('hypertension')) {
    for (const code of hypertensionCodes(rng, cat, patient, Math.max(1, 3 - picks.length))) picks.push({ code, form: 'oral', disease: 'hypertension' });
  }
  return picks.slice(0, 3).map(({ code, form, disease }) => {
    const dosing = dosingOf(code, form);
    const item = cat.items.get(code)!;
    return { drugCode: code, form, disease, daily: rng.int(dosing.daily[0], dosing.daily[1]), villageLevel: formOf(item, form)?.villageLevel ?? false };
  });
}
