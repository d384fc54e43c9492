/**
 * Rule breaches injected into about 4 % of claims, each of one kind, built so that the adjudicator
 * raises the kind's hit (BREACH_EXPECTED_HIT) on that claim and nothing spills over to the
 * patient's regular claims: an added drug never shares a substance or a renin–angiotensin class
 * conflict with the regimen, and an early refill is short enough to run out before the next
 * regular fill. A kind that does not fit the patient falls back to over-quantity.
 */
import { fromDay, raasClassOf, toDay, type CatalogueItem } from '@liangbing/policy';
import { draftLine, type DraftClaim, type DraftLine } from './draft';
import { dosingOf } from './prices';
import type { Rng } from './prng';
import { drugRef, restrictionMet, type RegimenLine } from './regimen';
import type { BreachKind, CityCode, Institution, Patient } from './types';
import { designationOn, type CityWorld } from './world';

export interface BreachContext {
  readonly rng: Rng;
  readonly world: CityWorld;
  readonly patient: Patient;
  readonly regimen: readonly RegimenLine[];
  readonly draft: DraftClaim;
  /** every drug dispensed to the patient in earlier claims */
  readonly prior: ReadonlySet<string>;
  /** last day of the demo period */
  readonly end: number;
}

const WUXI_KINDS: readonly (readonly [BreachKind, number])[] = [
  ['duplicate_dispensing', 25],
  ['over_quantity', 20],
  ['long_prescription', 20],
  ['out_of_catalogue', 15],
  ['wrong_institution', 20],
];
const GUIYANG_KINDS: readonly (readonly [BreachKind, number])[] = [
  ['duplicate_dispensing', 20],
  ['over_quantity', 15],
  ['long_prescription', 15],
  ['out_of_catalogue', 15],
  ['village_injection', 10],
  ['restriction_not_met', 15],
  ['unauthorised_institution', 10],
];

/** Common drugs outside each catalogue, as they turn up at the counter. */
const OUTSIDE: Readonly<Record<CityCode, Readonly<Record<'hypertension' | 'diabetes', readonly string[]>>>> = {
  // Wuxi pays every C02/C03/C07/C08/C09/A10 drug; terazosin (G04CA03, prescribed for the prostate) is outside
  '320200': { hypertension: ['terazosin'], diabetes: ['terazosin'] },
  '520100': { hypertension: ['doxazosin', 'lercanidipine', 'cilnidipine'], diabetes: ['dapagliflozin', 'gliclazide', 'sitagliptin', 'vildagliptin'] },
};

/**
 * Puts a breach into ctx.draft: kinds are tried in a weighted random order until one fits the
 * patient (over-quantity always fits). Returns any extra claim it adds (the early refill).
 */
export function injectBreach(ctx: BreachContext): DraftClaim[] {
  const kinds = [...(ctx.world.city === '320200' ? WUXI_KINDS : GUIYANG_KINDS)];
  while (kinds.length > 0) {
    const i = ctx.rng.weightedIndex(kinds.map((k) => k[1]));
    const extra = APPLY[kinds[i]![0]](ctx);
    if (extra !== null) return extra;
    kinds.splice(i, 1);
  }
  overQuantity(ctx);
  return [];
}

type Apply = (ctx: BreachContext) => DraftClaim[] | null;

const APPLY: Readonly<Record<BreachKind, Apply>> = {
  duplicate_dispensing: duplicate,
  over_quantity: (ctx) => (overQuantity(ctx), []),
  long_prescription: longPrescription,
  out_of_catalogue: outOfCatalogue,
  village_injection: villageInjection,
  restriction_not_met: restrictionNotMet,
  wrong_institution: wrongInstitution,
  unauthorised_institution: unauthorisedInstitution,
};

function overQuantity({ rng, draft }: BreachContext): void {
  const i = rng.int(0, draft.lines.length - 1);
  const line = draft.lines[i]!;
  const max = drugRef(line.drugCode)?.maxUnitsPerDay ?? 1;
  const allowed = Math.floor(max * line.daysSupply + 1e-9);
  const quantity = Math.max(allowed + 1, Math.ceil(allowed * 1.5));
  draft.lines[i] = { ...line, quantity, amountFen: quantity * dosingOf(line.drugCode, line.form).priceFen };
  draft.breach = 'over_quantity';
}

/** An early refill of one drug, 5 or more days into a supply with at least 10 days left, for 14 days. */
function duplicate({ rng, world, patient, regimen, draft, end }: BreachContext): DraftClaim[] | null {
  const line = regimen[0]!;
  const supply = draft.lines[0]!.daysSupply;
  const year = Number(fromDay(draft.day).slice(0, 4));
  const lastDay = Math.min(end, draft.day + supply - 10, toDay(`${year}-12-31`));
  if (lastDay < draft.day + 5) return null;
  const day = rng.int(draft.day + 5, lastDay);
  let institution: Institution;
  if (world.city === '320200') {
    const d = designationOn(patient, fromDay(day));
    if (d === null) return null;
    institution = world.institutions.byId.get(d.institutionId)!;
  } else {
    const d = world.institutions.districts.get(patient.districtCode)!;
    const others = [...d.usableCentres, ...d.hospitals].filter((i) => i.id !== draft.institution.id);
    if (others.length === 0) return null;
    institution = rng.pick(others);
  }
  const lines = [draftLine(line.drugCode, line.form, line.daily, 14)];
  return [{ day, institution, pathway: 'designated', referral: null, sourcePrescription: null, conditionStable: true, lines, breach: 'duplicate_dispensing' }];
}

