// The views in navigation order; large-screen mode rotates through the ones marked `rotate`.
import type { Role } from '../api/types';

export interface NavView {
  name: string;
  label: string;
  rotate: boolean;
  /** Roles that see the view in the navigation; all when absent. The API decides access. */
  roles?: readonly Role[];
}

/** The bureau's views: cases, rosters and institution figures are not the institutions' own. */
const bureau: readonly Role[] = ['CITY_LEADERSHIP', 'DISTRICT_BUREAU', 'AUDITOR'];

export const navViews: readonly NavView[] = [
  { name: 'overview', label: 'nav.overview', rotate: true },
  { name: 'map', label: 'nav.map', rotate: true },
  { name: 'districts', label: 'nav.districts', rotate: true },
  { name: 'cascade', label: 'nav.cascade', rotate: true },
  { name: 'report', label: 'nav.report', rotate: false },
  { name: 'alerts', label: 'nav.alerts', rotate: true, roles: bureau },
  { name: 'claims', label: 'nav.claims', rotate: false },
  { name: 'roster', label: 'nav.roster', rotate: false, roles: bureau },
  { name: 'scorecards', label: 'nav.scorecards', rotate: false, roles: bureau },
  { name: 'availability', label: 'nav.availability', rotate: false, roles: bureau },
  { name: 'fund', label: 'nav.fund', rotate: true, roles: bureau },
  { name: 'whatIf', label: 'nav.whatIf', rotate: false, roles: bureau },
  { name: 'paymentStandards', label: 'nav.paymentStandards', rotate: false, roles: bureau },
];

export function viewsFor(role: Role | null | undefined): NavView[] {
  return navViews.filter((v) => !v.roles || (role != null && v.roles.includes(role)));
}

/** The next view of the rotation after `current` (the first one when `current` is not in it). */
export function nextRotatingView(current: string | null | undefined): string {
  const rotating = navViews.filter((v) => v.rotate).map((v) => v.name);
  const index = current ? rotating.indexOf(current) : -1;
  return rotating[(index + 1) % rotating.length] ?? 'overview';
}
