import { createRouter, createWebHistory } from 'vue-router';
import type { LocationQuery, RouteRecordRaw } from 'vue-router';
import { signOut, token, viewer } from '../api/session';
import { loadContext, syncContextWithToken } from '../state/context';
import { installAuthRedirect } from '../state/authRedirect';
import { mergeFilterQuery, sameQuery } from '../state/filters';
import { resolveFilters } from '../state/useFilters';
import { isApiError } from '../api/client';

declare module 'vue-router' {
  interface RouteMeta {
    /** The view reads the shared filters from the URL query. */
    filters?: boolean;
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'overview', component: () => import('../views/OverviewView.vue'), meta: { filters: true } },
  { path: '/map', name: 'map', component: () => import('../views/MapView.vue'), meta: { filters: true } },
  { path: '/districts', name: 'districts', component: () => import('../views/DistrictsView.vue'), meta: { filters: true } },
  { path: '/cascade', name: 'cascade', component: () => import('../views/CascadeView.vue'), meta: { filters: true } },
  { path: '/report', name: 'report', component: () => import('../views/ReportView.vue'), meta: { filters: true } },
  { path: '/alerts', name: 'alerts', component: () => import('../views/AlertsView.vue'), meta: { filters: true } },
  { path: '/claims/:id/notice', name: 'claimNotice', component: () => import('../views/NoticeView.vue') },
  { path: '/patients/:id', name: 'patient', component: () => import('../views/PatientView.vue') },
  { path: '/claims', name: 'claims', component: () => import('../views/ClaimsView.vue'), meta: { filters: true } },
  { path: '/roster', name: 'roster', component: () => import('../views/RosterView.vue') },
  { path: '/scorecards', name: 'scorecards', component: () => import('../views/ScorecardsView.vue'), meta: { filters: true } },
  { path: '/availability', name: 'availability', component: () => import('../views/AvailabilityView.vue'), meta: { filters: true } },
  { path: '/fund', name: 'fund', component: () => import('../views/FundView.vue'), meta: { filters: true } },
  { path: '/payment-standards', name: 'paymentStandards', component: () => import('../views/PaymentStandardsView.vue') },
  { path: '/what-if', name: 'whatIf', component: () => import('../views/WhatIfView.vue'), meta: { filters: true } },
  { path: '/login', name: 'login', component: () => import('../views/LoginView.vue') },
  { path: '/:pathMatch(.*)*', redirect: { name: 'overview' } },
];

export const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes });

router.beforeEach(async (to) => {
  syncContextWithToken();
  if (to.name === 'login') return true;
  if (!token.value) return { name: 'login', query: { redirect: to.fullPath } };
  // The view's code loads while the context query is in flight.
  const views = to.matched.flatMap((record) => Object.values(record.components ?? {}));
  const loadingViews = views.map((view) => (typeof view === 'function' ? (view as () => Promise<unknown>)() : null));
  try {
    await Promise.all([loadContext(), ...loadingViews]);
  } catch (error) {
    if (isApiError(error) && error.kind === 'unauthenticated') {
      signOut();
      return { name: 'login', query: { redirect: to.fullPath, reason: 'expired' } };
    }
    return true; // the app shell shows the error with a retry
  }
  if (to.meta.filters && viewer.value) {
    // The URL always carries the whole, scoped filter state: shareable, and a district user who
    // edits it to another district is put back on their own.
    const query = mergeFilterQuery(to.query, resolveFilters(to.query)) as LocationQuery;
    if (!sameQuery(query, to.query)) return { path: to.path, hash: to.hash, query, replace: true };
  }
  return true;
});

installAuthRedirect(router);
