// Types-only view of the registered option shape, so builders stay importable in Node tests
// without registering anything.
export type { ChartOption } from '../echarts';
import type { IndicatorDefinition, Locale } from '../../api/types';
import type { TooltipLabels } from './format';

/** What every rate-bearing builder needs to explain a rate. */
export interface RateContext {
  locale: Locale;
  labels: TooltipLabels;
  definitions: ReadonlyMap<string, IndicatorDefinition>;
}

/** Tooltip callback parameter, narrowed to the fields the builders read. */
export interface TooltipParam {
  dataIndex: number;
  seriesIndex?: number;
  seriesName?: string;
  name?: string;
  value?: unknown;
  data?: unknown;
  marker?: string;
}
