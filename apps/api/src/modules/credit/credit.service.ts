/**
 * Credit records of institutions and insured persons (W-10 五(四) 信用管理): a ledger of events —
 * confirmed alerts, reversed claims, events a bureau records by hand — whose points over a window
 * make the record, and a review threshold above which the subject is flagged. The bureau reads the
 * records (creditRecords); the monitoring asks creditFlag before it opens or ranks a case.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isIsoDate } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { exec } from '../../db/sql';
import { badInput, forbidden, notFound } from '../../errors';
import { audit } from '../audit/audit';
import type { RegionDirectory } from '../regions/region.directory';
import type { StatisticsService } from '../statistics/statistics.service';
import { CREDIT_RULES, type CreditRules } from './credit.config';
import { feedCredit } from './credit.feed';
import { creditRules } from '../settings/settings.apply';
import type { CitySettings, SettingsReader } from '../settings/settings.reader';
import {
  encodeCursor,
  eventsOf,
  insertEvents,
  listRecords,
  pointsOf,
  recordOf,
  type CreditRecordRow,
  type StoredCreditEvent,
  type SubjectType,
} from './credit.repository';

const chinaToday = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export interface CreditFlag {
  districtCode: string;
  subjectType: SubjectType;
  subjectId: string;
  /** points within the window up to asOf */
  points: number;
  threshold: number;
  /** points ≥ threshold: review the subject's claims before paying or closing its cases */
  flagged: boolean;
  windowDays: number;
  asOf: string;
  rulesId: string;
}

async function cityDistricts(em: EntityManager, districtCode: string): Promise<string[]> {
  const rows = await exec<{ code: string }>(
    em,
    `select code from regions where level = 'district' and city_code = (select city_code from regions where code = ?)`,
    [districtCode],
  );
  return rows.map((r) => r.code);
}

/**
 * Whether a subject's credit record is at or above the review threshold. For the monitoring:
 * `await creditFlag(em, districtCode, { type: 'institution', id })` with the subject's own district
 * (the institution's, or the patient's district of insurance). It first brings the ledger up to
 * date with the city's alerts and reversals; a caller checking many subjects at once runs
 * `feedCredit(em, districts, CREDIT_RULES)` once and passes `{ feed: false }`.
 */
export async function creditFlag(
  em: EntityManager,
  districtCode: string,
  subject: { type: SubjectType; id: string },
  options: { asOf?: string; rules?: CreditRules; feed?: boolean } = {},
): Promise<CreditFlag> {
  const rules = options.rules ?? CREDIT_RULES;
  const asOf = options.asOf ?? chinaToday();
  if (options.feed !== false) await feedCredit(em, await cityDistricts(em, districtCode), rules);
  const record = await recordOf(em, districtCode, subject.type, subject.id, asOf, rules.windowDays);
  const points = record?.points ?? 0;
  const threshold = rules.reviewThreshold[subject.type];
  return {
    districtCode,
    subjectType: subject.type,
    subjectId: subject.id,
    points,
    threshold,
    flagged: points >= threshold,
    windowDays: rules.windowDays,
    asOf,
    rulesId: rules.id,
  };
}

/**
 * creditFlag for many subjects with one feed and one read: what the monitoring uses when it weighs a
 * run's candidates. Each subject names its own district (the institution's, the patient's).
 */
export async function creditFlags(
  em: EntityManager,
  subjects: readonly { districtCode: string; type: SubjectType; id: string }[],
  options: { asOf?: string; rules?: CreditRules; feed?: boolean } = {},
): Promise<CreditFlag[]> {
  const rules = options.rules ?? CREDIT_RULES;
  const asOf = options.asOf ?? chinaToday();
  if (options.feed !== false && subjects.length > 0) {
    const cities = await exec<{ code: string }>(
      em,
      `select code from regions where level = 'district' and city_code in (select city_code from regions where code = any(?))`,
      [[...new Set(subjects.map((s) => s.districtCode))]],
    );
    await feedCredit(
      em,
      cities.map((c) => c.code),
      rules,
    );
  }
  const points = await pointsOf(em, subjects, asOf, rules.windowDays);
  return subjects.map((s) => {
    const p = points.get(`${s.districtCode}|${s.type}|${s.id}`) ?? 0;
    const threshold = rules.reviewThreshold[s.type];
    return {
      districtCode: s.districtCode,
      subjectType: s.type,
      subjectId: s.id,
      points: p,
      threshold,
      flagged: p >= threshold,
      windowDays: rules.windowDays,
      asOf,
      rulesId: rules.id,
    };
  });
}

export interface CreditRecord extends CreditRecordRow {
  threshold: number;
  flagged: boolean;
  recentEvents: StoredCreditEvent[];
}

export interface ManualCreditEvent {
  subjectType: SubjectType;
  subjectId: string;
  points: number;
  occurredOn: string;
  note: string;
  /** the caller's key: recording the same key again for the subject records nothing new */
  key?: string | null;
}

export class CreditService {
  constructor(
    private readonly regions: RegionDirectory,
    private readonly statistics: StatisticsService,
    private readonly today: () => string,
    private readonly settings: SettingsReader,
  ) {}

  /** The city's credit rules on each date, read once per date: an event gets the points in force when it happened. */
  private rulesOf(s: CitySettings): (date: string) => CreditRules {
    const memo = new Map<string, CreditRules>();
    return (date) => {
      let r = memo.get(date);
      if (r === undefined) memo.set(date, (r = creditRules(s, date).rules));
      return r;
    };
  }

