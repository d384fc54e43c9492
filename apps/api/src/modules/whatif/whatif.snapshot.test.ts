import { describe, expect, it } from 'vitest';
import { openTransactions } from './whatif.snapshot';

describe('openTransactions', () => {
  it('reads the transactions in progress of a snapshot, none when its list is empty', () => {
    expect(openTransactions('7402:7410:7402,7405,7409')).toEqual(['7402', '7405', '7409']);
    expect(openTransactions('7410:7410:')).toEqual([]);
  });
});
