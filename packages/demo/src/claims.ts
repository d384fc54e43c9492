/**
 * 两病 dispensing claims of one patient over the demo period, in date order.
 *
 * Only insured (居民医保), certified patients claim; in Wuxi only for diseases outside the chronic
 * programme (W-11) and only after the year's general-outpatient benefit is used up (W-3: before
 * that, the same drugs are settled under general outpatient and are not 两病 claims).
 *
 * Refills follow the days of supply: the next fill comes between 3 days early and 7 days late,
 * sometimes after a gap (non-adherence), never more than 3 days before the last supply runs out,
 * so the adjudicator's 7-day tolerance sees no duplicate dispensing in regular claims.
 *
 * Pathways: Wuxi mostly at the designated institution (or its consortium's hospital under joint
 * designation), some referrals from it, rare emergencies, out-of-area for long-term residents
 * elsewhere; Guiyang at the home centre or a district hospital, extension prescriptions at the
 * village clinic / community station for stable patients on village-level drugs (with a
 * level-2+ prescription renewed every five months), rare referrals.
 */
import { fromDay, toDay } from '@liangbing/policy';
import { injectBreach } from './breaches';
import { draftLine, type DraftClaim } from './draft';
import { refOf } from './institutions';
import { rngFor, type Rng } from './prng';
import { chooseRegimen, type RegimenLine } from './regimen';
import type { CityCode, DemoClaim, Institution, Patient } from './types';
import { DEMO_PERIOD } from './types';
import { designationOn, type CityWorld } from './world';

/**
 * The share of breachable claims (regular designated-pathway claims at the patient's own
 * institution) that get a breach, tuned per city for ≈ 4 % of all claims: fewer of Guiyang's
 * claims are breachable (extension prescriptions, hospital visits).
 */
const BREACH_RATE: Readonly<Record<CityCode, number>> = { '320200': 0.05, '520100': 0.058 };

interface Plan {
  readonly days: number;
  /** Guiyang: stable patient on village-level drugs who collects at the village clinic / station */
  readonly village: Institution | null;
  readonly host: Institution | null;
}

function planFor(rng: Rng, patient: Patient, world: CityWorld, regimen: readonly RegimenLine[]): Plan {
  const wuxi = world.city === '320200';
  const days = wuxi
    ? rng.weighted([
        [30, 72],
        [60, 28],
      ])
    : rng.weighted([
        [30, 65],
        [60, 15],
        [90, 20],
      ]);
  let village: Institution | null = null;
  if (!wuxi && regimen.every((l) => l.villageLevel) && rng.chance(0.35)) {
    const list = world.institutions.districts.get(patient.districtCode)!.villageLevelByStreet.get(patient.streetCode) ?? [];
    village = list.length > 0 ? rng.pick(list) : null;
  }
  const host = patient.longTermResidenceElsewhere && world.outOfAreaHosts.length > 0 ? rng.pick(world.outOfAreaHosts) : null;
  return { days, village, host };
}

function hospitalOf(rng: Rng, world: CityWorld, districtCode: string): Institution {
  return rng.pick(world.institutions.districts.get(districtCode)!.hospitals);
}

