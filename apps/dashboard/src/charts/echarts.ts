// Where ECharts parts are registered: here the parts every chart view uses (lines and bars on a
// grid), and in echartsGeo.ts the map, the heat map and their visual maps, which only the map and
// drug-availability views draw and which the overview's first chart should not wait for. Only what
// the dashboard draws is imported, so the bundle carries no unused chart types; add a part here
// (or there) when a builder starts using it.
import { use } from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption, MapSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([CanvasRenderer, BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent]);

export { registerMap, getMap } from 'echarts/core';

/** Exactly the option types of the registered parts (here and in echartsGeo.ts); builders return this. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | HeatmapSeriesOption
  | LineSeriesOption
  | MapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TitleComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;
