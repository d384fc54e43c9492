// The views in navigation order; large-screen mode rotates through the ones marked `rotate`.
export interface NavView {
  name: string;
  label: string;
  rotate: boolean;
}

export const navViews: readonly NavView[] = [
  { name: 'overview', label: 'nav.overview', rotate: true },
  { name: 'map', label: 'nav.map', rotate: true },
  { name: 'districts', label: 'nav.districts', rotate: true },
  { name: 'cascade', label: 'nav.cascade', rotate: true },
  { name: 'report', label: 'nav.report', rotate: false },
  { name: 'alerts', label: 'nav.alerts', rotate: true },
];

/** The next view of the rotation after `current` (the first one when `current` is not in it). */
export function nextRotatingView(current: string | null | undefined): string {
  const rotating = navViews.filter((v) => v.rotate).map((v) => v.name);
  const index = current ? rotating.indexOf(current) : -1;
  return rotating[(index + 1) % rotating.length] ?? 'overview';
}
