/**
 * The general-outpatient benefit used (普通门诊待遇, W-3 二(三)), fed in bulk once a day by the
 * outpatient system: for each patient the year's general-outpatient fund paid so far and whether the
 * benefit is used up. The 两病 benefit pays only once it is used up, and its cap includes what the
 * general-outpatient fund paid (含居民医保普通门诊基金支付部分), so these two figures are read by every
 * claim (benefit_ledger.general_outpatient_fund_fen / _exhausted).
 *
 * A feed is one transaction of a few set-based statements. Its ledger rows are created and locked
 * by the claim path's own upsert (lockLedgers: key order), so a feed and claims of the same patients
 * serialise on the same rows in the same order: a claim is decided either before the feed (on the old
 * figures) or after it (on the new ones), never on half of it, and no deadlock between them. A row
 * already set by a later day's feed is left alone (stale); the same feed sent again is answered from
 * its record (replayed). Every entry is checked and reported by row; with any bad row nothing is
 * written unless acceptValidRows. One audit row per feed, with its counts.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { isIsoDate, MAX_LINE_AMOUNT_FEN, validateResidentId } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { InputProblems } from '../../errors';
import { audit } from '../audit/audit';
import { lockLedgers } from '../claims/claim-batch.repository';
import { feedHash } from './clinical.hash';
import { ID } from './clinical.validation';
import { feedByHash, feedDates, insertFeed, resolvePatients, setGeneralOutpatient, type FeedCounts, type FeedProblem } from './general-outpatient.repository';

export interface FeedEntry {
  /** the entry's row: the CSV's line number (header = 1), or the entry's position from 1 */
  rowNo: number;
  patientId: string | null;
  residentId: string | null;
  /** NaN when the cell did not hold a whole number */
  fundPaidFen: number;
  /** null when the cell was neither yes nor no */
  exhausted: boolean | null;
}

export interface FeedRequest {
  districtCode?: string | null;
  year: number;
  asOf: string;
  entries: FeedEntry[];
  acceptValidRows?: boolean | null;
}

export interface FeedResult {
  /** null when nothing was written (bad rows without acceptValidRows, or no valid row) */
  feedId: string | null;
  replayed: boolean;
  counts: FeedCounts;
  problems: FeedProblem[];
}

/** The most entries one feed may carry (a district's day of outpatient settlements). */
export const MAX_FEED_ENTRIES = 10_000;

export class GeneralOutpatientService {
  constructor(private readonly today: () => string) {}

