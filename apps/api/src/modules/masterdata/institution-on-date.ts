/**
 * An institution as of a claim's service date: refused when it had closed by then, and whether it
 * might treat 两病 on that date read from its dated qualification history (G 五(二)4: 将“两病”门诊诊疗
 * 权限统一下放到符合医保、卫生健康部门相关标准的基层医疗卫生机构; 附件2 item 4: 诊疗权限及时下放到基层医疗机构).
 * The qualification is granted and withdrawn on dates, so a claim dispensed before a withdrawal
 * is judged as authorised and one on or after it is not, whatever the institution is today.
 */
import type { InstitutionRef } from '@liangbing/policy';
import { AppError } from '../../errors';

/** One period of the qualification: from a date (null: before dated history was kept) until the day before `to`. */
export interface TreatmentPeriod {
  from: string | null;
  to: string | null;
}

/** What the claim path reads about an institution (claim_context, institutionRef): the policy core's view and its dated facts. */
export interface InstitutionContext extends InstitutionRef {
  closedOn: string | null;
  /** the qualification's history; null when none was ever recorded (a row loaded directly): the column then decides */
  treatment: TreatmentPeriod[] | null;
}

/** Whether the institution might treat 两病 on `date`: the history decides; with no history, the stored column. */
export function treatsTwoDiseasesOn(treatment: readonly TreatmentPeriod[] | null, column: boolean, date: string): boolean {
  if (treatment === null || treatment.length === 0) return column;
  return treatment.some((p) => (p.from === null || p.from <= date) && (p.to === null || date < p.to));
}

export function institutionClosedError(field: string, institutionId: string, closedOn: string, date: string): AppError {
  return new AppError(
    'BAD_USER_INPUT',
    `${field}: institution ${institutionId} closed on ${closedOn}; nothing dated ${date} may be recorded there`,
    `${field}：机构${institutionId}已于${closedOn}关闭，不能登记${date}及以后的业务`,
    {
      field,
      detail: { code: 'INSTITUTION_CLOSED', institutionId, closedOn },
    },
  );
}

/** The institution the policy core judges a claim of `serviceDate` against; throws INSTITUTION_CLOSED when it had closed. */
export function institutionOnDate(inst: InstitutionContext, serviceDate: string, field: string): InstitutionRef {
  if (inst.closedOn !== null && serviceDate >= inst.closedOn) throw institutionClosedError(field, inst.id, inst.closedOn, serviceDate);
  return {
    id: inst.id,
    level: inst.level,
    cityCode: inst.cityCode,
    districtCode: inst.districtCode,
    insuranceDesignated: inst.insuranceDesignated,
    canTreatTwoDiseases: treatsTwoDiseasesOn(inst.treatment, inst.canTreatTwoDiseases, serviceDate),
    consortiumId: inst.consortiumId,
    networkedOutOfArea: inst.networkedOutOfArea,
  };
}
