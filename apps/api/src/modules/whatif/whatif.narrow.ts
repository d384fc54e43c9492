/**
 * A period cut out of a longer one already in memory: a leader who has the year can ask about its
 * second quarter without another read. What whatif.source.ts would read for the shorter period is
 * derived from the longer one's patients, exactly:
 *   - the claims within the period;
 *   - the position when it opens: what the stored claims before it paid that year (the longer
 *     period's own opening, plus its claims before the shorter one's first day);
 *   - the fills still on hand then, within HISTORY_DAYS, in the order the history is read (day,
 *     claim id, line): the longer period's own, then the compliant lines of its claims before;
 *   - every drug dispensed compliantly before.
 * The objects of the claims and patients are shared with the longer period, not copied.
 */
import { addDays, toDay, yearOf, type DispensingRecord } from '@liangbing/policy';
import { HISTORY_DAYS } from '../claims/patient-year.repository';
import type { OpeningYear, ReplayClaim, ReplayPatientData } from './whatif.replay';
import type { Period } from './whatif.source';

export const contains = (outer: Period, inner: Period): boolean => outer.from <= inner.from && inner.to <= outer.to;

/** The patients of `outer` with claims in `p` (which `outer` contains), as a read of `p` would give them. */
export function narrow(patients: readonly ReplayPatientData[], outer: Period, p: Period): ReplayPatientData[] {
  const fromYear = yearOf(p.from);
  const toYear = yearOf(p.to);
  const opensOnNewYear = p.from === `${fromYear}-01-01`;
  const outerFromYear = yearOf(outer.from);
  const since = addDays(p.from, -HISTORY_DAYS);
  const fromDay = toDay(p.from);
  const out: ReplayPatientData[] = [];
  for (const d of patients) {
    const claims: ReplayClaim[] = [];
    const before: ReplayClaim[] = [];
    for (const c of d.claims) {
      const date = c.claim.serviceDate;
      if (date < p.from) before.push(c);
      else if (date <= p.to) claims.push(c);
    }
    if (claims.length === 0) continue;

    const years = new Map<number, OpeningYear>();
    for (const [year, y] of d.years) {
      if (year < fromYear || year > toYear) continue;
      let fund = 0;
      let compliant = 0;
      if (year === fromYear && !opensOnNewYear) {
        if (year === outerFromYear) {
          fund = y.fundPaidFen;
          compliant = y.compliantFen;
        }
        for (const c of before) {
          if (c.year !== year) continue;
          fund += c.stored.fundFen;
          compliant += c.stored.compliantFen;
        }
      }
      years.set(year, { generalOutpatient: y.generalOutpatient, fundPaidFen: fund, compliantFen: compliant, storedCapReachedOn: y.storedCapReachedOn });
    }

    const lasts = (date: string, daysSupply: number) => date >= since && toDay(date) + daysSupply > fromDay;
    const history: DispensingRecord[] = d.history.filter((h) => lasts(h.date, h.daysSupply));
    const prior = new Set(d.priorDrugCodes);
    const fills: { record: DispensingRecord; rank: number; line: number }[] = [];
    for (const c of before) {
      const lines = c.claim.lines;
      for (let i = 0; i < lines.length; i++) {
        if ((c.compliantLines & (1 << i)) === 0) continue;
        const l = lines[i]!;
        prior.add(l.drugCode);
        if (lasts(c.claim.serviceDate, l.daysSupply))
          fills.push({
            record: { date: c.claim.serviceDate, drugCode: l.drugCode, daysSupply: l.daysSupply, institutionId: c.claim.institution.id },
            rank: c.sameDayRank,
            line: i,
          });
      }
    }
    fills.sort((a, b) => (a.record.date < b.record.date ? -1 : a.record.date > b.record.date ? 1 : a.rank - b.rank || a.line - b.line));
    for (const f of fills) history.push(f.record);

    out.push({ patient: d.patient, years, claims, history, priorDrugCodes: [...prior].sort() });
  }
  return out;
}