  async record(
    em: EntityManager,
    scope: Scope,
    req: FeedRequest,
    fieldOf: (column: 'patientId' | 'residentId' | 'fundPaidFen' | 'exhausted') => string,
  ): Promise<FeedResult> {
    const p = new InputProblems();
    if (!Number.isInteger(req.year) || req.year < 2000 || req.year > 2100) p.add('year', 'must be 2000–2100', '年份无效');
    if (!isIsoDate(req.asOf)) p.add('asOf', 'must be a calendar date YYYY-MM-DD', '须为有效日期');
    else if (req.asOf > this.today()) p.add('asOf', 'is in the future', '不能晚于今天');
    else if (req.asOf < `${req.year}-01-01`) p.add('asOf', 'is before the year it reports', '早于所报年度');
    if (req.entries.length === 0 || req.entries.length > MAX_FEED_ENTRIES) p.add('entries', `1–${MAX_FEED_ENTRIES} entries`, `须为1–${MAX_FEED_ENTRIES}条`);
    const districtCode = req.districtCode ?? scope.viewer.districtCode;
    if (districtCode == null) p.add('districtCode', 'is required for a city-wide viewer', '须指定区县');
    p.throwIfAny();
    scope.assertWrite(districtCode!, 'ledger');
    const district = districtCode!;
    const accept = req.acceptValidRows === true;

    const hash = feedHash([district, req.year, req.asOf, accept, req.entries.map((e) => [e.rowNo, e.patientId, e.residentId, e.fundPaidFen, e.exhausted])]);
    const earlier = await feedByHash(em, district, req.year, req.asOf, hash);
    if (earlier !== null) return { feedId: earlier.id, replayed: true, counts: earlier.counts, problems: earlier.problems };

    const problems: FeedProblem[] = [];
    const bad = new Set<number>();
    /** entries whose patient cannot be looked up */
    const unidentified = new Set<number>();
    const problem = (i: number, code: string, column: Parameters<typeof fieldOf>[0], en: string, zh: string) => {
      problems.push({ rowNo: req.entries[i]!.rowNo, code, field: fieldOf(column).replace('#', String(i)), messageEn: en, messageZh: zh });
      bad.add(i);
      if (column === 'patientId' || column === 'residentId') unidentified.add(i);
    };
    req.entries.forEach((e, i) => {
      if ((e.patientId === null) === (e.residentId === null))
        problem(
          i,
          e.patientId === null ? 'PATIENT_MISSING' : 'PATIENT_TWICE',
          'patientId',
          'give the patient id or the resident ID, one of them',
          '须提供患者编号或身份证号之一',
        );
      else if (e.patientId !== null && !ID.test(e.patientId)) problem(i, 'PATIENT_ID_INVALID', 'patientId', 'is not a valid id', '患者编号无效');
      else if (e.residentId !== null) {
        const v = validateResidentId(e.residentId);
        if (!v.ok) problem(i, 'RESIDENT_ID_INVALID', 'residentId', `invalid resident ID (${v.problem})`, `身份证号无效（${v.problem}）`);
      }
      if (!Number.isSafeInteger(e.fundPaidFen) || e.fundPaidFen < 0 || e.fundPaidFen > MAX_LINE_AMOUNT_FEN)
        problem(i, 'AMOUNT_INVALID', 'fundPaidFen', `must be an integer 0–${MAX_LINE_AMOUNT_FEN} fen`, '须为0–100万元之间的整数（分）');
      if (e.exhausted === null) problem(i, 'EXHAUSTED_INVALID', 'exhausted', 'must be yes or no (是/否)', '须为是或否');
    });
    const byIndex = await resolvePatients(
      em,
      district,
      req.entries.map((e, i) => (unidentified.has(i) ? null : e.patientId)),
      req.entries.map((e, i) => (unidentified.has(i) ? null : e.residentId)),
    );
    const firstRow = new Map<string, number>();
    req.entries.forEach((e, i) => {
      if (unidentified.has(i)) return;
      const id = byIndex.get(i);
      if (id === undefined)
        return problem(i, 'PATIENT_NOT_FOUND', e.patientId !== null ? 'patientId' : 'residentId', `no such patient in district ${district}`, `本区县无此患者`);
      const first = firstRow.get(id);
      if (first !== undefined)
        problem(i, 'PATIENT_DUPLICATE', e.patientId !== null ? 'patientId' : 'residentId', `the same patient as row ${first}`, `与第${first}行为同一患者`);
      else firstRow.set(id, e.rowNo);
    });
    problems.sort((a, b) => a.rowNo - b.rowNo);
    const valid = req.entries.flatMap((e, i) => (bad.has(i) ? [] : [{ patientId: byIndex.get(i)!, fundPaidFen: e.fundPaidFen, exhausted: e.exhausted! }]));
    const counts: FeedCounts = { entries: req.entries.length, applied: 0, unchanged: 0, stale: 0, refused: bad.size };
    if ((problems.length > 0 && !accept) || valid.length === 0) return { feedId: null, replayed: false, counts, problems };

    return em.transactional(async (tem) => {
      const ledgers = await lockLedgers(
        tem,
        valid.map((v) => ({ districtCode: district, patientId: v.patientId, year: req.year })),
      );
      // Under the locks, the same feed stored by a request that got there first is answered as its retry.
      const raced = await feedByHash(tem, district, req.year, req.asOf, hash);
      if (raced !== null) return { feedId: raced.id, replayed: true, counts: raced.counts, problems: raced.problems };
      const dates = await feedDates(
        tem,
        district,
        req.year,
        valid.map((v) => v.patientId),
      );
      const write: typeof valid = [];
      for (const v of valid) {
        const ledger = ledgers.get(`${district}|${v.patientId}|${req.year}`)!;
        const asOf = dates.get(v.patientId) ?? null;
        if (asOf !== null && asOf > req.asOf) {
          counts.stale++;
          continue;
        }
        const same = Number(ledger.general_outpatient_fund_fen) === v.fundPaidFen && ledger.general_outpatient_exhausted === v.exhausted;
        if (same) counts.unchanged++;
        else counts.applied++;
        if (!same || asOf !== req.asOf) write.push(v);
      }
      await setGeneralOutpatient(tem, district, req.year, req.asOf, write);
      const feedId = await insertFeed(tem, {
        districtCode: district,
        year: req.year,
        asOf: req.asOf,
        hash,
        counts,
        problems,
        acceptValidRows: accept,
        recordedBy: scope.viewer.userId,
      });
      await audit(tem, scope.viewer, district, 'ledger.general_outpatient_feed', 'general_outpatient_feed', feedId, {
        year: req.year,
        asOf: req.asOf,
        ...counts,
        problems: problems.length,
      });
      return { feedId, replayed: false, counts, problems };
    });
  }
}

/** A CSV's columns, named as its header spells them, for the problems' field. */
export const CSV_FIELDS = { patientId: '患者编号', residentId: '身份证号', fundPaidFen: '普通门诊基金已支付(分)', exhausted: '是否用完' } as const;
