// A small fetch-based GraphQL client: sends the bearer token, posts typed documents, and turns
// every failure into one typed ApiError so views can say what went wrong.
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

export type ApiErrorKind = 'network' | 'aborted' | 'unauthenticated' | 'forbidden' | 'http' | 'graphql' | 'invalid-response';

export interface GraphQLErrorEntry {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly errors: readonly GraphQLErrorEntry[] = [],
  ) {
    super(message);
  }

  /** The first GraphQL error code (extensions.code), if the server sent one. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export interface ClientOptions {
  /** API origin, e.g. http://127.0.0.1:4000 */
  baseUrl: string;
  getToken: () => string | null;
  fetch?: typeof fetch;
}

export interface Download {
  blob: Blob;
  filename: string | null;
}

type Document<R, V> = DocumentTypeDecoration<R, V> & { toString(): string };

const authCodes = new Set(['UNAUTHENTICATED', 'UNAUTHORIZED']);
const forbiddenCodes = new Set(['FORBIDDEN']);

function errorKindForCodes(errors: readonly GraphQLErrorEntry[]): ApiErrorKind {
  const codes = errors.map((e) => e.extensions?.code ?? '');
  if (codes.some((c) => authCodes.has(c))) return 'unauthenticated';
  if (codes.some((c) => forbiddenCodes.has(c))) return 'forbidden';
  return 'graphql';
}

function kindForStatus(status: number): ApiErrorKind {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  return 'http';
}

function isErrorList(value: unknown): value is GraphQLErrorEntry[] {
  return Array.isArray(value) && value.every((e) => typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string');
}

/** "attachment; filename*=UTF-8''%E9%99%84.xlsx" or filename="a.xlsx" → the file name. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*("?)([^";]+)\1/i.exec(header);
  return plain?.[2]?.trim() ?? null;
}

export function createClient(options: ClientOptions) {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const base = options.baseUrl.replace(/\/+$/, '');

  function headers(extra: Record<string, string> = {}): Record<string, string> {
    const token = options.getToken();
    return token ? { ...extra, Authorization: `Bearer ${token}` } : extra;
  }

  async function send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(`${base}${path.startsWith('/') ? path : `/${path}`}`, init);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw new ApiError('aborted', 'Request aborted');
      throw new ApiError('network', `Cannot reach the API at ${base}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function request<R, V>(document: Document<R, V>, variables: V, signal?: AbortSignal): Promise<R> {
    const response = await send('/graphql', {
      method: 'POST',
      headers: headers({ 'Content-Type': 'application/json', Accept: 'application/json' }),
      body: JSON.stringify({ query: document.toString(), variables }),
      signal: signal ?? null,
    });
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      const kind = response.ok ? 'invalid-response' : kindForStatus(response.status);
      throw new ApiError(kind, `The API answered ${response.status} without JSON`, response.status);
    }
    const payload = (typeof body === 'object' && body !== null ? body : {}) as { data?: unknown; errors?: unknown };
    if (isErrorList(payload.errors) && payload.errors.length > 0) {
      const kind = response.status === 401 || response.status === 403 ? kindForStatus(response.status) : errorKindForCodes(payload.errors);
      // A partial answer is still an error here: the dashboard never shows half a set of figures.
      throw new ApiError(kind, payload.errors.map((e) => e.message).join('; '), response.status, payload.errors);
    }
    if (!response.ok) throw new ApiError(kindForStatus(response.status), `The API answered ${response.status}`, response.status);
    if (typeof payload.data !== 'object' || payload.data === null) {
      throw new ApiError('invalid-response', 'The API answered without data', response.status);
    }
    return payload.data as R;
  }

  /** GET a JSON resource of the API (e.g. /demo-tokens). */
  async function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
    const response = await send(path, { headers: headers({ Accept: 'application/json' }), signal: signal ?? null });
    if (!response.ok) throw new ApiError(kindForStatus(response.status), `GET ${path} answered ${response.status}`, response.status);
    try {
      return await response.json();
    } catch {
      throw new ApiError('invalid-response', `GET ${path} did not answer JSON`, response.status);
    }
  }

  /** GET a file with the bearer token (a plain link could not carry it). */
  async function download(path: string, signal?: AbortSignal): Promise<Download> {
    const response = await send(path, { headers: headers(), signal: signal ?? null });
    if (!response.ok) throw new ApiError(kindForStatus(response.status), `GET ${path} answered ${response.status}`, response.status);
    const blob = await response.blob();
    return { blob, filename: filenameFromDisposition(response.headers.get('Content-Disposition')) };
  }

  return { request, getJson, download, baseUrl: base };
}

export type ApiClient = ReturnType<typeof createClient>;
