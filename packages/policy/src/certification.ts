/**
 * Which certificate counts on a date, decided once for every caller: the claim path (the patient's
 * year it builds for the core), the what-if replay, and the core's own eligibility check. A
 * certificate is in force from the day it is certified up to, not including, the day it is revoked
 * (W 二(一), G 三: the benefit follows the 认定; a revocation ends it from its date).
 */
import type { IsoDate } from './dates';
import type { Certification } from './types';

/** In force on `date`: certified on or before it, not revoked on or before it. */
export function certificateInForce<C extends Pick<Certification, 'certifiedOn' | 'revokedOn'>>(cert: C | null, date: IsoDate): cert is C {
  return cert !== null && cert.certifiedOn <= date && (cert.revokedOn === null || cert.revokedOn > date);
}

/**
 * The certificate a claim on `date` is judged by, among the patient's certificates: one in force
 * on the date if there is one (the latest certified of them), otherwise the latest certified on or
 * before the date, so that the decision can say it was revoked; none before the first.
 */
export function certificationOn(certs: readonly Certification[], date: IsoDate): Certification | null {
  let best: Certification | null = null;
  let bestInForce = false;
  for (const c of certs) {
    if (c.certifiedOn > date) continue;
    const inForce = certificateInForce(c, date);
    if (best === null || (inForce && !bestInForce) || (inForce === bestInForce && c.certifiedOn > best.certifiedOn)) {
      best = c;
      bestInForce = inForce;
    }
  }
  return best;
}
