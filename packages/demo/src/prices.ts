/**
 * A deterministic price and dose table for the drugs the demo dispenses: fen per dispensing unit
 * (tablet or capsule at a common strength; an insulin pen of 300 IU) and the usual daily units.
 *
 * Prices are illustrative, of the order of primary-care prices after national volume-based
 * procurement (集采): a few fen for old generics (hydrochlorothiazide, metformin), tens of fen for
 * procured CCBs and ARBs, a few yuan for newer patented drugs, 40–80 yuan an insulin pen. They are
 * not a price list of either city.
 */
import type { DosageForm } from '@liangbing/policy';

export const INSULIN_PEN_IU = 300;

export interface Dosing {
  readonly priceFen: number;
  /** dispensing units a day, lowest and highest usual; for insulin pens: IU a day */
  readonly daily: readonly [number, number];
  /** true for insulin pens, dosed in IU and dispensed in whole pens */
  readonly pen?: boolean;
}

const t = (priceFen: number, lo: number, hi = lo): Dosing => ({ priceFen, daily: [lo, hi] });
const pen = (priceFen: number, loIu: number, hiIu: number): Dosing => ({ priceFen, daily: [loIu, hiIu], pen: true });

const TABLE: Readonly<Record<string, Dosing>> = {
  // calcium channel blockers
  amlodipine: t(25, 1, 2),
  levamlodipine: t(35, 1, 2),
  nifedipine: t(60, 1, 2),
  felodipine: t(60, 1, 2),
  nitrendipine: t(8, 2, 3),
  lacidipine: t(150, 1),
  lercanidipine: t(180, 1),
  cilnidipine: t(200, 1),
  benidipine: t(160, 1, 2),
  // ARBs
  valsartan: t(45, 1, 2),
  losartan: t(55, 1, 2),
  irbesartan: t(25, 1, 2),
  telmisartan: t(30, 1, 2),
  candesartan: t(40, 1, 2),
  olmesartan: t(60, 1),
  allisartan: t(350, 1),
  // ACE inhibitors
  enalapril: t(10, 1, 2),
  benazepril: t(40, 1, 2),
  perindopril: t(120, 1),
  fosinopril: t(60, 1),
  lisinopril: t(20, 1),
  captopril: t(3, 2, 3),
  imidapril: t(150, 1),
  // beta-blockers
  metoprolol: t(40, 2),
  bisoprolol: t(35, 1),
  atenolol: t(4, 1, 2),
  carvedilol: t(30, 2),
  propranolol: t(3, 3),
  labetalol: t(50, 3),
  // diuretics
  hydrochlorothiazide: t(2, 1),
  indapamide: t(20, 1),
  spironolactone: t(8, 1, 2),
  torasemide: t(80, 1),
  furosemide: t(3, 1),
  // single-pill combinations
  'irbesartan+hydrochlorothiazide': t(60, 1),
  'losartan+hydrochlorothiazide': t(90, 1),
  'valsartan+hydrochlorothiazide': t(110, 1),
  'telmisartan+hydrochlorothiazide': t(150, 1),
  'olmesartan+hydrochlorothiazide': t(260, 1),
  'valsartan+amlodipine': t(120, 1),
  'olmesartan+amlodipine': t(350, 1),
  'telmisartan+amlodipine': t(300, 1),
  'perindopril+indapamide': t(250, 1),
  'benazepril+amlodipine': t(200, 1),
  'benazepril+hydrochlorothiazide': t(150, 1),
  'lisinopril+hydrochlorothiazide': t(120, 1),
  'perindopril+amlodipine': t(280, 1),
  'sacubitril+valsartan': t(400, 2),
  // other antihypertensives (out of some catalogues)
  terazosin: t(50, 1),
  doxazosin: t(150, 1),
  // diabetes, oral
  metformin: t(5, 2, 4),
  acarbose: t(20, 3),
  glimepiride: t(15, 1, 2),
  gliclazide: t(20, 1, 2),
  glipizide: t(15, 2),
  repaglinide: t(20, 3),
  pioglitazone: t(90, 1),
  sitagliptin: t(250, 1),
  vildagliptin: t(100, 2),
  saxagliptin: t(150, 1),
  linagliptin: t(450, 1),
  empagliflozin: t(350, 1),
  dapagliflozin: t(350, 1),
  // insulins: a 300 IU pen
  'insulin-human': pen(4_000, 12, 24),
  'insulin-human-30-70': pen(4_200, 20, 40),
  'insulin-human-50-50': pen(4_200, 20, 40),
  'insulin-aspart': pen(5_500, 14, 28),
  'insulin-aspart-30': pen(5_600, 20, 40),
  'insulin-glargine': pen(7_000, 12, 28),
  'insulin-degludec': pen(8_000, 12, 28),
};

/** The dosing of a drug; a generic default for one the table does not list. */
export function dosingOf(drugCode: string, form: DosageForm): Dosing {
  return TABLE[drugCode] ?? (form === 'injection' ? pen(5_000, 16, 30) : t(50, 1));
}

/** Units to dispense for `days` days at `daily` units (IU for a pen) a day. */
export function quantityFor(dosing: Dosing, daily: number, days: number): number {
  return dosing.pen === true ? Math.ceil((daily * days) / INSULIN_PEN_IU) : daily * days;
}
