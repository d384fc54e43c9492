import { describe, expect, it } from 'vitest';
import { ApiError, createClient, filenameFromDisposition } from './client';
import { ViewerDocument } from '../graphql/generated';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    return respond(call);
  }) as typeof fetch;
  return { calls, impl };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const viewerData = { viewer: { userId: 'u1', role: 'CITY_LEADERSHIP', cityCode: '520100', districtCode: null, institutionId: null } };

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('GraphQL client', () => {
  it('posts the document with the bearer token and returns data', async () => {
    const f = fakeFetch(() => json({ data: viewerData }));
    const client = createClient({ baseUrl: 'http://api.test/', getToken: () => 'jwt-1', fetch: f.impl });
    const data = await client.request(ViewerDocument, {});
    expect(data.viewer.role).toBe('CITY_LEADERSHIP');
    expect(f.calls[0]?.url).toBe('http://api.test/graphql');
    expect((f.calls[0]?.init.headers as Record<string, string>).Authorization).toBe('Bearer jwt-1');
    const body = JSON.parse(String(f.calls[0]?.init.body)) as { query: string; variables: unknown };
    expect(body.query).toContain('query Viewer');
    expect(body.variables).toEqual({});
  });

  it('sends no Authorization header without a token', async () => {
    const f = fakeFetch(() => json({ data: viewerData }));
    await createClient({ baseUrl: 'http://api.test', getToken: () => null, fetch: f.impl }).request(ViewerDocument, {});
    expect((f.calls[0]?.init.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it('turns GraphQL errors into typed errors by their code', async () => {
    const make = (code: string) =>
      createClient({
        baseUrl: 'http://api.test',
        getToken: () => 't',
        fetch: fakeFetch(() => json({ errors: [{ message: 'no', extensions: { code } }], data: null })).impl,
      });
    expect((await rejection(make('UNAUTHENTICATED').request(ViewerDocument, {}))).kind).toBe('unauthenticated');
    expect((await rejection(make('FORBIDDEN').request(ViewerDocument, {}))).kind).toBe('forbidden');
    const other = await rejection(make('BAD_USER_INPUT').request(ViewerDocument, {}));
    expect(other.kind).toBe('graphql');
    expect(other.code).toBe('BAD_USER_INPUT');
    expect(other.message).toBe('no');
  });

  it('refuses partial answers', async () => {
    const f = fakeFetch(() => json({ data: viewerData, errors: [{ message: 'part failed' }] }));
    const error = await rejection(createClient({ baseUrl: 'http://x', getToken: () => 't', fetch: f.impl }).request(ViewerDocument, {}));
    expect(error.kind).toBe('graphql');
  });

  it('maps HTTP status and network failures', async () => {
    const status401 = fakeFetch(() => new Response('nope', { status: 401 }));
    expect((await rejection(createClient({ baseUrl: 'http://x', getToken: () => 't', fetch: status401.impl }).request(ViewerDocument, {}))).kind).toBe(
      'unauthenticated',
    );
    const status500 = fakeFetch(() => new Response('<html>', { status: 500 }));
    const e500 = await rejection(createClient({ baseUrl: 'http://x', getToken: () => 't', fetch: status500.impl }).request(ViewerDocument, {}));
    expect([e500.kind, e500.status]).toEqual(['http', 500]);
    const down = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    const eNet = await rejection(createClient({ baseUrl: 'http://x', getToken: () => 't', fetch: down.impl }).request(ViewerDocument, {}));
    expect(eNet.kind).toBe('network');
    expect(eNet.message).toContain('http://x');
  });

  it('downloads a file with the token and reads its name', async () => {
    const f = fakeFetch(
      () => new Response(new Uint8Array([0x50, 0x4b, 3, 4]), { headers: { 'Content-Disposition': "attachment; filename*=UTF-8''%E9%99%84%E4%BB%B65.xlsx" } }),
    );
    const result = await createClient({ baseUrl: 'http://api.test', getToken: () => 'jwt-2', fetch: f.impl }).download('/reports/q.xlsx');
    expect(f.calls[0]?.url).toBe('http://api.test/reports/q.xlsx');
    expect((f.calls[0]?.init.headers as Record<string, string>).Authorization).toBe('Bearer jwt-2');
    expect(result.filename).toBe('附件5.xlsx');
    expect(result.blob.size).toBe(4);
  });

  it('parses both Content-Disposition forms', () => {
    expect(filenameFromDisposition('attachment; filename="report.xlsx"')).toBe('report.xlsx');
    expect(filenameFromDisposition('attachment; filename=report.xlsx')).toBe('report.xlsx');
    expect(filenameFromDisposition(null)).toBeNull();
  });
});
