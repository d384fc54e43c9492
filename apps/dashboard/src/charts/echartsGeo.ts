// The ECharts parts only the map and drug-availability views draw: the district map, the heat map
// and the visual maps that colour them. Loaded with those views' chart panel (AsyncGeoChartPanel),
// so that the other views' chart library stays smaller.
import { use } from 'echarts/core';
import { HeatmapChart, MapChart } from 'echarts/charts';
import { VisualMapContinuousComponent, VisualMapPiecewiseComponent } from 'echarts/components';

use([HeatmapChart, MapChart, VisualMapContinuousComponent, VisualMapPiecewiseComponent]);
