// Runs a typed GraphQL document whenever its variables change; exposes data, loading and a typed error.
import { onScopeDispose, ref, shallowRef, watch } from 'vue';
import type { Ref, ShallowRef } from 'vue';
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { api } from '../api/session';
import { ApiError } from '../api/client';
import { handleAuthError } from '../state/authRedirect';

export interface QueryState<R> {
  data: ShallowRef<R | null>;
  error: ShallowRef<ApiError | null>;
  loading: Ref<boolean>;
  reload: () => void;
}

/** `variables` returns null while the query cannot run yet (e.g. viewer not loaded). */
export function useQuery<R, V>(document: DocumentTypeDecoration<R, V> & { toString(): string }, variables: () => V | null): QueryState<R> {
  const data = shallowRef<R | null>(null);
  const error = shallowRef<ApiError | null>(null);
  const loading = ref(false);
  let controller: AbortController | null = null;

  async function run(vars: V | null): Promise<void> {
    controller?.abort();
    if (vars == null) return;
    const current = new AbortController();
    controller = current;
    loading.value = true;
    error.value = null;
    try {
      const result = await api.request(document, vars, current.signal);
      if (controller !== current) return;
      data.value = result;
    } catch (e) {
      if (controller !== current) return;
      const apiError = e instanceof ApiError ? e : new ApiError('invalid-response', e instanceof Error ? e.message : String(e));
      if (apiError.kind === 'aborted') return;
      data.value = null;
      error.value = apiError;
      handleAuthError(apiError);
    } finally {
      if (controller === current) loading.value = false;
    }
  }

  // Compare by value: a recomputed but identical variables object does not refetch.
  watch(
    () => JSON.stringify(variables()),
    () => void run(variables()),
    { immediate: true },
  );
  onScopeDispose(() => controller?.abort());

  return { data, error, loading, reload: () => void run(variables()) };
}
