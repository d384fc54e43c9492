import { addMonths, catalogueInForce, DRUGS, isPrimaryLevel, type CatalogueItem } from '@liangbing/policy';
import { describe, expect, it } from 'vitest';
import { generateDemo } from './index';
import type { BreachKind, DemoClaim } from './types';

const data = generateDemo();
const drugs = new Map(DRUGS.map((d) => [d.code, d]));
const catalogues = new Map<string, Map<string, CatalogueItem>>();
function catalogueOn(city: string, date: string): Map<string, CatalogueItem> {
  const key = `${city}|${date}`;
  let c = catalogues.get(key);
  if (c === undefined) {
    const r = catalogueInForce(city, date);
    if (r.status !== 'in_force') throw new Error(r.reason);
    c = new Map(r.items.map((i) => [i.drug.code, i]));
    catalogues.set(key, c);
  }
  return c;
}
const regular = data.claims.filter((c) => c.injectedBreach === null);

describe('claims', () => {
  it('are in date order within each patient, with unique ids and idempotency keys', () => {
    expect(data.claims.length).toBeGreaterThan(20_000);
    expect(new Set(data.claims.map((c) => c.claimId)).size).toBe(data.claims.length);
    expect(new Set(data.claims.map((c) => c.idempotencyKey)).size).toBe(data.claims.length);
    const wrong: string[] = [];
    let prev: DemoClaim | null = null;
    for (const c of data.claims) {
      if (prev !== null && prev.patientId === c.patientId && (c.claim.serviceDate <= prev.claim.serviceDate || c.seq !== prev.seq + 1))
        wrong.push(`${c.claimId} order`);
      if (prev?.patientId !== c.patientId && c.seq !== 1) wrong.push(`${c.claimId} first seq`);
      if (c.claim.serviceDate < '2024-01-01' || c.claim.serviceDate > '2025-12-31') wrong.push(`${c.claimId} date`);
      if (c.claim.lines.length < 1 || c.claim.lines.length > 3) wrong.push(`${c.claimId} lines`);
      prev = c;
    }
    expect(wrong).toEqual([]);
  });

  it('dispense only drugs of the catalogue in force, in an allowed form, except the injected breaches', () => {
    const wrong: string[] = [];
    for (const c of regular) {
      const cat = catalogueOn(c.cityCode, c.claim.serviceDate);
      for (const l of c.claim.lines) {
        if (!cat.get(l.drugCode)?.forms.some((f) => f.form === l.form)) wrong.push(`${c.claimId} ${l.drugCode} ${l.form}`);
      }
    }
    expect(wrong).toEqual([]);
    const outside = data.claims.filter((c) => c.injectedBreach === 'out_of_catalogue');
    expect(outside.length).toBeGreaterThan(0);
    for (const c of outside) expect(c.claim.lines.some((l) => !catalogueOn(c.cityCode, c.claim.serviceDate).has(l.drugCode))).toBe(true);
  });

  it('keep regular quantities and days of supply within the limits, mostly 30 days', () => {
    const wrong: string[] = [];
    for (const c of regular) {
      for (const l of c.claim.lines) {
        if (l.quantity > Math.floor(drugs.get(l.drugCode)!.maxUnitsPerDay * l.daysSupply + 1e-9)) wrong.push(`${c.claimId} quantity`);
        if (l.daysSupply > (c.cityCode === '320200' ? 60 : 90)) wrong.push(`${c.claimId} days`);
        if (!(l.amountFen > 0) || !Number.isInteger(l.amountFen)) wrong.push(`${c.claimId} amount`);
      }
    }
    expect(wrong).toEqual([]);
    const days = regular.flatMap((c) => c.claim.lines.map((l) => l.daysSupply));
    expect(days.filter((d) => d === 30).length / days.length).toBeGreaterThan(0.5);
    expect(regular.some((c) => c.cityCode === '520100' && c.claim.lines[0]!.daysSupply === 90)).toBe(true);
    expect(regular.some((c) => c.cityCode === '320200' && c.claim.lines[0]!.daysSupply === 60)).toBe(true);
  });

  it('use the pathways of each city, with the papers each needs', () => {
    const pathways = (city: string) => new Set(data.claims.filter((c) => c.cityCode === city).map((c) => c.claim.pathway));
    expect([...pathways('320200')].sort()).toEqual(['designated', 'emergency', 'out_of_area', 'referral']);
    expect([...pathways('520100')].sort()).toEqual(['designated', 'extension', 'referral']);
    for (const c of regular) {
      const { claim } = c;
      if (claim.pathway === 'extension') {
        expect(isPrimaryLevel(claim.institution.level)).toBe(true);
        expect(claim.conditionStable).toBe(true);
        const src = claim.sourcePrescription!;
        expect(isPrimaryLevel(src.institutionLevel)).toBe(false);
        expect(src.issuedOn <= claim.serviceDate && addMonths(src.issuedOn, 6) >= claim.serviceDate).toBe(true);
        for (const l of claim.lines) expect(src.drugCodes).toContain(l.drugCode);
      }
      if (claim.pathway === 'referral') expect(claim.referral!.issuedOn <= claim.serviceDate).toBe(true);
      if (claim.pathway === 'designated') expect(claim.institution.cityCode).toBe(c.cityCode);
    }
    const designated = data.claims.filter((c) => c.claim.pathway === 'designated').length;
    expect(designated / data.claims.length).toBeGreaterThan(0.7);
  });

  it('name a stored prescription on every extension claim: one record per id, issued at a hospital the claim agrees with', () => {
    const byId = new Map<string, { patientId: string; institutionId: string; issuedOn: string; level: string; drugs: string }>();
    const institutions = new Map(data.institutions.map((i) => [i.id, i]));
    let extensions = 0;
    for (const c of data.claims) {
      const named = c.sourcePrescription;
      const src = c.claim.sourcePrescription;
      expect(named === null, c.claimId).toBe(src === null);
      if (named === null || src === null) continue;
      extensions++;
      expect(named.id.startsWith(`${c.patientId}-RX`)).toBe(true);
      expect(institutions.get(named.institutionId)?.level).toBe(src.institutionLevel);
      const record = {
        patientId: c.patientId,
        institutionId: named.institutionId,
        issuedOn: src.issuedOn,
        level: src.institutionLevel,
        drugs: src.drugCodes.join(','),
      };
      const seen = byId.get(named.id);
      if (seen === undefined) byId.set(named.id, record);
      else expect(record, named.id).toEqual(seen);
    }
    expect(extensions).toBeGreaterThan(50);
    // most prescriptions serve several extension claims, as a hospital's does until the next visit
    expect(byId.size).toBeLessThan(extensions / 2);
  });

  it('carry 2–8 % injected breaches of the kinds each city can have', () => {
    const breaches = data.claims.filter((c) => c.injectedBreach !== null);
    const shareOf = breaches.length / data.claims.length;
    expect(shareOf).toBeGreaterThan(0.02);
    expect(shareOf).toBeLessThan(0.08);
    const kinds = (city: string) => new Set(breaches.filter((c) => c.cityCode === city).map((c) => c.injectedBreach as BreachKind));
    expect([...kinds('320200')].sort()).toEqual(['duplicate_dispensing', 'long_prescription', 'out_of_catalogue', 'over_quantity', 'wrong_institution']);
    for (const k of [
      'duplicate_dispensing',
      'long_prescription',
      'out_of_catalogue',
      'over_quantity',
      'restriction_not_met',
      'unauthorised_institution',
      'village_injection',
    ] as const) {
      expect(kinds('520100').has(k), k).toBe(true);
    }
  });
});
