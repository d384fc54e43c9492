/**
 * Start-up: with no DATABASE_URL an embedded PostgreSQL under .data/, migrated and, when empty,
 * loaded with the demo programme; with DATABASE_URL that server. Never schema sync.
 */
import { loadConfig } from './config';
import { startEmbedded } from './db/embedded';
import { migrate, openOrm } from './db/orm';
import { isEmpty, loadDemo } from './demo/load';
import { loadPolicyOverrides } from './policy-config';
import { listen } from './server';
import { chinaToday, createServices } from './services';

const config = loadConfig();
let stopEmbedded: (() => Promise<void>) | null = null;
let url = config.databaseUrl;
if (url === null) {
  console.log(`api: starting embedded PostgreSQL in ${config.dataDir}`);
  const pg = await startEmbedded(config.dataDir, Number(process.env.PG_PORT ?? 54329));
  await pg.createDatabase('liangbing').catch(() => undefined);
  url = pg.url('liangbing');
  stopEmbedded = pg.stop;
}
const orm = await openOrm(url);
const applied = await migrate(orm);
if (applied.length > 0) console.log(`api: applied migrations ${applied.join(', ')}`);
const overrides = loadPolicyOverrides();
if (await isEmpty(orm.em.fork())) {
  console.log('api: empty database, loading the demo programme…');
  const n = await loadDemo(orm.em.fork(), overrides, { scale: config.demoScale }, (m) => console.log(`api: ${m}`));
  console.log(`api: demo loaded (${n.patients} patients, ${n.claims} claims, ${n.followUps} follow-ups)`);
}
const services = createServices(overrides, chinaToday, { production: config.production });
const server = await listen({ orm, services, secret: config.secret, production: config.production }, config.port);
const preload = services.whatIf.preloadPeriod;
if (preload !== null) {
  // In the background: the API serves requests meanwhile, and a what-if asked before it ends waits for its districts.
  services.whatIf.preload(orm.em.fork(), preload).then(
    (r) => console.log(`api: what-if preload ${preload.from}..${preload.to}: ${r.districts} districts, ${r.claims} claims in memory after ${(r.elapsedMs / 1000).toFixed(1)} s`),
    (e: unknown) => console.error(`api: what-if preload failed: ${e instanceof Error ? e.message : String(e)}`),
  );
}
console.log(`api: GraphQL at ${server.url}/graphql${config.production ? '' : ` (explorer at ${server.url}/, demo tokens at ${server.url}/demo-tokens)`}`);

const shutdown = async () => {
  await server.stop();
  await orm.close();
  if (stopEmbedded) await stopEmbedded();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
