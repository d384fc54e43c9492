/**
 * Replays every claim through the policy core, in order, with the patient's year built as the API
 * would build it. Regular claims must pass every rule except the two that are not breaches
 * (Guiyang's benefit levels are deployment configuration; Wuxi's annual cap can be reached), and
 * each injected breach must raise its expected hit.
 */
import { adjudicate, type DispensingRecord, type PatientYear } from '@liangbing/policy';
import { describe, expect, it } from 'vitest';
import { generateDemo } from './index';
import { BREACH_EXPECTED_HIT } from './types';

const NOT_BREACHES = new Set(['PARAMETER_NOT_CONFIGURED', 'CAP_REACHED']);

describe('replaying the claims through the adjudicator', () => {
  it('finds the injected breaches and nothing else', () => {
    const data = generateDemo({ seed: 5 });
    const patients = new Map(data.patients.map((p) => [p.id, p]));
    let current = '';
    let history: DispensingRecord[] = [];
    let prior = new Set<string>();
    let fundByYear = new Map<number, number>();
    let compliantByYear = new Map<number, number>();
    const unexpected: string[] = [];
    let breaches = 0;
    for (const c of data.claims) {
      if (c.patientId !== current) {
        current = c.patientId;
        history = [];
        prior = new Set();
        fundByYear = new Map();
        compliantByYear = new Map();
      }
      const p = patients.get(c.patientId)!;
      const date = c.claim.serviceDate;
      const year = Number(date.slice(0, 4));
      const general = p.generalOutpatient.find((g) => g.year === year)!;
      const patientYear: PatientYear = {
        scheme: p.scheme,
        districtCode: p.districtCode,
        diseases: p.diseases,
        certification: p.certification,
        designations: p.designations,
        chronicProgrammeDiseases: p.chronicProgrammeDiseases,
        longTermResidenceElsewhere: p.longTermResidenceElsewhere,
        generalOutpatient: { exhausted: general.exhaustedOn !== null && general.exhaustedOn <= date, fundPaidFen: general.fundPaidFen },
        fundPaidFen: fundByYear.get(year) ?? 0,
        findings: p.findings,
        priorDrugCodes: [...prior],
        compliantFenYtd: compliantByYear.get(year) ?? 0,
        history,
      };
      const decision = adjudicate(c.claim, patientYear);
      const codes = new Set(decision.hits.map((h) => h.code));
      if (c.injectedBreach === null) {
        const bad = [...codes].filter((code) => !NOT_BREACHES.has(code));
        if (bad.length > 0) unexpected.push(`${c.claimId}: ${bad.join(', ')}`);
        expect(decision.rationalUse).toBe(true);
      } else {
        breaches++;
        expect(codes.has(BREACH_EXPECTED_HIT[c.injectedBreach]), `${c.claimId} ${c.injectedBreach}: ${[...codes].join(', ')}`).toBe(true);
      }
      fundByYear.set(year, (fundByYear.get(year) ?? 0) + decision.fundFen);
      compliantByYear.set(year, (compliantByYear.get(year) ?? 0) + decision.compliantFen);
      for (const l of c.claim.lines) {
        history.push({ date, drugCode: l.drugCode, daysSupply: l.daysSupply, institutionId: c.claim.institution.id });
        prior.add(l.drugCode);
      }
    }
    expect(unexpected).toEqual([]);
    expect(breaches).toBeGreaterThan(0);
  });
});
