import { describe, expect, it } from 'vitest';
import { signToken, TokenCache, type Viewer } from './tokens';

const secret = new TextEncoder().encode('unit-test-secret-unit-test-secret-0123');
const bureau: Viewer = { userId: 'bureau-320213', role: 'district_bureau', cityCode: '320200', districtCode: '320213', institutionId: null };

describe('TokenCache', () => {
  it('answers a verified token from the cache, and only verified tokens are kept', async () => {
    const cache = new TokenCache(secret);
    const token = await signToken(secret, bureau);
    expect(await cache.verify(token)).toEqual(bureau);
    expect(await cache.verify(token)).toEqual(bureau);
    expect(cache.size).toBe(1);
    const forged = await signToken(new TextEncoder().encode('another-secret-another-secret-012345'), bureau);
    await expect(cache.verify(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const tampered = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    await expect(cache.verify(tampered)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(cache.size).toBe(1);
  });

  it('refuses a cached token once it has expired', async () => {
    const cache = new TokenCache(secret);
    const token = await signToken(secret, bureau, 1);
    expect(await cache.verify(token)).toEqual(bureau);
    await new Promise((r) => setTimeout(r, 2100));
    await expect(cache.verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED', messageEn: 'Token expired' } });
    expect(cache.size).toBe(0);
  });

  it('keeps at most its bound, dropping the oldest first', async () => {
    const cache = new TokenCache(secret, 2);
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((u) => signToken(secret, { ...bureau, userId: u })));
    for (const t of [a!, b!, c!]) await cache.verify(t);
    expect(cache.size).toBe(2);
    expect((await cache.verify(c!)).userId).toBe('c');
  });
});

describe('TokenCache over a verifier', () => {
  it('caches only what the verifier accepted, until the token’s own expiry', async () => {
    let calls = 0;
    let clock = 1_000_000;
    const cache = new TokenCache(
      async (token) => {
        calls++;
        if (token === 'bad') throw new Error('refused');
        return { viewer: { ...bureau, userId: token }, expiresAtMs: 1_000_500 };
      },
      10,
      () => clock,
    );
    expect((await cache.verify('good')).userId).toBe('good');
    expect((await cache.verify('good')).userId).toBe('good');
    expect(calls).toBe(1);
    await expect(cache.verify('bad')).rejects.toThrow('refused');
    await expect(cache.verify('bad')).rejects.toThrow('refused');
    expect(calls).toBe(3);
    clock = 1_000_500;
    await cache.verify('good');
    expect(calls).toBe(4);
  });
});
