// The signed-in token (sessionStorage, so it ends with the tab) and the shared API client.
import { shallowRef } from 'vue';
import { apiUrl } from '../config/env';
import { createClient } from './client';
import type { Viewer } from './types';

const TOKEN_KEY = 'liangbing.token';

function readToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export const token = shallowRef<string | null>(readToken());
/** Who the token belongs to, from the `viewer` query; null until loaded. */
export const viewer = shallowRef<Viewer | null>(null);

export function signIn(newToken: string): void {
  const trimmed = newToken.trim().replace(/^Bearer\s+/i, '');
  sessionStorage.setItem(TOKEN_KEY, trimmed);
  token.value = trimmed;
  viewer.value = null;
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  token.value = null;
  viewer.value = null;
}

export const api = createClient({ baseUrl: apiUrl, getToken: () => token.value });
