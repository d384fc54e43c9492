/**
 * W-5: may a patient's designated primary institution change? In 江阴市 and 宜兴市 the patient
 * picks one institution after the first assessment and may not change it within the year; a
 * change for next year is requested at enrolment. The city districts follow 锡政发〔2010〕156号,
 * which is not among the sources, so no restriction is imposed there. Guiyang designates no
 * institution per patient (G-5), so any change is allowed.
 */
import type { IsoDate } from './dates';
import { yearOf } from './dates';
import { resolveRuleSet, type ResolveOptions } from './resolve';
import type { Designation } from './types';

export interface DesignationChangeRequest {
  readonly cityCode: string;
  /** the patient's district or county of insurance */
  readonly districtCode: string;
  /** the designation in force now, if any */
  readonly current: Designation | null;
  readonly newInstitutionId: string;
  /** the day the request is made */
  readonly requestedOn: IsoDate;
  /** the first day the new designation would apply */
  readonly effectiveFrom: IsoDate;
  /** made during the annual enrolment (参保) for the year it takes effect */
  readonly atEnrolment: boolean;
}

export type DesignationChangeDecision =
  | { readonly allowed: true; readonly ruleId: string; readonly section: string; readonly reasonZh: string; readonly reasonEn: string }
  | {
      readonly allowed: false;
      readonly code: 'LOCKED_WITHIN_YEAR' | 'NOT_AT_ENROLMENT' | 'NOT_IN_FORCE' | 'EFFECTIVE_BEFORE_REQUEST';
      readonly ruleId: string;
      readonly section: string;
      readonly reasonZh: string;
      readonly reasonEn: string;
    };

export function canChangeDesignation(req: DesignationChangeRequest, options: ResolveOptions = {}): DesignationChangeDecision {
  const resolution = resolveRuleSet(req.cityCode, req.effectiveFrom, options);
  if (resolution.status === 'not_in_force') {
    const own = resolution.nearest === null ? null : (resolution.nearest.ruleIds.RULE_SET_NOT_IN_FORCE ?? null);
    return {
      allowed: false,
      code: 'NOT_IN_FORCE',
      ruleId: own?.ruleId ?? '—',
      section: own?.section ?? '—',
      reasonZh: '该日期没有生效的规则',
      reasonEn: resolution.reason,
    };
  }
  const rs = resolution.ruleSet;
  const wuxiStyle = rs.definition.cityCode === '320200';
  if (req.effectiveFrom < req.requestedOn) {
    // Each city's own text: Wuxi's designation rule (三(二)); Guiyang has no per-patient designation, its patients use authorised primary institutions (五(二)4).
    const [ruleId, section] = wuxiStyle ? ['W-5', '三(二)'] : ['G-5', '五(二)4'];
    return {
      allowed: false,
      code: 'EFFECTIVE_BEFORE_REQUEST',
      ruleId,
      section,
      reasonZh: '变更不能早于申请日期生效',
      reasonEn: 'A change cannot take effect before it is requested',
    };
  }
  const locked = rs.lockedDistricts.has(req.districtCode);
  if (!locked || req.current === null || req.current.institutionId === req.newInstitutionId) {
    return {
      allowed: true,
      ruleId: locked ? 'W-5' : wuxiStyle ? 'W-4' : 'G-5',
      section: locked ? '三(二)' : wuxiStyle ? '三(二)' : '五(二)4',
      reasonZh: req.current === null ? '首次约定' : locked ? '未变更机构' : '本地区年度内可变更约定机构',
      reasonEn: req.current === null ? 'First designation' : locked ? 'Same institution' : 'This district allows a change within the year',
    };
  }
  const sameYear = yearOf(req.effectiveFrom) === yearOf(req.current.from) || yearOf(req.effectiveFrom) === yearOf(req.requestedOn);
  if (sameYear) {
    return {
      allowed: false,
      code: 'LOCKED_WITHIN_YEAR',
      ruleId: 'W-5',
      section: '三(二)',
      reasonZh: '江阴市、宜兴市约定的基层机构年度内不得变更',
      reasonEn: 'In Jiangyin and Yixing the designated institution may not change within the year',
    };
  }
  if (!req.atEnrolment) {
    return {
      allowed: false,
      code: 'NOT_AT_ENROLMENT',
      ruleId: 'W-5',
      section: '三(二)',
      reasonZh: '下一年度变更应在参保时向医保经办机构申请',
      reasonEn: 'A change for next year is requested at enrolment',
    };
  }
  return { allowed: true, ruleId: 'W-5', section: '三(二)', reasonZh: '参保时申请下一年度变更', reasonEn: 'Change for next year requested at enrolment' };
}