  private readable(scope: Scope): void {
    // Records name institutions and patients under suspicion: they are the bureau's.
    if (scope.institutionOnly !== null) throw forbidden('Credit records are kept by the bureau', '信用记录仅由医保部门管理');
  }

  async records(
    em: EntityManager,
    scope: Scope,
    regionCode: string,
    subjectType: SubjectType,
    first: number,
    after: string | null,
    asOfArg: string | null,
    eventsPerRecord = 20,
  ) {
    this.readable(scope);
    if (!Number.isInteger(first) || first < 1 || first > 200) throw badInput('first', 'must be 1–200', '须为1–200');
    const asOf = asOfArg ?? this.today();
    if (!isIsoDate(asOf)) throw badInput('asOf', 'must be a calendar date YYYY-MM-DD', '须为有效日期 YYYY-MM-DD');
    const { region, districts } = this.statistics.scopedRegion(scope, regionCode);
    if (region.level === 'street') throw badInput('regionCode', 'must be a city or a district', '须为市或区县');
    const citySettings = await this.settings.city(em, region.cityCode);
    const rulesOn = this.rulesOf(citySettings);
    const rules = rulesOn(asOf);
    // The configured values the record is computed with (window, thresholds, points), each with its source and date.
    const { used: settings } = creditRules(citySettings, asOf);
    // An institution's events come from every district whose patients it serves: feed the city's.
    await feedCredit(
      em,
      this.regions.districtsOf(region.cityCode).map((d) => d.code),
      rulesOn,
    );
    const page = await listRecords(em, districts, subjectType, asOf, rules.windowDays, first, after);
    const events = await eventsOf(em, page.nodes, subjectType, eventsPerRecord);
    const threshold = rules.reviewThreshold[subjectType];
    const nodes: CreditRecord[] = page.nodes.map((r) => ({
      ...r,
      threshold,
      flagged: r.points >= threshold,
      recentEvents: events.get(`${r.districtCode}|${r.subjectId}`) ?? [],
    }));
    const last = page.nodes.at(-1);
    return {
      region,
      asOf,
      rules,
      settings,
      nodes,
      totalCount: page.totalCount,
      hasNextPage: page.hasNextPage,
      endCursor: last === undefined ? null : encodeCursor(last),
    };
  }

  /** A bureau records an event by hand (an on-site inspection's finding, a report verified): the events API the alerts also feed. */
  async record(em: EntityManager, scope: Scope, input: ManualCreditEvent): Promise<StoredCreditEvent> {
    this.readable(scope);
    if (!Number.isInteger(input.points) || input.points < -100 || input.points > 100 || input.points === 0)
      throw badInput('input.points', 'must be a non-zero integer −100…100', '须为−100至100之间的非零整数');
    if (!isIsoDate(input.occurredOn) || input.occurredOn > this.today())
      throw badInput('input.occurredOn', 'must be a calendar date, not in the future', '须为有效日期且不晚于今天');
    const note = input.note.trim();
    if (note.length === 0 || note.length > 500) throw badInput('input.note', 'say what happened, 1–500 characters', '须说明事由（1–500个字符）');
    if (input.key != null && !/^[A-Za-z0-9._:-]{1,100}$/.test(input.key))
      throw badInput('input.key', 'must be 1–100 letters, digits or . _ : -', '须为1–100位字母、数字或 . _ : -');
    const district = await this.subjectDistrict(em, scope, input.subjectType, input.subjectId);
    scope.assertWrite(district, 'credit');
    const rulesId = creditRules(await this.settings.city(em, this.regions.get(district)!.cityCode), input.occurredOn).rules.id;
    return em.transactional(async (tem) => {
      const sourceKey = `manual:${input.key ?? randomUUID()}`;
      const [stored] = await insertEvents(tem, [
        {
          districtCode: district,
          subjectType: input.subjectType,
          subjectId: input.subjectId,
          kind: 'manual',
          points: input.points,
          occurredOn: input.occurredOn,
          sourceDistrictCode: district,
          sourceKey,
          rulesId,
          note,
          recordedBy: scope.viewer.userId,
        },
      ]);
      if (stored === undefined) {
        const [existing] = await exec<{ id: string }>(
          tem,
          `select id from credit_events where district_code = ? and subject_type = ? and subject_id = ? and source_key = ?`,
          [district, input.subjectType, input.subjectId, sourceKey],
        );
        throw badInput('input.key', `an event with this key is already recorded for the subject (event ${existing?.id ?? '?'})`, '该主体已记录此键的事件');
      }
      await audit(tem, scope.viewer, district, 'credit.record', 'credit_event', stored.id, {
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        points: input.points,
      });
      return stored;
    });
  }

  /** The subject's district, among those the caller may read: an institution's own, a patient's of insurance. */
  private async subjectDistrict(em: EntityManager, scope: Scope, type: SubjectType, id: string): Promise<string> {
    const readable = scope.readableDistricts();
    const rows =
      type === 'institution'
        ? await exec<{ district_code: string }>(em, `select district_code from institutions where id = ? and district_code = any(?)`, [id, readable])
        : await exec<{ district_code: string }>(em, `select district_code from patients where id = ? and district_code = any(?)`, [id, readable]);
    const d = rows[0]?.district_code;
    if (d === undefined) throw notFound(type, id);
    return d;
  }
}
