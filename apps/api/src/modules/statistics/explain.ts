/**
 * Runs a repository function with every statement it sends replaced by EXPLAIN (FORMAT JSON) of
 * that statement, and collects the plans: the plan test and the benchmark look at the SQL the API
 * really sends, not a copy of it. The function sees no rows back, so only read paths make sense.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
  [k: string]: unknown;
}

export interface ExplainedStatement {
  sql: string;
  plan: PlanNode;
}

interface Executor {
  executeQuery(q: { sql: string; parameters: readonly unknown[] }): Promise<{ rows: unknown[] }>;
}

export async function explainAll(em: EntityManager, run: (em: EntityManager) => Promise<unknown>, options = 'format json'): Promise<ExplainedStatement[]> {
  const out: ExplainedStatement[] = [];
  const kysely = em.getKysely();
  const executor = kysely.getExecutor() as unknown as Executor;
  const explaining = new Proxy(executor, {
    get(target, prop) {
      if (prop !== 'executeQuery') return bound(target, prop);
      return async (q: { sql: string; parameters: readonly unknown[] }) => {
        const r = await target.executeQuery({ ...q, sql: `explain (${options}) ${q.sql}` });
        const plan = (r.rows[0] as { 'QUERY PLAN': [{ Plan: PlanNode }] })['QUERY PLAN'][0].Plan;
        out.push({ sql: q.sql, plan });
        return { rows: [] };
      };
    },
  });
  const fakeKysely = new Proxy(kysely, { get: (target, prop) => (prop === 'getExecutor' ? () => explaining : bound(target, prop)) });
  const fakeEm = new Proxy(em, { get: (target, prop) => (prop === 'getKysely' ? () => fakeKysely : bound(target, prop)) });
  await run(fakeEm);
  return out;
}

/** A property of the real object, methods bound to it (they use private fields a proxy does not have). */
function bound(target: object, prop: string | symbol): unknown {
  const v = Reflect.get(target, prop) as unknown;
  return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
}

/** Every node of a plan, depth first. */
export function* planNodes(n: PlanNode): Generator<PlanNode> {
  yield n;
  for (const c of n.Plans ?? []) yield* planNodes(c);
}

/** The tables a plan reads whole ("Seq Scan"). */
export function seqScans(plan: PlanNode): string[] {
  return [...planNodes(plan)].filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'] ?? '?');
}
