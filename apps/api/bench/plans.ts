/**
 * Prints how PostgreSQL runs each list query of the API on a database (EXPLAIN ANALYZE of the SQL
 * the API sends): the scans used and the time, and any sequential scan of a large table.
 *   tsx bench/plans.ts --database-url postgres://…/liangbing
 */
import { argOf, cliDatabase } from '../src/demo/cli-database';
import { openOrm } from '../src/db/orm';
import { mainListQueries } from '../src/modules/statistics/list-queries';
import { explainAll, planNodes, type PlanNode } from '../src/modules/statistics/explain';

const argv = process.argv.slice(2);
const db = await cliDatabase(argv);
const orm = await openOrm(db.url, 4);
const district = argOf(argv, 'district');
try {
  const queries = await mainListQueries(orm.em.fork(), district ?? null);
  for (const q of queries) {
    const plans = await explainAll(orm.em.fork(), q.run, 'analyze, format json');
    for (const p of plans) {
      const scans = [...planNodes(p.plan)]
        .filter((n) => /Scan/.test(n['Node Type']))
        .map((n: PlanNode) => `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : n['Relation Name'] ? ` ${n['Relation Name']}` : ''}`);
      const ms = Number(p.plan['Actual Total Time'] ?? 0);
      console.log(`${q.name.padEnd(40)} ${ms.toFixed(1).padStart(8)} ms  ${[...new Set(scans)].join(', ')}`);
    }
  }
} finally {
  await orm.close();
  await db.stop();
}
