/**
 * CONFIGURATION, not data: targets for the three headline rates (Guiyang plan, G-11).
 * The plan names the rates but fixes no figures; these are the programme office's working targets.
 * Change them here only — every chart and card reads them from this module.
 */
export const headlineTargets = {
  awareness: 0.6, // 知晓率
  standardisedManagement: 0.7, // 规范化管理率
  rationalMedication: 0.9, // 合理用药率
} as const;

export type HeadlineKey = keyof typeof headlineTargets;
export const headlineKeys: readonly HeadlineKey[] = ['awareness', 'standardisedManagement', 'rationalMedication'];

/** Quarters shown in the overview's trend lines. */
export const trendQuarters = 8;

/** Large-screen mode: seconds each view stays before rotating to the next. */
export const bigScreenRotationSeconds = 20;
