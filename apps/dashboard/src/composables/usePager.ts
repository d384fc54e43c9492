// Cursor pagination whose current cursor lives in the URL (so a page can be shared) and whose
// earlier cursors are remembered for "previous". A change of what is listed starts at page one.
import { computed, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { LocationQuery } from 'vue-router';
import { queryText, tokenPattern } from '../state/query';

export function usePager(key: string, listedBy: () => unknown) {
  const route = useRoute();
  const router = useRouter();
  const stack = ref<(string | null)[]>([]);
  const after = computed(() => queryText(route.query, key, tokenPattern));

  function go(cursor: string | null, replace = false): void {
    const query: LocationQuery = { ...route.query };
    if (cursor) query[key] = cursor;
    else delete query[key];
    void (replace ? router.replace({ query }) : router.push({ query }));
  }

  watch(
    () => JSON.stringify(listedBy()),
    () => {
      stack.value = [];
      if (after.value) go(null, true);
    },
  );

  return {
    after,
    /** 1-based; a shared link into a later page counts from where it starts */
    page: computed(() => stack.value.length + 1),
    hasPrevious: computed(() => after.value !== null),
    next(endCursor: string | null): void {
      if (!endCursor) return;
      stack.value = [...stack.value, after.value];
      go(endCursor);
    },
    previous(): void {
      const earlier = [...stack.value];
      const cursor = earlier.pop() ?? null;
      stack.value = earlier;
      go(cursor);
    },
  };
}
