// The filters of the current route, read from and written to the URL query.
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { LocationQuery } from 'vue-router';
import { viewer } from '../api/session';
import { applyViewerScope, mergeFilterQuery, parseFilters, type Filters } from './filters';
import { filterDefaults, knownRegions } from './context';

/** Filters for a query, with defaults filled in and narrowed to the viewer's scope. */
export function resolveFilters(query: LocationQuery): Filters {
  const parsed = parseFilters(query, filterDefaults());
  const v = viewer.value;
  return v ? applyViewerScope(parsed, v, knownRegions()) : parsed;
}

export function useFilters() {
  const route = useRoute();
  const router = useRouter();
  const filters = computed(() => resolveFilters(route.query));
  /** A district bureau (or any viewer bound to a district) cannot leave its district. */
  const regionLocked = computed(() => Boolean(viewer.value?.districtCode));

  function update(patch: Partial<Filters>): void {
    const next: Filters = { ...filters.value, ...patch };
    if (patch.city && patch.city !== filters.value.city && !patch.region) next.region = patch.city;
    const scoped = resolveFilters(mergeFilterQuery({}, next) as LocationQuery);
    void router.push({ query: mergeFilterQuery(route.query, scoped) as LocationQuery });
  }

  /** Sets view-level query keys (e.g. `indicator`, `district`) and keeps the filters. */
  function setViewQuery(patch: Record<string, string | null>): void {
    const query: LocationQuery = { ...route.query };
    for (const [key, value] of Object.entries(patch)) {
      if (value == null) delete query[key];
      else query[key] = value;
    }
    void router.push({ query });
  }

  return { filters, update, regionLocked, setViewQuery };
}
