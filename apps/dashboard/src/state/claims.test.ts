import { describe, expect, it } from 'vitest';
import { claimFilter, formatBasisPoints, monthRange, parseClaimQuery } from './claims';
import type { Filters } from './filters';

const filters: Filters = { city: '320200', year: 2025, quarter: 4, disease: 'ALL', region: '320205' };

describe('claims URL', () => {
  it('reads the keys the alerts view links with, and drops malformed ones', () => {
    expect(parseClaimQuery({ hit: 'OVER_QUANTITY', institution: 'I320205-0005', month: '2025-11', status: 'REVERSED', after: 'MjAy' })).toEqual({
      hit: 'OVER_QUANTITY',
      institution: 'I320205-0005',
      month: '2025-11',
      status: 'REVERSED',
      after: 'MjAy',
    });
    expect(parseClaimQuery({ hit: 'drop table', month: '2025-13', status: 'PAID', institution: '<x>' })).toEqual({
      hit: null,
      institution: null,
      month: null,
      status: null,
      after: null,
    });
  });

  it('knows the last day of each month', () => {
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2025-02')).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(monthRange('2025-12')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('narrows the filter period to the month when one is given', () => {
    expect(claimFilter(filters, parseClaimQuery({}))).toEqual({ regionCode: '320205', from: '2025-10-01', to: '2025-12-31' });
    expect(claimFilter(filters, parseClaimQuery({ hit: 'OVER_QUANTITY', institution: 'I1', month: '2025-11', status: 'ACCEPTED' }))).toEqual({
      regionCode: '320205',
      from: '2025-11-01',
      to: '2025-11-30',
      hitCode: 'OVER_QUANTITY',
      institutionId: 'I1',
      status: 'ACCEPTED',
    });
  });

  it('shows a ratio in basis points as a percentage', () => {
    expect(formatBasisPoints(6000)).toBe('60.00%');
    expect(formatBasisPoints(5050)).toBe('50.50%');
  });
});
