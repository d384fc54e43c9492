/** SQL for payment standard versions (W 四(一)): a reference table, one row per city and effective date. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PaymentStandardRow } from '@liangbing/policy';
import { exec } from '../../db/sql';

export interface StoredStandardVersion {
  id: string;
  cityCode: string;
  ruleSetId: string;
  title: string;
  effectiveFrom: string;
  sourceDocument: string;
  sourceSection: string;
  rows: PaymentStandardRow[];
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
  rows: PaymentStandardRow[];
  content_hash: string;
  loaded_by: string;
  loaded_at: Date;
}

const COLUMNS = `id, city_code, rule_set_id, title, to_char(effective_from, 'YYYY-MM-DD') as effective_from, source_document, source_section, rows, content_hash, loaded_by, loaded_at`;

const toVersion = (r: Row): StoredStandardVersion => ({
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

/** Every city's versions, oldest first: what the policy overrides are built from. */
export async function allStandardVersions(em: EntityManager): Promise<StoredStandardVersion[]> {
  return (await exec<Row>(em, `select ${COLUMNS} from payment_standard_versions order by effective_from, id`)).map(toVersion);
}

export async function standardVersionsOfCity(em: EntityManager, cityCode: string): Promise<StoredStandardVersion[]> {
  return (await exec<Row>(em, `select ${COLUMNS} from payment_standard_versions where city_code = ? order by effective_from`, [cityCode])).map(toVersion);
}

export async function standardVersionOn(em: EntityManager, cityCode: string, effectiveFrom: string): Promise<StoredStandardVersion | null> {
  const rows = await exec<Row>(em, `select ${COLUMNS} from payment_standard_versions where city_code = ? and effective_from = ?::date`, [
    cityCode,
    effectiveFrom,
  ]);
  return rows[0] ? toVersion(rows[0]) : null;
}

export async function insertStandardVersion(em: EntityManager, v: Omit<StoredStandardVersion, 'loadedAt'>): Promise<StoredStandardVersion> {
  const rows = await exec<Row>(
    em,
    `with w as (insert into payment_standard_versions (id, city_code, rule_set_id, title, effective_from, source_document, source_section, rows, content_hash, loaded_by)
     values (?, ?, ?, ?, ?::date, ?, ?, ?::jsonb, ?, ?) returning *)
     select ${COLUMNS} from w`,
    [v.id, v.cityCode, v.ruleSetId, v.title, v.effectiveFrom, v.sourceDocument, v.sourceSection, JSON.stringify(v.rows), v.contentHash, v.loadedBy],
  );
  return toVersion(rows[0]!);
}

/** Serialises loads per city (a transaction-scoped advisory lock keyed by the city). */
export async function lockStandardsOfCity(em: EntityManager, cityCode: string): Promise<void> {
  await exec(em, `select pg_advisory_xact_lock(hashtext('payment_standard_versions:' || ?))`, [cityCode]);
}
