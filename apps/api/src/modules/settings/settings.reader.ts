/**
 * The value in force of a configuration key for a city (and district) on a date. A city's rows are
 * read once and kept (a few hundred rows); a write through SettingsService drops the city's copy
 * after its commit, and a copy older than `ttlMs` is read again, so that a value set through another
 * API process is seen within that time.
 *
 * Resolution: a district's own rows first, where the key allows a district value; then the city's.
 * Among them the row of the greatest valid_from on or before the date, the latest entry winning a
 * tie. In production a placeholder seed (a demo figure, settings.types.ts SeedBasis) is never used:
 * the key is not configured until the bureau sets it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../errors';
import { appliesTo, SEED_VALID_FROM, SETTINGS_BY_KEY } from './settings.registry';
import { rowsOfCity, type StoredSetting } from './settings.repository';
import type { SettingDefinition, SettingSource } from './settings.types';

export interface ResolvedSetting {
  key: string;
  value: unknown;
  unit: string;
  validFrom: string;
  /** the district whose own value this is; null for the city's */
  districtCode: string | null;
  source: SettingSource;
  /** null when the value is the registry's seed, not yet written for the city */
  setBy: string | null;
  setAt: string | null;
}

export function definitionOf(key: string): SettingDefinition {
  const d = SETTINGS_BY_KEY.get(key);
  if (d === undefined) throw new Error(`configuration key ${key} is not in the registry`);
  return d;
}

export const notConfigured = (key: string, cityCode: string, districtCode: string | null, date: string) =>
  new AppError(
    'NOT_CONFIGURED',
    `not configured: ${key} has no value for ${districtCode ?? cityCode} on ${date}; set ${key} via setConfigurationValue`,
    `未配置：${key} 在 ${date} 没有适用于 ${districtCode ?? cityCode} 的值，请通过 setConfigurationValue 设置`,
    { detail: { key, cityCode, districtCode, date } },
  );

const fromRow = (d: SettingDefinition, r: StoredSetting): ResolvedSetting => ({
  key: r.key,
  value: r.value,
  unit: d.unit,
  validFrom: r.validFrom,
  districtCode: r.districtCode,
  source: r.source,
  setBy: r.setBy,
  setAt: r.setAt,
});

/** One city's configuration, as read at one moment: every lookup is synchronous. */
export class CitySettings {
  private readonly byKey = new Map<string, StoredSetting[]>();

  constructor(
    readonly cityCode: string,
    rows: readonly StoredSetting[],
    readonly production: boolean,
  ) {
    for (const r of rows) this.byKey.set(r.key, [...(this.byKey.get(r.key) ?? []), r]);
  }

  /** Whether the value may be used in this mode: never a placeholder seed in production. */
  private usable(d: SettingDefinition, r: StoredSetting): boolean {
    return !(this.production && d.seed.basis === 'placeholder' && r.source.kind === 'seed');
  }

  get(key: string, date: string, districtCode: string | null = null): ResolvedSetting | null {
    const d = definitionOf(key);
    if (!appliesTo(d, this.cityCode)) return null;
    const rows = this.byKey.get(key) ?? [];
    const latest = (district: string | null) => rows.filter((r) => r.districtCode === district && r.validFrom <= date && this.usable(d, r)).at(-1);
    const own = d.perDistrict && districtCode !== null ? latest(districtCode) : undefined;
    const row = own ?? latest(null);
    if (row !== undefined) return fromRow(d, row);
    // A city the seeding has not reached yet (added after start-up) has the registry's seed.
    if (date < SEED_VALID_FROM || (this.production && d.seed.basis === 'placeholder')) return null;
    const s = d.seed;
    return {
      key,
      value: s.value,
      unit: d.unit,
      validFrom: SEED_VALID_FROM,
      districtCode: null,
      source: { kind: 'seed', document: s.document, section: s.section, note: s.note },
      setBy: null,
      setAt: null,
    };
  }

  require(key: string, date: string, districtCode: string | null = null): ResolvedSetting {
    const r = this.get(key, date, districtCode);
    if (r === null) throw notConfigured(key, this.cityCode, districtCode, date);
    return r;
  }

  /** Every row of the key, the city's and the districts', oldest first: nothing is ever overwritten. */
  history(key: string): readonly StoredSetting[] {
    return this.byKey.get(key) ?? [];
  }
}

export class SettingsReader {
  private readonly cache = new Map<string, { at: number; settings: Promise<CitySettings> }>();

  constructor(
    readonly production: boolean,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  city(em: EntityManager, cityCode: string): Promise<CitySettings> {
    const hit = this.cache.get(cityCode);
    if (hit !== undefined && this.now() - hit.at < this.ttlMs) return hit.settings;
    const settings = rowsOfCity(em, cityCode).then((rows) => new CitySettings(cityCode, rows, this.production));
    this.cache.set(cityCode, { at: this.now(), settings });
    // A failed read is not kept: the next caller reads again.
    settings.catch(() => {
      if (this.cache.get(cityCode)?.settings === settings) this.cache.delete(cityCode);
    });
    return settings;
  }

  /** After a write has committed: the next lookup reads the city again. */
  invalidate(cityCode: string): void {
    this.cache.delete(cityCode);
  }
}