function longPrescription({ world, regimen, draft }: BreachContext): DraftClaim[] {
  const days = (world.city === '320200' ? 60 : 90) + 30;
  draft.lines = regimen.map((r) => draftLine(r.drugCode, r.form, r.daily, days));
  draft.breach = 'long_prescription';
  return [];
}

function components(code: string): readonly string[] {
  return drugRef(code)?.components ?? [code];
}

/** A drug that may be added without a duplicate or an ACEI + ARB conflict with anything the patient takes. */
function compatible(code: string, regimen: readonly RegimenLine[], draft: DraftClaim): boolean {
  const taken = new Set([...regimen.map((r) => r.drugCode), ...draft.lines.map((l) => l.drugCode)]);
  const mine = components(code);
  const raas = raasClassOf(drugRef(code)?.atc ?? '');
  for (const other of taken) {
    if (other === code || components(other).some((c) => mine.includes(c))) return false;
    const o = raasClassOf(drugRef(other)?.atc ?? '');
    if (raas !== null && o !== null && raas !== o) return false;
  }
  return true;
}

function addLine(draft: DraftClaim, line: DraftLine): void {
  if (draft.lines.length < 3) draft.lines.push(line);
  else draft.lines[draft.lines.length - 1] = line;
}

function outOfCatalogue({ rng, world, regimen, draft }: BreachContext): DraftClaim[] | null {
  const diseases = new Set(regimen.map((r) => r.disease));
  const pool = [...diseases].flatMap((d) => OUTSIDE[world.city][d]);
  const ok = pool.filter((c) => drugRef(c) !== undefined && !world.catalogue.items.has(c) && compatible(c, regimen, draft));
  if (ok.length === 0) return null;
  const code = rng.pick(ok);
  addLine(draft, draftLine(code, 'oral', 1, draft.lines[0]!.daysSupply));
  draft.breach = 'out_of_catalogue';
  return [];
}

function villageLevelOf(world: CityWorld, patient: Patient): Institution[] {
  const d = world.institutions.districts.get(patient.districtCode)!;
  const own = d.villageLevelByStreet.get(patient.streetCode);
  return own !== undefined && own.length > 0 ? [...own] : [...d.villageLevelByStreet.values()].flat();
}

function villageInjection({ rng, world, patient, regimen, draft }: BreachContext): DraftClaim[] | null {
  if (world.city !== '520100' || !regimen.some((r) => r.form === 'injection')) return null;
  const places = villageLevelOf(world, patient);
  if (places.length === 0) return null;
  draft.pathway = 'extension';
  draft.institution = rng.pick(places);
  draft.conditionStable = true;
  const issuedOn = fromDay(draft.day - rng.int(20, 120));
  const source = rng.pick(world.institutions.districts.get(patient.districtCode)!.hospitals);
  draft.sourcePrescription = {
    id: `${patient.id}-RXV-${fromDay(draft.day)}`,
    institutionId: source.id,
    issuedOn,
    institutionLevel: source.level,
    drugCodes: draft.lines.map((l) => l.drugCode),
  };
  draft.breach = 'village_injection';
  return [];
}

function restrictionNotMet({ rng, world, patient, regimen, draft, prior }: BreachContext): DraftClaim[] | null {
  if (world.city !== '520100') return null;
  const diseases = new Set(regimen.map((r) => r.disease));
  const candidates: CatalogueItem[] = [];
  for (const item of world.catalogue.items.values()) {
    if (item.restriction === null || !diseases.has(item.disease) || !compatible(item.drug.code, regimen, draft)) continue;
    const kept = draft.lines.length < 3 ? draft.lines : draft.lines.slice(0, -1);
    const codes = [...kept.map((l) => l.drugCode), item.drug.code];
    if (!restrictionMet(item, codes, patient, prior)) candidates.push(item);
  }
  if (candidates.length === 0) return null;
  const item = rng.pick(candidates);
  const form = item.forms.some((f) => f.form === 'oral') ? 'oral' : 'injection';
  const before = draft.lines.slice();
  addLine(draft, draftLine(item.drug.code, form, form === 'oral' ? 1 : 16, draft.lines[0]!.daysSupply));
  // the regimen's own restricted drugs must still be met by what is left on the claim
  const codes = draft.lines.map((l) => l.drugCode);
  const stillMet = draft.lines.every((l) => {
    const own = world.catalogue.items.get(l.drugCode);
    return own === undefined || own === item || restrictionMet(own, codes, patient, prior);
  });
  if (!stillMet) {
    draft.lines = before;
    return null;
  }
  draft.breach = 'restriction_not_met';
  return [];
}

function wrongInstitution({ rng, world, patient, draft }: BreachContext): DraftClaim[] | null {
  if (world.city !== '320200') return null;
  const d = designationOn(patient, fromDay(draft.day));
  if (d === null) return null;
  const centres = world.institutions.districts.get(patient.districtCode)!.centres;
  const others = centres.filter((c) => c.insuranceDesignated && c.id !== d.institutionId && (d.consortiumId === null || c.consortiumId !== d.consortiumId));
  if (others.length === 0) return null;
  draft.institution = rng.pick(others);
  draft.breach = 'wrong_institution';
  return [];
}

function unauthorisedInstitution({ rng, world, patient, regimen, draft }: BreachContext): DraftClaim[] | null {
  if (world.city !== '520100' || !regimen.every((r) => r.villageLevel)) return null;
  const places = villageLevelOf(world, patient).filter((i) => !i.canTreatTwoDiseases);
  if (places.length === 0) return null;
  draft.institution = rng.pick(places);
  draft.breach = 'unauthorised_institution';
  return [];
}
