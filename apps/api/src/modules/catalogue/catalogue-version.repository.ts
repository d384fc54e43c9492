/** SQL for loaded catalogue versions (a reference table, one row per city and effective date). */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CatalogueRow } from '@liangbing/policy';
import { exec } from '../../db/sql';

export interface StoredVersion {
  id: string;
  cityCode: string;
  ruleSetId: string;
  title: string;
  effectiveFrom: string;
  sourceDocument: string;
  sourceSection: string;
  rows: CatalogueRow[];
  contentHash: string;
  loadedBy: string;
  loadedAt: Date;
}

interface Row {
  id: string;
  city_code: string;
  rule_set_id: string;
  title: string;
  effective_from: string;
  source_document: string;
  source_section: string;
  rows: CatalogueRow[];
  content_hash: string;
  loaded_by: string;
  loaded_at: Date;
}

const COLUMNS = `id, city_code, rule_set_id, title, to_char(effective_from, 'YYYY-MM-DD') as effective_from, source_document, source_section, rows, content_hash, loaded_by, loaded_at`;

const toVersion = (r: Row): StoredVersion => ({
  id: r.id,
  cityCode: r.city_code,
  ruleSetId: r.rule_set_id,
  title: r.title,
  effectiveFrom: r.effective_from,
  sourceDocument: r.source_document,
  sourceSection: r.source_section,
  rows: r.rows,
  contentHash: r.content_hash,
  loadedBy: r.loaded_by,
  loadedAt: r.loaded_at,
});

export async function versionsOfCity(em: EntityManager, cityCode: string): Promise<StoredVersion[]> {
  const rows = await exec<Row>(em, `select ${COLUMNS} from catalogue_versions where city_code = ? order by effective_from`, [cityCode]);
  return rows.map(toVersion);
}

export async function versionOn(em: EntityManager, cityCode: string, effectiveFrom: string): Promise<StoredVersion | null> {
  const rows = await exec<Row>(em, `select ${COLUMNS} from catalogue_versions where city_code = ? and effective_from = ?::date`, [cityCode, effectiveFrom]);
  return rows[0] ? toVersion(rows[0]) : null;
}

/** Claims of the city already decided on or after a date: a version from that date would contradict them. */
export async function claimsOnOrAfter(em: EntityManager, districts: readonly string[], date: string): Promise<number> {
  const [row] = await exec<{ n: string }>(em, `select count(*) as n from claims where district_code = any(?) and service_date >= ?::date`, [districts, date]);
  return Number(row?.n ?? 0);
}

export async function insertVersion(em: EntityManager, v: Omit<StoredVersion, 'loadedAt'>): Promise<StoredVersion> {
  const rows = await exec<Row>(
    em,
    `with w as (insert into catalogue_versions (id, city_code, rule_set_id, title, effective_from, source_document, source_section, rows, content_hash, loaded_by)
     values (?, ?, ?, ?, ?::date, ?, ?, ?::jsonb, ?, ?) returning *)
     select ${COLUMNS} from w`,
    [v.id, v.cityCode, v.ruleSetId, v.title, v.effectiveFrom, v.sourceDocument, v.sourceSection, JSON.stringify(v.rows), v.contentHash, v.loadedBy],
  );
  return toVersion(rows[0]!);
}

/** Serialises loads per city (a transaction-scoped advisory lock keyed by the city). */
export async function lockCity(em: EntityManager, cityCode: string): Promise<void> {
  await exec(em, `select pg_advisory_xact_lock(hashtext('catalogue_versions:' || ?))`, [cityCode]);
}
