/** SQL of the configuration values: a city's rows, a new dated row, the seeds. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';
import type { SettingSource, SourceKind } from './settings.types';

export interface StoredSetting {
  id: string;
  cityCode: string;
  districtCode: string | null;
  key: string;
  validFrom: string;
  value: unknown;
  source: SettingSource;
  setBy: string;
  setAt: string;
}

interface Row {
  id: string;
  city_code: string;
  district_code: string | null;
  key: string;
  valid_from: string;
  value: unknown;
  source_kind: SourceKind;
  source_document: string | null;
  source_section: string | null;
  source_note: string | null;
  set_by: string;
  set_at: Date | string;
}

const COLUMNS = `id::text, city_code, district_code, key, to_char(valid_from, 'YYYY-MM-DD') as valid_from, value, source_kind, source_document, source_section, source_note, set_by, set_at`;

const toStored = (r: Row): StoredSetting => ({
  id: r.id,
  cityCode: r.city_code,
  districtCode: r.district_code,
  key: r.key,
  validFrom: r.valid_from,
  value: r.value,
  source: { kind: r.source_kind, document: r.source_document, section: r.source_section, note: r.source_note },
  setBy: r.set_by,
  setAt: new Date(r.set_at).toISOString(),
});

/** Every row of a city, in the order resolution reads them: by key, district, date, then entry. */
export async function rowsOfCity(em: EntityManager, cityCode: string): Promise<StoredSetting[]> {
  const rows = await exec<Row>(em, `select ${COLUMNS} from configuration_values where city_code = ? order by key, district_code nulls first, valid_from, id`, [
    cityCode,
  ]);
  return rows.map(toStored);
}

export async function insertSetting(em: EntityManager, s: Omit<StoredSetting, 'id' | 'setAt'>): Promise<StoredSetting> {
  const [row] = await exec<Row>(
    em,
    `insert into configuration_values (city_code, district_code, key, valid_from, value, source_kind, source_document, source_section, source_note, set_by)
     values (?, ?, ?, ?::date, ?::jsonb, ?, ?, ?, ?, ?) returning id::text`,
    [s.cityCode, s.districtCode, s.key, s.validFrom, JSON.stringify(s.value), s.source.kind, s.source.document, s.source.section, s.source.note, s.setBy],
  );
  // read back apart: on Citus (a reference table) RETURNING may not hold to_char (not IMMUTABLE)
  const [stored] = await exec<Row>(em, `select ${COLUMNS} from configuration_values where id = ?::bigint`, [row!.id]);
  return toStored(stored!);
}

/** Writes each seed once per city and key: a second start, or two at once, adds nothing. Returns the rows added. */
export async function insertSeeds(em: EntityManager, seeds: readonly Omit<StoredSetting, 'id' | 'setAt'>[]): Promise<number> {
  if (seeds.length === 0) return 0;
  const rows = await exec<{ id: string }>(
    em,
    `insert into configuration_values (city_code, district_code, key, valid_from, value, source_kind, source_document, source_section, source_note, set_by)
     select s.city_code, null, s.key, s.valid_from::date, s.value::jsonb, 'seed', s.document, s.section, s.note, s.set_by
       from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as s(city_code, key, valid_from, value, document, section, note, set_by)
     on conflict (city_code, coalesce(district_code, ''), key) where source_kind = 'seed' do nothing
     returning id::text`,
    [
      seeds.map((s) => s.cityCode),
      seeds.map((s) => s.key),
      seeds.map((s) => s.validFrom),
      seeds.map((s) => JSON.stringify(s.value)),
      seeds.map((s) => s.source.document),
      seeds.map((s) => s.source.section),
      seeds.map((s) => s.source.note),
      seeds.map((s) => s.setBy),
    ],
  );
  return rows.length;
}
