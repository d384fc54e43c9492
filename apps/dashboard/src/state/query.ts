// Reading view-level keys from the URL query: the first value of a key, kept only when it matches.
type QueryValue = string | null | undefined | readonly (string | null)[];
export type ViewQuery = Readonly<Record<string, QueryValue>>;

export function queryText(query: ViewQuery, key: string, pattern?: RegExp): string | null {
  let value = query[key];
  if (Array.isArray(value)) value = value[0];
  if (typeof value !== 'string' || value === '') return null;
  return pattern && !pattern.test(value) ? null : value;
}

export function queryChoice<T extends string>(query: ViewQuery, key: string, choices: readonly T[]): T | null {
  const value = queryText(query, key);
  return choices.find((c) => c === value) ?? null;
}

/** Opaque pagination cursors and ids as the API hands them out (base64url, uuids, codes). */
export const tokenPattern = /^[0-9A-Za-z_=+/-]{1,200}$/;
