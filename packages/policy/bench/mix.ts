/**
 * A realistic claim mix for the benchmark: both cities, Guiyang under a named benchmark
 * configuration, 1–3 lines a claim, patients with a few dispensing records, most claims clean
 * and a few per cent with a breach (duplicate dispensing, over-quantity, a long prescription,
 * a drug out of scope, an unmet restriction, the wrong institution, no certification).
 * Seeded, so every run measures the same claims.
 */
import { addDays, type ClaimInput, type ClaimLineInput, type DispensingRecord, type PatientYear, type RuleSetOverride } from '../src/index';
import { bothDiseases, diabetesOnly, guiyangClaim, guiyangInstitution, guiyangPatient, institution, wuxiClaim, wuxiPatient } from '../src/fixtures';

/** Benchmark values for Guiyang's open benefit levels (G-4): made up, not the real configuration. */
export const BENCH_GUIYANG: RuleSetOverride = {
  name: 'bench-guiyang',
  description: 'benchmark values for Guiyang’s benefit levels; not the real configuration',
  ruleSetId: 'guiyang-2021',
  source: { document: 'benchmark fixture', section: '—', note: 'made-up values for the benchmark' },
  parameters: {
    ratioDesignatedBp: 7000,
    ratioReferralBp: 6000,
    ratioExtensionBp: 7000,
    capOneDiseaseFen: 90_000,
    capBothDiseasesFen: 120_000,
    deductibleFen: 0,
  },
};

/** The overrides a deployment passes with every claim: one list, configured once. */
const GUIYANG_OVERRIDES: readonly RuleSetOverride[] = [BENCH_GUIYANG];
const NO_OVERRIDES: readonly RuleSetOverride[] = [];

export interface MixItem {
  readonly claim: ClaimInput;
  readonly patient: PatientYear;
  readonly overrides: readonly RuleSetOverride[];
}

export interface MixOptions {
  readonly size?: number;
  readonly seed?: number;
  /** share of claims with a deliberate breach */
  readonly breachRate?: number;
}

