/**
 * The per-drug payment standard (医保支付标准) of W 四(一): 按照国家和省对“两病”用药确定的支付标准，进行动态维护。
 * One row is a generic (the drug reference's code) in a dosage form and a strength (规格), with the
 * price per dispensing unit (片、粒、支) the fund pays against, in fen. A version is a whole list with
 * its effective date and source, kept by the bureau; a claim is judged by the version in force on its
 * service date (a named override from that date, like a catalogue version).
 */
import type { Citation, DosageForm } from '../catalogue/types';
import type { IsoDate } from '../dates';

export interface PaymentStandardRow {
  /** key into the drug reference table (the generic name) */
  readonly drugCode: string;
  readonly form: DosageForm;
  /** 规格 as the bureau's list gives it, e.g. '5mg', '0.5g', '300IU/3ml'; compared after normaliseStrength */
  readonly strength: string;
  /** the standard per dispensing unit, fen */
  readonly unitPriceFen: number;
}

export interface PaymentStandardVersion {
  readonly id: string;
  readonly city: string;
  readonly title: string;
  readonly effectiveFrom: IsoDate;
  readonly source: Citation;
  readonly rows: readonly PaymentStandardRow[];
}

/** A change a what-if makes to the standard in force: a row's price set (added where there was none), or removed with null. */
export interface PaymentStandardChange {
  readonly drugCode: string;
  readonly form: DosageForm;
  readonly strength: string;
  readonly unitPriceFen: number | null;
}

/** Whether a rule set's city pays against a per-drug standard, and the text that says so (or says nothing of it). */
export interface PaymentStandardRule {
  readonly applies: boolean;
  readonly citation: Citation;
}
