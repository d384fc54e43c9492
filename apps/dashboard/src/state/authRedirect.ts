// When the API says the token is no longer valid, drop it and go to the sign-in page.
import type { Router } from 'vue-router';
import type { ApiError } from '../api/client';
import { signOut } from '../api/session';

let router: Router | null = null;

export function installAuthRedirect(r: Router): void {
  router = r;
}

export function handleAuthError(error: ApiError): void {
  if (error.kind !== 'unauthenticated' || !router) return;
  const current = router.currentRoute.value;
  if (current.name === 'login') return;
  signOut();
  void router.replace({ name: 'login', query: { redirect: current.fullPath, reason: 'expired' } });
}
