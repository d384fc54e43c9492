/** The content hashes that make the clinical writes idempotent: the same record sent again is answered as a replay; a different one under the same key is a CONFLICT. */
import { createHash } from 'node:crypto';

const sha = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

export function prescriptionHash(r: {
  patientId: string;
  institutionId: string;
  issuedOn: string;
  drugCodes: readonly string[];
  diseases: readonly string[];
  prescriptionNo: string | null;
}): string {
  return sha([r.patientId, r.institutionId, r.issuedOn, [...r.drugCodes].sort(), [...r.diseases].sort(), r.prescriptionNo]);
}

export function referralHash(r: {
  patientId: string;
  fromInstitutionId: string;
  toInstitutionId: string;
  issuedOn: string;
  validUntil: string | null;
  reason: string;
}): string {
  return sha([r.patientId, r.fromInstitutionId, r.toInstitutionId, r.issuedOn, r.validUntil, r.reason]);
}

export function feedHash(v: unknown): string {
  return sha(v);
}
