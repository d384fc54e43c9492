import { describe, expect, it } from 'vitest';
import { certificateInForce, certificationOn } from './certification';
import type { Certification } from './types';

const cert = (certifiedOn: string, revokedOn: string | null, diseases: Certification['diseases'] = ['hypertension']): Certification => ({
  certifiedOn,
  revokedOn,
  diseases,
});

describe('certificateInForce', () => {
  it('runs from the day of certification up to, not including, the day of revocation', () => {
    const c = cert('2025-03-01', '2025-09-01');
    expect(certificateInForce(c, '2025-02-28')).toBe(false);
    expect(certificateInForce(c, '2025-03-01')).toBe(true);
    expect(certificateInForce(c, '2025-08-31')).toBe(true);
    expect(certificateInForce(c, '2025-09-01')).toBe(false);
    expect(certificateInForce(null, '2025-05-01')).toBe(false);
  });
});

describe('certificationOn', () => {
  const first = cert('2024-01-10', '2025-06-01', ['hypertension']);
  const renewed = cert('2025-07-01', null, ['hypertension', 'diabetes']);

  it('is none before the first certificate', () => {
    expect(certificationOn([first, renewed], '2024-01-09')).toBeNull();
  });

  it('is the certificate in force on the date, even one revoked later', () => {
    expect(certificationOn([renewed, first], '2025-05-31')).toBe(first);
  });

  it('is the revoked one in the gap before the renewal, so the decision can say it was revoked', () => {
    expect(certificationOn([renewed, first], '2025-06-15')).toBe(first);
  });

  it('is the renewal once it is certified, in whatever order the certificates come', () => {
    expect(certificationOn([first, renewed], '2025-07-01')).toBe(renewed);
    expect(certificationOn([renewed, first], '2025-07-01')).toBe(renewed);
  });

  it('prefers the latest certified of two in force', () => {
    const older = cert('2024-01-10', null, ['hypertension']);
    const newer = cert('2025-02-01', '2025-12-01', ['diabetes']);
    expect(certificationOn([older, newer], '2025-03-01')).toBe(newer);
    expect(certificationOn([older, newer], '2025-12-01')).toBe(older);
  });
});
