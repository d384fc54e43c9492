// Build-time settings (Vite env). Runtime code reads them from here only.

/** API origin; the GraphQL endpoint is `${apiUrl}/graphql`. */
export const apiUrl: string = (import.meta.env.VITE_API_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');

/** Optional fixed default period, e.g. "2024Q4", for demo data that stops in the past. */
export const defaultPeriodSetting: string | undefined = import.meta.env.VITE_DEFAULT_PERIOD;
