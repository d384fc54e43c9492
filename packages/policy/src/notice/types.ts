/** The notice for the insured person: plain data in (a stored decision and the year so far), sentences out. */
import type { Citation } from '../catalogue/types';
import type { IsoDate } from '../dates';
import type { Decision } from '../types';

export interface NoticeLine {
  readonly lineNo: number;
  readonly drugCode: string;
  readonly quantity: number;
  readonly daysSupply: number;
}

/** What the claim was, beside its decision. */
export interface NoticeClaim {
  readonly serviceDate: IsoDate;
  readonly institutionName: string | null;
  readonly lines: readonly NoticeLine[];
  /** the date of its 冲正, when it was reversed */
  readonly reversedOn: IsoDate | null;
}

/** The person as the viewer may see them (masked for most roles: the caller decides and audits). */
export interface NoticePerson {
  readonly name: string;
  readonly residentId: string;
}

/**
 * Where the patient stands in the benefit year, from the ledger (capStanding): the cap for the
 * certified diseases, what counts against it and what is left, as of a day.
 */
export interface YearPosition {
  readonly year: number;
  readonly asOf: IsoDate;
  /** null when no rule set is in force or the deployment has not set the cap (G-4) */
  readonly capFen: number | null;
  readonly usedFen: number;
  readonly remainingFen: number | null;
  /** what the 两病 benefit paid this year */
  readonly fundPaidFen: number;
  /** what the general-outpatient fund paid, counted against the cap where the rule set says so (W 二(三)) */
  readonly generalOutpatientFundFen: number;
  readonly capIncludesGeneralOutpatient: boolean;
  readonly capCitation: Citation | null;
}

export interface ClaimNoticeInput {
  readonly decision: Decision;
  readonly claim: NoticeClaim;
  readonly year: YearPosition | null;
  readonly person: NoticePerson | null;
}

export interface YearClaim {
  readonly serviceDate: IsoDate;
  readonly amountFen: number;
  readonly fundFen: number;
  readonly patientFen: number;
  readonly reversed: boolean;
}

export interface YearNoticeInput {
  readonly year: number;
  /** the rule set the year's cap is told by (that in force on position.asOf); null when none is */
  readonly ruleSetId: string | null;
  readonly position: YearPosition;
  readonly claims: readonly YearClaim[];
  /** the last day of supply of what was dispensed (the ledger's next refill date) */
  readonly supplyLastsUntil: IsoDate | null;
  /** days before that a refill is not duplicate dispensing (configuration), with its citation */
  readonly earlyRefillToleranceDays: number | null;
  readonly person: NoticePerson | null;
}

export type NoticeSectionKind = 'person' | 'payment' | 'reversal' | 'ratio' | 'deductible' | 'cap' | 'rule' | 'note' | 'refill' | 'year' | 'summary' | 'source';

export const NOTICE_SECTION_KINDS: readonly NoticeSectionKind[] = [
  'person',
  'payment',
  'reversal',
  'ratio',
  'deductible',
  'cap',
  'rule',
  'note',
  'refill',
  'year',
  'summary',
  'source',
];

export interface NoticeSection {
  readonly kind: NoticeSectionKind;
  /** the hit code a rule section words */
  readonly code: string | null;
  readonly lineNo: number | null;
  readonly ruleId: string | null;
  /** the section of the source, as the rule set cites it (二(三)) */
  readonly section: string | null;
  /** 《无锡市…意见》二（三） */
  readonly citationZh: string | null;
  readonly textZh: string;
  readonly textEn: string;
  /** the amount the section is about, fen (the fund's share, the cap left, the amount refused) */
  readonly amountFen: number | null;
  /** the date the section is about (the next refill) */
  readonly date: IsoDate | null;
}

export interface Notice {
  readonly titleZh: string;
  readonly titleEn: string;
  readonly textZh: string;
  readonly textEn: string;
  readonly sections: readonly NoticeSection[];
}
