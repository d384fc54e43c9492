/**
 * A small HTTP client for load: node:http with a keep-alive agent, so that a thousand requests
 * "fired at once" share a bounded set of sockets (the server's accept backlog is not what we
 * test) and every answer keeps its status code and its latency.
 */
import http from 'node:http';

export interface HttpAnswer {
  status: number;
  /** the parsed JSON body, or null when the body is not JSON */
  body: GqlBody | null;
  text: string;
  headers: http.IncomingHttpHeaders;
  ms: number;
}

export interface GqlError {
  message: string;
  extensions?: Record<string, unknown>;
}

export interface GqlBody {
  data?: Record<string, unknown> | null;
  errors?: GqlError[];
}

/** A transport failure (connection refused or reset): the request was never answered. */
export class NoAnswer extends Error {
  constructor(
    message: string,
    /** a kept-alive socket closed by the server as it was reused */
    readonly reused = false,
  ) {
    super(message);
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

type RequestOptions = { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number; fresh?: boolean };

/**
 * `fresh`: a connection of its own, for requests after which the server may close the socket (a
 * refused body). A kept-alive socket the server closed just as it was reused is retried once, as
 * Node's documentation advises (`reusedSocket`): the request never reached the server.
 */
export async function httpRequest(url: string, opts: RequestOptions = {}): Promise<HttpAnswer> {
  try {
    return await once(url, opts);
  } catch (e) {
    if (e instanceof NoAnswer && e.reused) return once(url, opts);
    throw e;
  }
}

function once(url: string, opts: RequestOptions): Promise<HttpAnswer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: opts.method ?? 'GET', headers: opts.headers, agent: opts.fresh === true ? false : agent, timeout: opts.timeoutMs ?? 120_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(new NoAnswer(e.message)));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const text = raw.toString('utf8');
          let body: GqlBody | null = null;
          try {
            body = JSON.parse(text) as GqlBody;
          } catch {
            body = null;
          }
          resolve({ status: res.statusCode ?? 0, body, text, headers: res.headers, ms: performance.now() - started });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) =>
      reject(new NoAnswer(e.message, req.reusedSocket && (e.code === 'ECONNRESET' || e.message === 'socket hang up'))),
    );
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export function postGraphql(baseUrl: string, token: string | null, query: string, variables?: Record<string, unknown>): Promise<HttpAnswer> {
  return httpRequest(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
}

/** Runs tasks with at most `width` in flight; results in input order. */
export async function inParallel<T, R>(items: readonly T[], width: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const errorCode = (a: HttpAnswer): string | undefined => a.body?.errors?.[0]?.extensions?.code as string | undefined;
