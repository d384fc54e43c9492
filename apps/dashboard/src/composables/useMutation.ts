// Sends a typed mutation (or an on-demand query) on request; exposes running and a typed error.
import { ref, shallowRef } from 'vue';
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { api } from '../api/session';
import { ApiError } from '../api/client';
import { handleAuthError } from '../state/authRedirect';

export function useMutation<R, V>(document: DocumentTypeDecoration<R, V> & { toString(): string }) {
  const running = ref(false);
  const error = shallowRef<ApiError | null>(null);
  const result = shallowRef<R | null>(null);

  /** Resolves with the answer, or null when it failed (the error is in `error`). */
  async function run(variables: V): Promise<R | null> {
    running.value = true;
    error.value = null;
    try {
      const data = await api.request(document, variables);
      result.value = data;
      return data;
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError('invalid-response', e instanceof Error ? e.message : String(e));
      error.value = apiError;
      handleAuthError(apiError);
      return null;
    } finally {
      running.value = false;
    }
  }

  return { run, running, error, result, reset: () => ((error.value = null), (result.value = null)) };
}
