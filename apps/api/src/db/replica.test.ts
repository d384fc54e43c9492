import { describe, expect, it } from 'vitest';
import { connectionLost, lsnValue, replicaDataAsOf } from './replica';

describe('the replica’s lag', () => {
  it('orders LSNs by both halves', () => {
    expect(lsnValue('0/5000060') < lsnValue('0/5000061')).toBe(true);
    expect(lsnValue('1/0') > lsnValue('0/FFFFFFFF')).toBe(true);
  });

  it('dates the replica by the latest primary position it has replayed, not by its last commit alone (an idle primary)', () => {
    const samples = [
      { at: 1_000, lsn: lsnValue('0/100') },
      { at: 2_000, lsn: lsnValue('0/200') },
      { at: 3_000, lsn: lsnValue('0/200') },
      { at: 4_000, lsn: lsnValue('0/300') },
    ];
    // replayed up to 0/200: it had all the primary had at 3 s, although its last commit is from 0.5 s
    expect(replicaDataAsOf(samples, lsnValue('0/200'), 500)).toBe(3_000);
    expect(replicaDataAsOf(samples, lsnValue('0/350'), 500)).toBe(4_000);
    // behind every sample: its last replayed commit is all that is known
    expect(replicaDataAsOf(samples, lsnValue('0/50'), 500)).toBe(500);
    expect(replicaDataAsOf(samples, lsnValue('0/50'), null)).toBeNull();
    // a commit later than every sample it covers wins
    expect(replicaDataAsOf(samples, lsnValue('0/100'), 1_500)).toBe(1_500);
  });

  it('tells a lost server or connection from a wrong statement', () => {
    expect(connectionLost(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(connectionLost(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(connectionLost(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(connectionLost(Object.assign(new Error('wrapped'), { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }))).toBe(true);
    expect(connectionLost(Object.assign(new Error('column "x" does not exist'), { code: '42703' }))).toBe(false);
    expect(connectionLost(null)).toBe(false);
  });
});
