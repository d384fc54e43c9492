/**
 * Fills a database with the demo programme at any scale:
 *   pnpm --filter @liangbing/api demo:load --scale 250 [--seed 20261123] [--database-url postgres://…] [--trace] [--in-thread]
 * Scale 1 ≈ 4 000 patients and 45 000 claims; scale 250 ≈ 1 M patients, 11 M claims, 6 M follow-ups.
 * The database is migrated first and must be empty (no regions); a progress bar goes to stderr.
 */
import { migrate, openOrm } from '../db/orm';
import { loadPolicyOverrides } from '../policy-config';
import { argOf, cliDatabase } from './cli-database';
import { isEmpty, loadDemo } from './load';

const argv = process.argv.slice(2);
const scale = Number(argOf(argv, 'scale') ?? 1);
const seed = argOf(argv, 'seed');
if (!(scale > 0)) throw new Error('--scale must be a positive number');
const db = await cliDatabase(argv);
const orm = await openOrm(db.url, 2);
let code = 0;
try {
  await migrate(orm);
  if (!(await isEmpty(orm.em.fork()))) {
    console.error('demo:load: the database is not empty (it has regions); load into a new database');
    code = 1;
  } else {
    const r = await loadDemo(
      orm.em.fork(),
      loadPolicyOverrides(),
      {
        scale,
        url: db.url,
        progress: true,
        ...(seed !== undefined ? { seed: Number(seed) } : {}),
        ...(argv.includes('--trace') ? { trace: true } : argv.includes('--no-trace') ? { trace: false } : {}),
        ...(argv.includes('--in-thread') ? { worker: false } : {}),
      },
      (m) => console.error(m),
    );
    console.log(JSON.stringify({ scale, ...r, patientsPerSecond: Math.round(r.patients / r.seconds), claimsPerSecond: Math.round(r.claims / r.seconds) }));
  }
} finally {
  await orm.close();
  await db.stop();
}
process.exit(code);
