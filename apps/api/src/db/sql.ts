/**
 * Parameterised SQL through the EntityManager's Kysely instance, so that a statement runs in the
 * EntityManager's transaction when there is one. Placeholders are `?`; values travel as bind
 * parameters ($1, $2 …), arrays as PostgreSQL arrays — never interpolated into the text.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { HAS_CITUS } from './citus';

/** The text around each `?` placeholder, checked against the parameters' count. */
export function placeholderParts(text: string, params: readonly unknown[]): string[] {
  const parts = text.split('?');
  if (parts.length !== params.length + 1) throw new Error(`SQL has ${parts.length - 1} placeholders but ${params.length} parameters`);
  return parts;
}

export async function exec<T = Record<string, unknown>>(em: EntityManager, text: string, params: readonly unknown[] = []): Promise<T[]> {
  const parts = placeholderParts(text, params);
  const strings = Object.assign([...parts], { raw: [...parts] }) as unknown as TemplateStringsArray;
  const result = await sql<T>(strings, ...params).execute(em.getKysely());
  return result.rows as T[];
}

/** exec bound to an EntityManager: the statement function code that does not hold one takes (whatif.source.ts Query). */
export function execOn(em: EntityManager): <T>(text: string, params?: readonly unknown[]) => Promise<T[]> {
  return <T>(text: string, params: readonly unknown[] = []) => exec<T>(em, text, params);
}

const citus = new WeakMap<object, Promise<boolean>>();

/**
 * Whether the database behind an EntityManager has the Citus extension: asked once per ORM (its
 * driver, shared by every fork) and remembered. For the few reads whose best plan differs between
 * one PostgreSQL and a cluster (a lateral join from a list of districts, which Citus cannot push down).
 */
export function onCitus(em: EntityManager): Promise<boolean> {
  const key = em.getDriver();
  let known = citus.get(key);
  if (known === undefined) {
    known = exec<{ citus: boolean }>(em, HAS_CITUS).then((r) => r[0]?.citus === true);
    known.catch(() => citus.delete(key));
    citus.set(key, known);
  }
  return known;
}
