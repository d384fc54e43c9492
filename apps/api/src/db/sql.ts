/**
 * Parameterised SQL through the EntityManager's Kysely instance, so that a statement runs in the
 * EntityManager's transaction when there is one. Placeholders are `?`; values travel as bind
 * parameters ($1, $2 …), arrays as PostgreSQL arrays — never interpolated into the text.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';

export async function exec<T = Record<string, unknown>>(em: EntityManager, text: string, params: readonly unknown[] = []): Promise<T[]> {
  const parts = text.split('?');
  if (parts.length !== params.length + 1) throw new Error(`SQL has ${parts.length - 1} placeholders but ${params.length} parameters`);
  const strings = Object.assign([...parts], { raw: [...parts] }) as unknown as TemplateStringsArray;
  const result = await sql<T>(strings, ...params).execute(em.getKysely());
  return result.rows as T[];
}
