/**
 * The 18-character resident identity number (公民身份号码) of GB 11643-1999: a 6-digit
 * administrative division code, an 8-digit birth date, a 3-digit sequence (odd for men, even for
 * women) and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */
import { isIsoDate } from './dates';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

export type ResidentIdProblem = 'length' | 'characters' | 'birth_date' | 'check_digit';

export interface ResidentIdInfo {
  readonly divisionCode: string;
  readonly birthDate: string;
  readonly sex: 'male' | 'female';
}

/** The check character for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export function validateResidentId(id: string): { ok: true; info: ResidentIdInfo } | { ok: false; problem: ResidentIdProblem } {
  if (id.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'characters' };
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birth) || birth < '1900-01-01') return { ok: false, problem: 'birth_date' };
  if (residentIdCheckChar(id) !== id[17]) return { ok: false, problem: 'check_digit' };
  return { ok: true, info: { divisionCode: id.slice(0, 6), birthDate: birth, sex: (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female' } };
}

/** Builds a valid number (for demo data and tests). */
export function makeResidentId(divisionCode: string, birthDate: string, sequence: number, sex: 'male' | 'female'): string {
  let seq = sequence % 1000;
  if ((seq % 2 === 1) !== (sex === 'male')) seq = (seq + 1) % 1000;
  const first17 = `${divisionCode}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

/**
 * 110101********12*4 style: keeps the division and three of the last four characters. The 17th
 * character is hidden too: its parity is the holder's sex (GB 11643-1999 4.3: 顺序码的奇数分配给男性，
 * 偶数分配给女性), which a masked number must not give away where sex is withheld.
 */
export function maskResidentId(id: string): string {
  return id.length !== 18
    ? id.length < 10
      ? '*'.repeat(id.length)
      : `${id.slice(0, 6)}${'*'.repeat(id.length - 6)}`
    : `${id.slice(0, 6)}********${id.slice(14, 16)}*${id.slice(17)}`;
}
