// What the viewer may change, mirroring the API's Scope (apps/api/src/auth/scope.ts) so that the
// dashboard offers no action the API would refuse. The API still decides every write.
import type { Viewer } from '../api/types';

/** District bureaus write in their own district (alerts, rosters); everyone else only reads. */
export function canWriteDistrict(viewer: Pick<Viewer, 'role' | 'districtCode'> | null, districtCode: string | null | undefined): boolean {
  return viewer?.role === 'DISTRICT_BUREAU' && districtCode != null && viewer.districtCode === districtCode;
}

/** Annual fund budgets: a district's bureau sets its own; the city's leadership group any district of its city. */
export function canSetBudget(viewer: Pick<Viewer, 'role' | 'districtCode' | 'cityCode'> | null, districtCode: string, cityCode: string): boolean {
  if (!viewer) return false;
  if (viewer.role === 'DISTRICT_BUREAU') return viewer.districtCode === districtCode;
  return viewer.role === 'CITY_LEADERSHIP' && viewer.cityCode === cityCode;
}
