/**
 * Field checks shared by the master-data writes and the institution import: each adds a problem
 * naming the field instead of throwing, so that one answer lists everything wrong with an input.
 */
import { isIsoDate, type InstitutionLevel } from '@liangbing/policy';
import type { InputProblems } from '../../errors';

export const INSTITUTION_LEVELS: readonly InstitutionLevel[] = [
  'village_clinic',
  'community_health_station',
  'township_health_centre',
  'community_health_centre',
  'level2_hospital',
  'level3_hospital',
];

/** The level names a file may use: the database's, and the Chinese terms of DOMAIN.md's glossary. */
export const LEVEL_NAMES: Record<string, InstitutionLevel> = {
  village_clinic: 'village_clinic',
  村卫生室: 'village_clinic',
  community_health_station: 'community_health_station',
  社区卫生服务站: 'community_health_station',
  township_health_centre: 'township_health_centre',
  乡镇卫生院: 'township_health_centre',
  卫生院: 'township_health_centre',
  community_health_centre: 'community_health_centre',
  社区卫生服务中心: 'community_health_centre',
  level2_hospital: 'level2_hospital',
  二级医院: 'level2_hospital',
  二级: 'level2_hospital',
  level3_hospital: 'level3_hospital',
  三级医院: 'level3_hospital',
  三级: 'level3_hospital',
};

export const INSTITUTION_ID = /^[A-Za-z0-9._-]{1,64}$/;
export const CONSORTIUM_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** 县级 codes are six digits (GB/T 2260); 乡级 codes nine, or twelve in the statistics bureau's division codes. */
export const DISTRICT_CODE = /^\d{6}$/;
export const STREET_CODE = /^(\d{9}|\d{12})$/;

export function checkName(p: InputProblems, field: string, name: string, max: number): void {
  if (name.trim().length === 0 || name.length > max || name.trim() !== name)
    p.add(field, `must be 1–${max} characters without leading or trailing spaces`, `须为1–${max}个字符，首尾不含空格`);
}

export function checkText(p: InputProblems, field: string, text: string, max: number): void {
  if (text.trim().length === 0 || text.length > max) p.add(field, `must say where it comes from, 1–${max} characters`, `须注明来源，1–${max}个字符`);
}

export function checkDate(p: InputProblems, field: string, date: string): void {
  if (!isIsoDate(date) || date < '2000-01-01') p.add(field, 'must be a calendar date YYYY-MM-DD from 2000 on', '须为2000年以后的有效日期（YYYY-MM-DD）');
}

export function checkBasisPoints(p: InputProblems, field: string, bp: number): void {
  if (!Number.isInteger(bp) || bp < 0 || bp > 10000) p.add(field, 'must be whole basis points 0–10000 (1 % = 100)', '须为0–10000的整数万分比（1% = 100）');
}
