/**
 * The rollups on demand:
 *   stats:check   [--year 2025] [--quarter 0-4] [--disease ALL] [--district 320213] [--database-url …]
 *                 every counter from the rollups against the raw tables; exits 1 on a difference in an open period
 *   stats:rebuild --year 2025 [--district 320213]   builds a year again from the raw tables (refused for closed quarters)
 *   stats:close   --district 320213 --year 2025 --quarter 1   closes a quarter: its figures become immutable
 */
import { argOf, cliDatabase } from '../../demo/cli-database';
import { migrate, openOrm } from '../../db/orm';
import { exec } from '../../db/sql';
import type { DiseaseFilter } from './counts';
import { checkRollups } from './rollup.check';
import { closePeriod, materialise } from './rollup.build';

const argv = process.argv.slice(2);
const command = argv[0];
const num = (name: string) => (argOf(argv, name) === undefined ? undefined : Number(argOf(argv, name)));
const db = await cliDatabase(argv);
const orm = await openOrm(db.url, 4);
let code = 0;
try {
  await migrate(orm);
  const em = orm.em.fork();
  const year = num('year');
  const district = argOf(argv, 'district');
  if (command === 'check') {
    const quarter = num('quarter');
    const disease = argOf(argv, 'disease') as DiseaseFilter | undefined;
    const r = await checkRollups(em, {
      ...(district ? { districts: [district] } : {}),
      ...(year ? { years: [year] } : {}),
      ...(quarter !== undefined ? { quarters: [quarter] } : {}),
      ...(disease ? { diseases: [disease] } : {}),
      log: (m) => console.error(m),
    });
    const open = r.mismatches.filter((m) => !m.closed);
    for (const m of r.mismatches.slice(0, 50))
      console.log(
        m.kind === 'stored_records'
          ? `DIFF    stored records of patient ${m.districtCode}/${m.patientId} differ from the raw tables`
          : `${m.closed ? 'closed ' : 'DIFF   '} ${m.year} q${m.quarter} ${m.disease} ${m.groupBy}=${m.key} ${m.field}: rollup ${m.rollup} raw ${m.raw}`,
      );
    console.log(
      `stats:check: ${r.comparisons} comparisons, ${r.values} values; ${open.length} differences in open periods, ${r.mismatches.length - open.length} in closed ones; ` +
        `rollups ${(r.rollupMs / r.comparisons).toFixed(1)} ms, raw tables ${(r.rawMs / r.comparisons).toFixed(1)} ms per comparison`,
    );
    if (r.comparisons === 0) console.log('stats:check: nothing materialised yet (load the demo, read a year, or run stats:rebuild)');
    code = open.length === 0 ? 0 : 1;
  } else if (command === 'rebuild') {
    if (year === undefined) throw new Error('--year is required');
    const districts = district
      ? [district]
      : (await exec<{ code: string }>(em, `select code from regions where level = 'district' order by code`)).map((r) => r.code);
    for (const d of districts) {
      const t = performance.now();
      await materialise(em, d, year, true);
      console.error(`stats:rebuild: ${d} ${year} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  } else if (command === 'close') {
    const quarter = num('quarter');
    if (district === undefined || year === undefined || quarter === undefined) throw new Error('--district, --year and --quarter are required');
    await closePeriod(em, district, year, quarter, process.env.USER ?? 'stats-cli');
    console.log(`stats:close: ${district} ${year} Q${quarter} closed`);
  } else {
    console.error('usage: stats-cli check|rebuild|close [options]');
    code = 2;
  }
} finally {
  await orm.close();
  await db.stop();
}
process.exit(code);
