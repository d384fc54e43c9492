// Names the dashboard uses for the generated GraphQL shapes.
import type {
  DiseaseFilter,
  IndicatorDefinitionsQuery,
  IndicatorFieldsFragment,
  RateFieldsFragment,
  RegionFieldsFragment,
  Role,
  ViewerQuery,
} from '../graphql/generated';

export type { DiseaseFilter, Role };
export type Rate = RateFieldsFragment;
export type IndicatorSet = IndicatorFieldsFragment;
export type RegionInfo = RegionFieldsFragment;
export type Viewer = ViewerQuery['viewer'];
export type IndicatorDefinition = IndicatorDefinitionsQuery['indicatorDefinitions'][number];

/** The rates of an IndicatorSet (every one carries numerator, denominator and definition id). */
export type RateKey =
  | 'awareness'
  | 'standardisedManagement'
  | 'rationalMedication'
  | 'bloodPressureControl'
  | 'glucoseControl'
  | 'benefitCoverage'
  | 'reimbursementRatio'
  | 'adherence';

export const rateKeys: readonly RateKey[] = [
  'awareness',
  'standardisedManagement',
  'rationalMedication',
  'bloodPressureControl',
  'glucoseControl',
  'benefitCoverage',
  'reimbursementRatio',
  'adherence',
];

export const diseaseFilters: readonly DiseaseFilter[] = ['ALL', 'HYPERTENSION', 'DIABETES', 'BOTH'];

export type Locale = 'zh' | 'en';
