/**
 * Configuration as data (issue 16): seeding each city with the code's defaults, the city
 * leadership's dated changes (validated against the registry, audited, one transaction), and the
 * configuration in force on a date with each key's history.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { isIsoDate } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { badInput, InputProblems, notFound } from '../../errors';
import { audit } from '../audit/audit';
import type { RegionDirectory } from '../regions/region.directory';
import { periodOf, type StatisticsService } from '../statistics/statistics.service';
import type { ResolvedSetting, SettingsReader } from './settings.reader';
import { appliesTo, HEADLINE_TARGETS, SEED_VALID_FROM, SETTINGS, SETTINGS_BY_KEY, type HeadlineTarget } from './settings.registry';
import { insertSeeds, insertSetting, type StoredSetting } from './settings.repository';
import { describeType, validateValue, type SeedBasis, type SettingDefinition } from './settings.types';

export const SEED_USER = 'seed';

export interface SetConfigurationInput {
  key: string;
  cityCode: string;
  districtCode?: string | null;
  validFrom: string;
  value: unknown;
  source: { kind: 'document' | 'bureau'; document?: string | null; section?: string | null; note?: string | null };
}

export interface ConfigurationEntry {
  definition: SettingDefinition;
  type: string;
  seedBasis: SeedBasis;
  /** the value in force on the date; null when the key is not configured (a placeholder in production) */
  inForce: ResolvedSetting | null;
  /** the city's rows and those of the districts the caller may read, oldest first */
  history: readonly StoredSetting[];
}

export interface HeadlineTargetValue {
  indicator: HeadlineTarget;
  key: string;
  setting: ResolvedSetting | null;
}

const text = (v: string | null | undefined) => (v == null ? null : v.trim() === '' ? null : v.trim());

export class SettingsService {
  constructor(
    private readonly regions: RegionDirectory,
    private readonly statistics: StatisticsService,
    readonly reader: SettingsReader,
  ) {}

  /**
   * Writes the seeds of every city the directory knows, once (idempotent): the code's constants
   * become a new deployment's first values. In production a placeholder is not written: the key
   * stays unset until the bureau sets it.
   */
  async seed(em: EntityManager): Promise<number> {
    const seeds = this.regions.cities().flatMap((city) =>
      SETTINGS.filter((d) => appliesTo(d, city.code) && !(this.reader.production && d.seed.basis === 'placeholder')).map((d) => ({
        cityCode: city.code,
        districtCode: null,
        key: d.key,
        validFrom: SEED_VALID_FROM,
        value: d.seed.value,
        source: { kind: 'seed' as const, document: d.seed.document, section: d.seed.section, note: d.seed.note },
        setBy: SEED_USER,
      })),
    );
    const added = await insertSeeds(em, seeds);
    for (const c of this.regions.cities()) this.reader.invalidate(c.code);
    return added;
  }

  private city(cityCode: string) {
    const city = this.regions.get(cityCode);
    if (city === undefined || city.level !== 'city') throw notFound('city', cityCode);
    return city;
  }

