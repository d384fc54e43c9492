/**
 * The claim path's refusal of a claim dated after the patient died or moved away. The policy core
 * has no rule for it (its hits cover scheme, certification and pathway: packages/policy/src/hits.ts),
 * and it is not a policy question but a fact about the person: nothing is decided, nothing stored.
 */
import { AppError } from '../../errors';

export interface PatientExit {
  leftOn: string | null;
  leftReason: 'death' | 'moved_away' | null;
}

/** The refusal of a claim on `serviceDate`, or null when the patient was still here that day (a claim on the day itself is allowed). */
export function exitRefusal(field: string, serviceDate: string, exit: PatientExit): AppError | null {
  if (exit.leftOn === null || serviceDate <= exit.leftOn) return null;
  const death = exit.leftReason === 'death';
  return new AppError(
    'BAD_USER_INPUT',
    `${field}: the patient ${death ? 'died' : 'moved away'} on ${exit.leftOn}; a claim dated after it is not eligible`,
    `${field}：患者已于${exit.leftOn}${death ? '死亡' : '迁出本地区'}，此后发生的费用不属于保障范围`,
    { field, detail: { code: death ? 'PATIENT_DECEASED' : 'PATIENT_MOVED_AWAY', leftOn: exit.leftOn } },
  );
}
