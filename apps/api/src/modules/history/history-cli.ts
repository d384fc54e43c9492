/**
 * Loads a bureau's history file (docs/history-import.md):
 *   pnpm --filter @liangbing/api history:import <file.ndjson> --city 320200 [--district 320213] [--user name] [--database-url …] [--chunk 10000]
 * runs as the history_importer of the city (or district), prints progress on stderr and the
 * summary as JSON on stdout; run it again after a failure and it continues after the last
 * committed row. Exit code 1 when the import failed.
 */
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { argOf, cliDatabase } from '../../demo/cli-database';
import { migrate, openOrm } from '../../db/orm';
import { loadPolicyOverrides } from '../../policy-config';
import { PolicyOverrides } from '../catalogue/policy-overrides';
import { runHistoryImport } from './history.import';

const argv = process.argv.slice(2);
const file = argv.find((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1]!.startsWith('--')));
if (file === undefined) {
  console.error('usage: history:import <file.ndjson> --city 320200 [--district 320213] [--user name] [--database-url …] [--chunk 10000]');
  process.exit(2);
}
const city = argOf(argv, 'city') ?? '320200';
const district = argOf(argv, 'district') ?? null;
const db = await cliDatabase(argv);
const orm = await openOrm(db.url, 4);
let code = 0;
try {
  await migrate(orm);
  const em = orm.em.fork();
  const overrides = await new PolicyOverrides(loadPolicyOverrides(undefined, process.env.NODE_ENV === 'production' ? 'production' : 'demo')).current(em);
  // The iterator is taken at once: readline reads from the moment it is created, and lines it
  // emits before a `for await` attaches would be lost (and a short file's end never seen).
  const iterator = readline.createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const lines: AsyncIterable<string> = { [Symbol.asyncIterator]: () => iterator };
  const t0 = performance.now();
  const summary = await runHistoryImport(em, lines, {
    viewer: { userId: argOf(argv, 'user') ?? 'history-cli', role: 'history_importer', cityCode: city, districtCode: district, institutionId: null },
    source: `${path.basename(file)}:${statSync(file).size}`,
    today: argOf(argv, 'today') ?? new Date().toISOString().slice(0, 10),
    overrides,
    ...(argOf(argv, 'chunk') ? { chunkRows: Number(argOf(argv, 'chunk')) } : {}),
    progress: (s) => {
      const secs = (performance.now() - t0) / 1000;
      console.error(
        `[history] row ${s.lastCommittedRow.toLocaleString('en')}: ${s.rowsAccepted} accepted, ${s.rowsAlreadyStored} already stored, ${s.rowsRejected} rejected; ${s.claimsStored} claims (${Math.round((s.claimsStored - 0) / secs)} /s), ${s.disagreements} disagreements; RSS ${Math.round(process.memoryUsage().rss / 1048576)} MB (peak ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)`,
      );
    },
  });
  console.log(JSON.stringify({ ...summary, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
} catch (e) {
  console.error(`history:import failed: ${(e as Error).stack ?? String(e)}`);
  code = 1;
} finally {
  await orm.close();
  await db.stop();
}
process.exit(code);
