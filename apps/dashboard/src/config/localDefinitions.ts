// Definitions of the rates the scorecard and availability queries return, which the API's
// indicatorDefinitions list does not (yet) carry. The words are the API schema's own field
// descriptions (InstitutionScorecard.drugShares, InstitutionAvailability.coverage); a definition
// the API sends for the same id replaces the one here (see composables/useRateContext.ts).
import type { IndicatorDefinition } from '../api/types';

const share = (id: string, nameZh: string, nameEn: string, flagZh: string, flagEn: string, source: string): IndicatorDefinition => ({
  id,
  nameZh,
  nameEn,
  numeratorZh: `${flagZh}药品的“两病”处方金额（或行数）`,
  numeratorEn: `amount (or lines) of 两病 claim lines with ${flagEn} drugs`,
  denominatorZh: '本机构本季度已结算“两病”处方全部金额（或行数）',
  denominatorEn: 'amount (or lines) of all 两病 claim lines of the institution’s accepted claims in the quarter',
  window: 'calendar quarter',
  windowZh: '所选季度',
  source,
});

export const localDefinitions: readonly IndicatorDefinition[] = [
  share(
    'scorecard.centrally-procured-share.v1',
    '集采中选药品占比',
    'Centrally procured share',
    '集采中选',
    'centrally procured (集采中选)',
    '无锡 二(二)、贵阳 五(三)7（W-2、G-7）；计分',
  ),
  share('scorecard.class-a-share.v1', '甲类药品占比', 'Class A share', '甲类', 'class A (甲类)', '无锡 二(二)（W-2）；计分'),
  share(
    'scorecard.essential-share.v1',
    '基本药物占比（仅供参考）',
    'Essential-drug share (informational)',
    '国家基本药物',
    'national essential (基药)',
    '贵阳 五(三)8（G-8）：不计分，“两病”药品采购不纳入基本药物考核',
  ),
  {
    id: 'availability.catalogue-coverage.v1',
    nameZh: '目录药品配备率',
    nameEn: 'Catalogue coverage',
    numeratorZh: '本级可用的目录药品中本季度至少配出一次的品种数',
    numeratorEn: 'catalogue drugs allowed at the institution’s level dispensed at least once in the quarter',
    denominatorZh: '本级可用的目录药品品种数',
    denominatorEn: 'catalogue drugs allowed at the institution’s level',
    window: 'calendar quarter',
    windowZh: '所选季度',
    source: '贵阳 五(三)7（G-7 配得齐、开得出）',
  },
];
