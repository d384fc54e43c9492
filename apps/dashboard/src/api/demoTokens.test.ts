import { describe, expect, it } from 'vitest';
import { parseDemoTokens } from './demoTokens';

describe('demo tokens', () => {
  it('reads a list of objects', () => {
    expect(parseDemoTokens([{ role: 'DISTRICT_BUREAU', districtCode: '520102', label: '南明区医保局', token: 'a.b.c' }, { nope: 1 }])).toEqual([
      { label: '南明区医保局', token: 'a.b.c', role: 'DISTRICT_BUREAU', districtCode: '520102' },
    ]);
  });

  it('reads a name → token map and a { tokens } wrapper', () => {
    expect(parseDemoTokens({ leadership: 'x.y.z' })).toEqual([{ label: 'leadership', token: 'x.y.z', role: null, districtCode: null }]);
    expect(parseDemoTokens({ tokens: [{ role: 'AUDITOR', token: 't' }] })[0]).toMatchObject({ label: 'AUDITOR', role: 'AUDITOR' });
  });

  it('returns nothing for anything else', () => {
    expect(parseDemoTokens('hello')).toEqual([]);
    expect(parseDemoTokens(null)).toEqual([]);
  });
});
