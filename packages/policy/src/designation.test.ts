/**
 * W-5 三(二): in 江阴市 (320281) and 宜兴市 (320282) the designated primary institution is chosen
 * after the first assessment and may not change within the year; a change for next year is
 * requested at enrolment. The city districts (e.g. 梁溪区 320213) and Guiyang impose no such lock.
 */
import { describe, expect, it } from 'vitest';
import { canChangeDesignation, type DesignationChangeRequest } from './designation';
import { designation, GUIYANG_CITY, GUIYANG_DISTRICT, JIANGYIN, WUXI_CITY, WUXI_DISTRICT, YIXING, type Patch } from './fixtures';

function request(patch: Patch<DesignationChangeRequest>): DesignationChangeRequest {
  return {
    cityCode: WUXI_CITY,
    districtCode: JIANGYIN,
    current: designation({ from: '2020-01-01' }),
    newInstitutionId: 'wx-chc-2',
    requestedOn: '2020-06-01',
    effectiveFrom: '2020-07-01',
    atEnrolment: false,
    ...patch,
  };
}

const cases: { rule: string; name: string; req: Patch<DesignationChangeRequest>; allowed: boolean; code?: string; ruleId: string }[] = [
  { rule: 'W-5 三(二)', name: 'Jiangyin: no change within the year', req: {}, allowed: false, code: 'LOCKED_WITHIN_YEAR', ruleId: 'W-5' },
  { rule: 'W-5 三(二)', name: 'Yixing: no change within the year', req: { districtCode: YIXING }, allowed: false, code: 'LOCKED_WITHIN_YEAR', ruleId: 'W-5' },
  {
    rule: 'W-5 三(二)',
    name: 'Jiangyin: not even at enrolment, within the year',
    req: { atEnrolment: true },
    allowed: false,
    code: 'LOCKED_WITHIN_YEAR',
    ruleId: 'W-5',
  },
  {
    rule: 'W-5 三(二)',
    name: 'Jiangyin: next year, requested at enrolment',
    req: { requestedOn: '2020-11-15', effectiveFrom: '2021-01-01', atEnrolment: true },
    allowed: true,
    ruleId: 'W-5',
  },
  {
    rule: 'W-5 三(二)',
    name: 'Jiangyin: next year, but not requested at enrolment',
    req: { requestedOn: '2020-11-15', effectiveFrom: '2021-01-01' },
    allowed: false,
    code: 'NOT_AT_ENROLMENT',
    ruleId: 'W-5',
  },
  {
    rule: 'W-5 三(二)',
    name: 'Jiangyin: a designation from last year may not change mid-year either',
    req: { current: designation({ from: '2019-12-20' }), requestedOn: '2020-06-01', effectiveFrom: '2020-06-02' },
    allowed: false,
    code: 'LOCKED_WITHIN_YEAR',
    ruleId: 'W-5',
  },
  { rule: 'W-5 三(二)', name: 'Jiangyin: the first designation after the first assessment', req: { current: null }, allowed: true, ruleId: 'W-5' },
  { rule: 'W-5 三(二)', name: 'Jiangyin: confirming the same institution is no change', req: { newInstitutionId: 'wx-chc-1' }, allowed: true, ruleId: 'W-5' },
  {
    rule: 'W-4 三(二)',
    name: 'Wuxi city district 320213: a change within the year is allowed',
    req: { districtCode: WUXI_DISTRICT },
    allowed: true,
    ruleId: 'W-4',
  },
  {
    rule: 'G-5 五(二)4',
    name: 'Guiyang designates no institution per patient: allowed',
    req: { cityCode: GUIYANG_CITY, districtCode: GUIYANG_DISTRICT, requestedOn: '2021-08-01', effectiveFrom: '2021-08-01' },
    allowed: true,
    ruleId: 'G-5',
  },
  {
    rule: 'W-5 三(二)',
    name: 'a change cannot take effect before it is requested',
    req: { districtCode: WUXI_DISTRICT, requestedOn: '2020-06-01', effectiveFrom: '2020-05-01' },
    allowed: false,
    code: 'EFFECTIVE_BEFORE_REQUEST',
    ruleId: 'W-5',
  },
  {
    rule: '六',
    name: 'before the Wuxi opinion was in force',
    req: { current: null, requestedOn: '2019-12-01', effectiveFrom: '2019-12-11' },
    allowed: false,
    code: 'NOT_IN_FORCE',
    ruleId: 'W-0',
  },
];

describe('canChangeDesignation', () => {
  it.each(cases)('$rule — $name', ({ req, allowed, code, ruleId }) => {
    const d = canChangeDesignation(request(req));
    expect(d.allowed).toBe(allowed);
    expect(d.ruleId).toBe(ruleId);
    if (!d.allowed) expect(d.code).toBe(code);
    expect(d.reasonZh.length).toBeGreaterThan(0);
  });
});
