import { describe, expect, it } from 'vitest';
import { chinaToday, currentSigning, signingRows, signingState, type SigningRecord } from './signing';

const signing = (over: Partial<SigningRecord>): SigningRecord => ({
  id: 's',
  institutionId: 'I-1',
  institutionName: '东亭社区卫生服务中心',
  teamCode: 'T1',
  teamName: '东亭家庭医生一组',
  validFrom: '2025-01-01',
  validTo: '2025-12-31',
  ended: false,
  endedReason: null,
  ...over,
});

describe('a patient’s family-doctor signings', () => {
  it('says whether each is in force, not yet begun, run out or ended early on the day', () => {
    expect(signingState(signing({}), '2025-06-30')).toBe('current');
    expect(signingState(signing({ validTo: null }), '2030-01-01')).toBe('current');
    expect(signingState(signing({ validFrom: '2025-07-01' }), '2025-06-30')).toBe('upcoming');
    expect(signingState(signing({ validTo: '2025-03-31' }), '2025-06-30')).toBe('expired');
    expect(signingState(signing({ validTo: '2025-03-31', ended: true, endedReason: '患者申请解约' }), '2025-06-30')).toBe('ended');
    // the last day is still in force
    expect(signingState(signing({ validTo: '2025-06-30' }), '2025-06-30')).toBe('current');
  });

  it('lists the one in force first, then the others latest first, and finds the current one', () => {
    const old = signing({ id: 'old', validFrom: '2023-01-01', validTo: '2023-12-31' });
    const ended = signing({ id: 'ended', validFrom: '2024-01-01', validTo: '2024-05-31', ended: true });
    const now = signing({ id: 'now', validFrom: '2025-01-01', validTo: null });
    expect(signingRows([old, now, ended], '2025-06-30').map((r) => [r.id, r.state])).toEqual([
      ['now', 'current'],
      ['ended', 'ended'],
      ['old', 'expired'],
    ]);
    expect(currentSigning([old, ended, now], '2025-06-30')?.id).toBe('now');
    expect(currentSigning([old, ended], '2025-06-30')).toBeNull();
  });

  it('takes the day in China (UTC+8)', () => {
    expect(chinaToday(new Date('2025-06-30T17:00:00Z'))).toBe('2025-07-01');
    expect(chinaToday(new Date('2025-06-30T15:59:00Z'))).toBe('2025-06-30');
  });
});
