/**
 * The three headline rates (Guiyang plan, G-11). Their targets are not here: they are configuration
 * the API holds (dashboard.target.*), each with its source, read through the HeadlineTargets query.
 */
export type HeadlineKey = 'awareness' | 'standardisedManagement' | 'rationalMedication';
export const headlineKeys: readonly HeadlineKey[] = ['awareness', 'standardisedManagement', 'rationalMedication'];

/** Quarters shown in the overview's trend lines. */
export const trendQuarters = 8;

/** Large-screen mode: seconds each view stays before rotating to the next. */
export const bigScreenRotationSeconds = 20;
