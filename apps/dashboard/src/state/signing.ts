// A patient's family-doctor signings (家庭医生签约) as the patient page lists them: each with its
// state on a day — in force, not yet begun, run out, or ended early (解约) — the one in force first,
// then the rest latest first. Pure: the day comes in.
export interface SigningRecord {
  id: string;
  institutionId: string;
  institutionName: string;
  teamCode: string;
  teamName: string;
  validFrom: string;
  validTo: string | null;
  ended: boolean;
  endedReason: string | null;
}

export type SigningState = 'current' | 'upcoming' | 'expired' | 'ended';

export interface SigningRow extends SigningRecord {
  state: SigningState;
}

export function signingState(s: SigningRecord, today: string): SigningState {
  if (s.validFrom > today) return 'upcoming';
  if (s.validTo !== null && s.validTo < today) return s.ended ? 'ended' : 'expired';
  return 'current';
}

export function signingRows(signings: readonly SigningRecord[], today: string): SigningRow[] {
  return signings
    .map((s) => ({ ...s, state: signingState(s, today) }))
    .sort((a, b) => Number(b.state === 'current') - Number(a.state === 'current') || (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : 0));
}

/** The signing in force on the day, or null (at most one is: the API refuses overlapping signings). */
export function currentSigning(signings: readonly SigningRecord[], today: string): SigningRecord | null {
  return signings.find((s) => signingState(s, today) === 'current') ?? null;
}

/** A calendar date in China (UTC+8), as the API's dates are. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