export function generateClaims(patient: Patient, world: CityWorld): DemoClaim[] {
  const wuxi = world.city === '320200';
  const cert = patient.certification;
  if (patient.scheme !== 'resident' || cert === null) return [];
  const diseases = patient.diseases.map((d) => d.disease).filter((d) => !(wuxi && patient.chronicProgrammeDiseases.includes(d)));
  if (diseases.length === 0) return [];

  const rng = rngFor(world.seed, 'claims', patient.id);
  const regimen = chooseRegimen(rng, world.catalogue, patient, diseases);
  const plan = planFor(rng, patient, world, regimen);
  if (patient.longTermResidenceElsewhere && plan.host === null) return [];

  const home = world.institutions.byId.get(patient.homeInstitutionId)!;
  // from certification, and never before the latest diagnosis (the certificate covers every disease)
  const eligibleFrom = patient.diseases.reduce((a, d) => (d.diagnosedOn > a ? d.diagnosedOn : a), cert.certifiedOn);
  const end = toDay(DEMO_PERIOD.to);
  let day = Math.max(toDay(DEMO_PERIOD.from), toDay(eligibleFrom)) + rng.int(0, 20);
  let supplyEnd = day;
  let sourceRx: { id: string; day: number; institution: Institution } | null = null;
  const prior = new Set<string>();
  const drafts: DraftClaim[] = [];

  while (day <= end) {
    const iso = fromDay(day);
    if (wuxi) {
      const year = Number(iso.slice(0, 4));
      const go = patient.generalOutpatient.find((g) => g.year === year);
      if (go === undefined || go.exhaustedOn === null) {
        day = toDay(`${year + 1}-01-01`) + rng.int(0, 10);
        continue;
      }
      if (iso < go.exhaustedOn) {
        day = Math.max(toDay(go.exhaustedOn) + rng.int(0, 10), supplyEnd - rng.int(0, 3));
        continue;
      }
    }
    const lines = regimen.map((r) => draftLine(r.drugCode, r.form, r.daily, plan.days));
    const draft: DraftClaim = {
      day,
      institution: home,
      pathway: 'designated',
      referral: null,
      sourcePrescription: null,
      conditionStable: rng.chance(0.85),
      lines,
      breach: null,
    };
    let breachable = false;

    if (plan.host !== null) {
      draft.pathway = 'out_of_area';
      draft.institution = plan.host;
    } else if (wuxi) {
      const designation = designationOn(patient, iso);
      const r = rng.next();
      if (designation === null) {
        draft.institution = home;
      } else if (r < 0.05) {
        const issuedOn = fromDay(Math.max(day - rng.int(0, 10), toDay(designation.from)));
        draft.pathway = 'referral';
        draft.referral = { fromInstitutionId: designationOn(patient, issuedOn)!.institutionId, issuedOn };
        draft.institution = rng.chance(0.7) ? hospitalOf(rng, world, patient.districtCode) : rng.pick(world.level3Hospitals);
      } else if (r < 0.055) {
        draft.pathway = 'emergency';
        draft.institution = hospitalOf(rng, world, patient.districtCode);
      } else {
        const lead =
          designation.consortiumId !== null && rng.chance(0.25) ? world.institutions.districts.get(patient.districtCode)!.consortium.leadInstitutionId : null;
        draft.institution = world.institutions.byId.get(lead ?? designation.institutionId)!;
        breachable = lead === null;
      }
    } else if (plan.village !== null) {
      if (sourceRx === null || day - sourceRx.day > 150) {
        draft.institution = hospitalOf(rng, world, patient.districtCode);
        sourceRx = { id: `${patient.id}-RX-${iso}`, day, institution: draft.institution };
      } else {
        draft.pathway = 'extension';
        draft.institution = plan.village;
        draft.conditionStable = true;
        draft.sourcePrescription = {
          id: sourceRx.id,
          institutionId: sourceRx.institution.id,
          issuedOn: fromDay(sourceRx.day),
          institutionLevel: sourceRx.institution.level,
          drugCodes: regimen.map((l) => l.drugCode),
        };
      }
    } else {
      const r = rng.next();
      if (r < 0.02) {
        draft.pathway = 'referral';
        draft.referral = { fromInstitutionId: home.id, issuedOn: fromDay(day - rng.int(0, 10)) };
        draft.institution = hospitalOf(rng, world, patient.districtCode);
      } else if (r < 0.14) {
        draft.institution = hospitalOf(rng, world, patient.districtCode);
      } else {
        breachable = true;
      }
    }

    const out: DraftClaim[] = [draft];
    if (breachable && rng.chance(BREACH_RATE[world.city])) out.push(...injectBreach({ rng, world, patient, regimen, draft, prior, end }));
    for (const c of out) {
      drafts.push(c);
      for (const l of c.lines) prior.add(l.drugCode);
    }
    const days = Math.max(...draft.lines.map((l) => l.daysSupply));
    supplyEnd = day + days;
    day += days + (rng.chance(0.12) ? rng.int(10, 60) : rng.int(-3, 7));
  }
  return drafts.map((d, i) => finalise(world, patient, d, i + 1));
}

function finalise(world: CityWorld, patient: Patient, d: DraftClaim, seq: number): DemoClaim {
  const claimId = `${patient.id}-C${String(seq).padStart(3, '0')}`;
  return {
    claimId,
    patientId: patient.id,
    cityCode: patient.cityCode,
    districtCode: patient.districtCode,
    seq,
    idempotencyKey: `demo-${world.seed}-${claimId}`,
    claim: {
      serviceDate: fromDay(d.day),
      cityCode: patient.cityCode,
      institution: refOf(d.institution),
      pathway: d.pathway,
      referral: d.referral,
      sourcePrescription:
        d.sourcePrescription === null
          ? null
          : { issuedOn: d.sourcePrescription.issuedOn, institutionLevel: d.sourcePrescription.institutionLevel, drugCodes: d.sourcePrescription.drugCodes },
      conditionStable: d.conditionStable,
      lines: d.lines.map((l, i) => ({
        lineNo: i + 1,
        drugCode: l.drugCode,
        form: l.form,
        quantity: l.quantity,
        daysSupply: l.daysSupply,
        amountFen: l.amountFen,
      })),
    },
    sourcePrescription: d.sourcePrescription === null ? null : { id: d.sourcePrescription.id, institutionId: d.sourcePrescription.institutionId },
    injectedBreach: d.breach,
  };
}
