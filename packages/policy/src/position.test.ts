import { describe, expect, it } from 'vitest';
import { adjudicate } from './adjudicate/adjudicate';
import {
  fillsOf,
  HISTORY_DAYS,
  historySince,
  historyWindow,
  patientYearAsOf,
  positionAfter,
  reachesCap,
  type PatientStanding,
  type PositionBefore,
} from './position';
import { bothDiseases, DRUG, line, lines, wuxiClaim, wuxiPatient } from './fixtures';
import type { Certification, DispensingRecord } from './types';

const cert = (certifiedOn: string, revokedOn: string | null): Certification => ({ certifiedOn, revokedOn, diseases: ['hypertension'] });
const { certification: _certification, generalOutpatient, fundPaidFen, compliantFenYtd, priorDrugCodes, history, ...rest } = wuxiPatient();
const standing = (certifications: Certification[]): PatientStanding => ({ ...rest, certifications });
const opening: PositionBefore = { fundPaidFen, compliantFenYtd, generalOutpatient };
const fill = (date: string, drugCode = 'X'): DispensingRecord => ({ date, drugCode, daysSupply: 30, institutionId: 'I' });

describe('patientYearAsOf', () => {
  it('judges the claim by the certificate in force on its date, and carries the position and dispensing as given', () => {
    const revoked = cert('2024-01-10', '2025-06-01');
    const renewed = cert('2025-07-01', null);
    const s = standing([revoked, renewed]);
    const position: PositionBefore = { fundPaidFen: 12_300, compliantFenYtd: 45_600, generalOutpatient: { exhausted: true, fundPaidFen: 700 } };
    const dispensed = { priorDrugCodes: ['A'], history: [fill('2025-06-20')] };
    const june = patientYearAsOf('2025-06-15', s, position, dispensed);
    expect(june.certification).toBe(revoked);
    expect(patientYearAsOf('2025-07-01', s, position, dispensed).certification).toBe(renewed);
    expect(patientYearAsOf('2024-01-09', s, position, dispensed).certification).toBeNull();
    expect(june).toMatchObject({
      fundPaidFen: 12_300,
      compliantFenYtd: 45_600,
      generalOutpatient: { exhausted: true, fundPaidFen: 700 },
      priorDrugCodes: ['A'],
      history: dispensed.history,
      districtCode: rest.districtCode,
      scheme: rest.scheme,
    });
  });

  it('rebuilds exactly the patient year the core is given elsewhere', () => {
    const p = wuxiPatient();
    const built = patientYearAsOf('2025-03-01', standing(p.certification === null ? [] : [p.certification]), opening, { priorDrugCodes, history });
    expect(built).toEqual(p);
  });
});

describe('the dispensing window', () => {
  it('sees the fills from HISTORY_DAYS before the date up to the date itself', () => {
    expect(historySince('2025-07-20')).toBe('2025-01-01');
    expect(HISTORY_DAYS).toBe(200);
    const all = [fill('2024-12-31'), fill('2025-01-01'), fill('2025-07-20'), fill('2025-07-21')];
    expect(historyWindow(all, '2025-07-20').map((h) => h.date)).toEqual(['2025-01-01', '2025-07-20']);
  });
});

describe('what a decided claim leaves for the next', () => {
  it('adds its fund share and compliant cost, and its compliant lines as fills in line order', () => {
    const claim = wuxiClaim({
      lines: lines(
        { drugCode: DRUG.amlodipine, amountFen: 5_000 },
        { drugCode: 'NOT_IN_CATALOGUE', amountFen: 3_000 },
        { drugCode: DRUG.metformin, amountFen: 2_000 },
      ),
    });
    const decision = adjudicate(claim, wuxiPatient(bothDiseases('2019-01-01')));
    const paidLines = decision.lines.filter((l) => l.compliantFen > 0);
    expect(paidLines.length).toBe(2);
    const after = positionAfter(opening, decision);
    expect(after.fundPaidFen).toBe(opening.fundPaidFen + decision.fundFen);
    expect(after.compliantFenYtd).toBe(opening.compliantFenYtd + decision.compliantFen);
    expect(fillsOf(claim, decision)).toEqual(
      paidLines.map((l) => ({
        date: claim.serviceDate,
        drugCode: l.drugCode,
        daysSupply: claim.lines[l.lineNo - 1]!.daysSupply,
        institutionId: claim.institution.id,
      })),
    );
  });

  it('says the cap is reached by the paid claim that leaves nothing of it, and by no other', () => {
    expect(reachesCap({ fundFen: 100, capRemainingFen: 0 })).toBe(true);
    expect(reachesCap({ fundFen: 0, capRemainingFen: 0 })).toBe(false);
    expect(reachesCap({ fundFen: 100, capRemainingFen: 1 })).toBe(false);
  });

  it('a year decided claim by claim from positionAfter never pays past the cap', () => {
    const s = standing(wuxiPatient().certification === null ? [] : [wuxiPatient().certification!]);
    let position = opening;
    let reached = 0;
    let paid = 0;
    for (let m = 1; m <= 12; m++) {
      const claim = wuxiClaim({ serviceDate: `2025-${String(m).padStart(2, '0')}-05`, lines: [line({ amountFen: 200_000 })] });
      const decision = adjudicate(claim, patientYearAsOf(claim.serviceDate, s, position, { priorDrugCodes, history: [] }));
      if (reachesCap(decision)) reached++;
      paid += decision.fundFen;
      position = positionAfter(position, decision);
    }
    expect(reached).toBe(1);
    expect(position.fundPaidFen).toBe(opening.fundPaidFen + paid);
    const last = adjudicate(wuxiClaim({ serviceDate: '2025-12-20' }), patientYearAsOf('2025-12-20', s, position, { priorDrugCodes, history: [] }));
    expect(last.fundFen).toBe(0);
  });
});