/** mulberry32: a small, fast, seeded generator. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HYPERTENSION = [
  'amlodipine',
  'nifedipine',
  'enalapril',
  'valsartan',
  'irbesartan',
  'metoprolol',
  'hydrochlorothiazide',
  'indapamide',
  'felodipine',
  'valsartan+amlodipine',
];
const DIABETES = ['metformin', 'acarbose', 'glimepiride', 'repaglinide'];
const BREACHES = ['duplicate', 'over_quantity', 'long', 'out_of_scope', 'restriction', 'wrong_institution', 'not_certified'] as const;
type Breach = (typeof BREACHES)[number];

export function buildMix(options: MixOptions = {}): MixItem[] {
  const { size = 10_000, seed = 20_240_101, breachRate = 0.05 } = options;
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const items: MixItem[] = [];

  for (let n = 0; n < size; n++) {
    const wuxi = random() < 0.55;
    const serviceDate = addDays('2022-01-03', int(0, 360));
    const disease = random();
    const hasDiabetes = disease > 0.6;
    const hasHypertension = disease < 0.85;
    const both = hasDiabetes && hasHypertension;
    const breach: Breach | null = random() < breachRate ? pick(BREACHES) : null;

    const drugsFor = (): string => (hasHypertension && (!hasDiabetes || random() < 0.6) ? pick(HYPERTENSION) : pick(DIABETES));
    const lineCount = random() < 0.6 ? 1 : random() < 0.75 ? 2 : 3;
    const lines: ClaimLineInput[] = [];
    const used = new Set<string>();
    for (let i = 0; i < lineCount; i++) {
      let drugCode = drugsFor();
      for (let tries = 0; used.has(drugCode) && tries < 5; tries++) drugCode = drugsFor();
      if (used.has(drugCode)) break;
      used.add(drugCode);
      const daysSupply = pick([14, 28, 30, 30, 30, 56, 60]);
      lines.push({ lineNo: i + 1, drugCode, form: 'oral', quantity: daysSupply * pick([1, 1, 2]), daysSupply, amountFen: int(800, 18_000) });
    }
    const first = lines[0]!;
    if (breach === 'over_quantity') lines[0] = { ...first, quantity: first.daysSupply * 20 };
    if (breach === 'long') lines[0] = { ...first, daysSupply: wuxi ? 75 : 100, quantity: wuxi ? 75 : 100 };
    if (breach === 'out_of_scope')
      lines.push({ lineNo: lines.length + 1, drugCode: wuxi ? 'atorvastatin' : 'olmesartan', form: 'oral', quantity: 30, daysSupply: 30, amountFen: 4500 });
    if (breach === 'restriction') {
      lines.push({ lineNo: lines.length + 1, drugCode: 'empagliflozin', form: 'oral', quantity: 30, daysSupply: 30, amountFen: 9000 });
    }

    // A few earlier fills: the last one ran out around now (a normal refill), older ones long ago.
    const history: DispensingRecord[] = [];
    const records = int(1, 4);
    for (let r = 0; r < records; r++) {
      const drugCode = r === 0 ? first.drugCode : drugsFor();
      history.push({ date: addDays(serviceDate, -(30 * r + int(27, 33))), drugCode, daysSupply: 30, institutionId: wuxi ? 'wx-chc-1' : 'gy-thc-1' });
    }
    if (breach === 'duplicate')
      history.push({ date: addDays(serviceDate, -10), drugCode: first.drugCode, daysSupply: 30, institutionId: wuxi ? 'wx-chc-2' : 'gy-thc-3' });

    const certified = breach === 'not_certified' ? { certification: null } : {};
    const diseases = both ? bothDiseases(wuxi ? '2020-03-01' : '2021-06-20') : hasDiabetes ? diabetesOnly(wuxi ? '2020-03-01' : '2021-06-20') : {};
    const fundPaidFen = random() < 0.03 ? int(50_000, 75_000) : int(0, 30_000);
    const priorDrugCodes = [...new Set(history.map((h) => h.drugCode))];

    if (wuxi) {
      const referral = breach === null && random() < 0.08;
      const claim = wuxiClaim({
        serviceDate,
        lines,
        ...(referral
          ? {
              pathway: 'referral',
              institution: institution({ id: 'wx-h2-1', level: 'level2_hospital', consortiumId: null }),
              referral: { fromInstitutionId: 'wx-chc-1', issuedOn: addDays(serviceDate, -5) },
            }
          : {}),
        ...(breach === 'wrong_institution' ? { institution: institution({ id: 'wx-chc-9', consortiumId: null }) } : {}),
      });
      const patient = wuxiPatient({
        ...diseases,
        ...certified,
        history,
        priorDrugCodes,
        fundPaidFen,
        generalOutpatient: { exhausted: true, fundPaidFen: int(0, 10_000) },
      });
      items.push({ claim, patient, overrides: NO_OVERRIDES });
    } else {
      const extension = breach === null && random() < 0.15;
      const claim = guiyangClaim({
        serviceDate,
        lines,
        institution: guiyangInstitution(
          breach === 'wrong_institution' ? { canTreatTwoDiseases: false } : random() < 0.3 ? { id: 'gy-vc-1', level: 'village_clinic' } : {},
        ),
        ...(extension
          ? {
              pathway: 'extension',
              institution: guiyangInstitution({ id: 'gy-thc-2', canTreatTwoDiseases: false }),
              sourcePrescription: {
                issuedOn: addDays(serviceDate, -int(10, 170)),
                institutionLevel: 'level2_hospital',
                drugCodes: lines.map((l) => l.drugCode),
              },
            }
          : {}),
      });
      const patient = guiyangPatient({
        ...diseases,
        ...certified,
        history,
        priorDrugCodes,
        fundPaidFen,
        chronicProgrammeDiseases: random() < 0.2 ? ['hypertension'] : [],
      });
      items.push({ claim, patient, overrides: GUIYANG_OVERRIDES });
    }
  }
  return items;
}