  async set(em: EntityManager, scope: Scope, input: SetConfigurationInput): Promise<StoredSetting> {
    const city = this.city(input.cityCode);
    scope.assertCityWrite(city.code, 'configuration');
    const p = new InputProblems();
    const d = SETTINGS_BY_KEY.get(input.key);
    if (d === undefined) p.add('key', 'unknown configuration key (see the configuration query for the keys)', '未知的配置项');
    else if (!appliesTo(d, city.code)) p.add('key', `does not apply to ${city.code}: ${d.descriptionEn}`, '该配置项不适用于本市');
    const districtCode = text(input.districtCode);
    if (districtCode !== null) {
      const district = this.regions.get(districtCode);
      if (district === undefined || district.level !== 'district' || district.cityCode !== city.code)
        p.add('districtCode', 'must be a district of the city', '须为本市的区县');
      else if (d !== undefined && !d.perDistrict) p.add('districtCode', 'this key has one value for the whole city', '该配置项全市统一，不能按区县设置');
    }
    if (!isIsoDate(input.validFrom)) p.add('validFrom', 'must be a calendar date YYYY-MM-DD', '须为有效日期 YYYY-MM-DD');
    else if (input.validFrom < SEED_VALID_FROM || input.validFrom > '2100-12-31')
      p.add('validFrom', `must be between ${SEED_VALID_FROM} and 2100-12-31`, `须在${SEED_VALID_FROM}至2100-12-31之间`);
    if (d !== undefined) validateValue(p, 'value', d.type, input.value);
    const source = { kind: input.source.kind, document: text(input.source.document), section: text(input.source.section), note: text(input.source.note) };
    if (source.kind === 'document') {
      if (source.document === null || source.document.length > 200)
        p.add('source.document', 'name the document the value comes from, 1–200 characters', '须注明依据文件（1–200个字符）');
      if (source.section === null || source.section.length > 100)
        p.add('source.section', 'name the section of the document, 1–100 characters', '须注明文件条款（1–100个字符）');
      if (source.note !== null && source.note.length > 1000) p.add('source.note', 'at most 1000 characters', '最多1000个字符');
    } else if (source.note === null || source.note.length > 1000) {
      p.add('source.note', 'say what the bureau decided and when, 1–1000 characters', '须说明医保部门的决定（1–1000个字符）');
    } else if ((source.document?.length ?? 0) > 200 || (source.section?.length ?? 0) > 100) {
      p.add('source.document', 'document at most 200 and section at most 100 characters', '文件最多200个字符，条款最多100个字符');
    }
    p.throwIfAny();

    const before = (await this.reader.city(em, city.code)).get(input.key, input.validFrom, districtCode);
    const stored = await em.transactional(async (tem) => {
      const row = await insertSetting(tem, {
        cityCode: city.code,
        districtCode,
        key: input.key,
        validFrom: input.validFrom,
        value: input.value,
        source,
        setBy: scope.viewer.userId,
      });
      await audit(tem, scope.viewer, districtCode ?? city.code, 'configuration.set', 'configuration_value', row.id, {
        key: row.key,
        cityCode: city.code,
        districtCode,
        validFrom: row.validFrom,
        value: row.value,
        source,
        before: before === null ? null : { value: before.value, validFrom: before.validFrom, sourceKind: before.source.kind },
      });
      return row;
    });
    this.reader.invalidate(city.code);
    return stored;
  }

  async configuration(em: EntityManager, scope: Scope, cityCode: string, date: string, districtArg: string | null): Promise<ConfigurationEntry[]> {
    const city = this.city(cityCode);
    scope.assertConfigurationRead(city.code);
    if (!isIsoDate(date)) throw badInput('date', 'must be a calendar date YYYY-MM-DD', '须为有效日期 YYYY-MM-DD');
    const districtCode = text(districtArg);
    if (districtCode !== null) {
      const district = this.regions.get(districtCode);
      if (district === undefined || district.level !== 'district' || district.cityCode !== city.code)
        throw badInput('districtCode', 'must be a district of the city', '须为本市的区县');
      scope.assertRead(districtCode);
    }
    const readable = new Set(scope.readableDistricts());
    const s = await this.reader.city(em, city.code);
    return SETTINGS.filter((d) => appliesTo(d, city.code)).map((d) => ({
      definition: d,
      type: describeType(d.type),
      seedBasis: d.seed.basis,
      inForce: s.get(d.key, date, districtCode),
      history: s.history(d.key).filter((r) => r.districtCode === null || readable.has(r.districtCode)),
    }));
  }

  /** The dashboard's targets for the three headline rates (G-11) in force at the period's end, for the region's district when it has its own. */
  async headlineTargets(em: EntityManager, scope: Scope, regionCode: string, year: number, quarter: number | null): Promise<HeadlineTargetValue[]> {
    const period = periodOf(year, quarter);
    const { region } = this.statistics.scopedRegion(scope, regionCode);
    const s = await this.reader.city(em, region.cityCode);
    return HEADLINE_TARGETS.map((indicator) => {
      const key = `dashboard.target.${indicator}`;
      return { indicator, key, setting: s.get(key, period.to, region.districtCode) };
    });
  }
}
