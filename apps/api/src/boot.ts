/**
 * Start-up, as a function a test can call: the database (DATABASE_URL, or an embedded PostgreSQL
 * under .data/), migrations (never schema sync), in demo mode only the demo programme when the
 * database is empty, the policy overrides, the token verifier, the HTTP server. main.ts is this
 * with the environment's configuration and the process's signals.
 */
import { createVerifier } from './auth/verifier';
import { DEVELOPMENT_SECRET, type Config } from './config';
import { startEmbedded } from './db/embedded';
import { migrate, openOrm } from './db/orm';
import { ReadRouter } from './db/replica';
import { isEmpty, loadDemo } from './demo/load';
import { deploymentInfo } from './modules/deployment/deployment';
import { ensureRuleSetCities } from './modules/regions/cities';
import { loadPolicyOverrides } from './policy-config';
import { listen, type RunningServer } from './server';
import { chinaToday, createServices, type Services } from './services';
import type { MikroORM } from '@mikro-orm/postgresql';

export interface BootOptions {
  /** progress lines; console.log by default */
  log?: (line: string) => void;
  /** today's date (China time by default) */
  today?: () => string;
  /** start the what-if preload in the background (main does; tests need not) */
  preload?: boolean;
  host?: string;
}

export interface Booted {
  readonly server: RunningServer;
  readonly orm: MikroORM;
  readonly services: Services;
  /** stops the server, closes the database, stops the embedded PostgreSQL when it was started here */
  readonly stop: () => Promise<void>;
}

export async function boot(config: Config, opts: BootOptions = {}): Promise<Booted> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const today = opts.today ?? chinaToday;
  // The token verifier first: an OIDC issuer that cannot be discovered refuses start-up before anything is touched.
  const verifier = await createVerifier(config.tokens);
  const overrides = loadPolicyOverrides(config.policyOverridesFile ?? undefined, config.mode);

  let stopEmbedded: (() => Promise<void>) | null = null;
  let url = config.databaseUrl;
  if (url === null) {
    log(`api: starting embedded PostgreSQL in ${config.dataDir}`);
    const pg = await startEmbedded(config.dataDir, config.pgPort);
    await pg.createDatabase('liangbing').catch(() => undefined);
    url = pg.url('liangbing');
    stopEmbedded = pg.stop;
  }
  const orm = await openOrm(url);
  let reads: ReadRouter | null = null;
  try {
    const applied = await migrate(orm);
    if (applied.length > 0) log(`api: applied migrations ${applied.join(', ')}`);
    if (config.mode === 'demo' && (await isEmpty(orm.em.fork()))) {
      log('api: empty database, loading the demo programme…');
      const n = await loadDemo(orm.em.fork(), overrides, { scale: config.demoScale }, (m) => log(`api: ${m}`));
      log(`api: demo loaded (${n.patients} patients, ${n.claims} claims, ${n.followUps} follow-ups)`);
    }
    // After the demo's check for an empty database: the cities come with the rule sets, whatever the mode.
    const cities = await ensureRuleSetCities(orm.em.fork());
    if (cities.length > 0) log(`api: added the rule sets' cities ${cities.join(', ')}`);
    const services = createServices(overrides, today, { production: config.mode === 'production' });
    const deployment = deploymentInfo({ mode: config.mode, overrides, tokenIssuer: verifier.issuer, developmentTokens: verifier.hs256, today });
    // The replica's pool connects lazily and gives up on a connection within 2 s: a replica that is down at start-up delays nothing.
    if (config.replicaUrl !== null) {
      const replicaOrm = await openOrm(config.replicaUrl, 20, { connectionTimeoutMillis: 2000 });
      reads = new ReadRouter(orm, replicaOrm, { maxLagSeconds: config.replicaMaxLagSeconds, log });
      const first = await reads.current();
      log(
        `api: read replica ${redact(config.replicaUrl)}: ${first.state}${first.lagSeconds === null ? '' : `, ${first.lagSeconds.toFixed(1)} s behind`} (bound ${config.replicaMaxLagSeconds} s); statistics, lists and reports read from it while it serves`,
      );
    }
    const server = await listen(
      { orm, services, secret: config.secret, production: config.production, tokens: verifier.verify, deployment, reads },
      config.port,
      opts.host,
    );

    log(config.mode === 'demo' ? 'api: DEMO mode — demo data and placeholder Guiyang rates' : 'api: production mode');
    for (const u of deployment.notConfigured()) {
      log(
        `api: ${u.ruleSetId} (city ${u.cityCode}): ${u.parameters.join(', ')} not configured — its claims are refused NOT_CONFIGURED until POLICY_OVERRIDES_FILE sets them (${u.documents})`,
      );
    }
    log(
      `api: tokens accepted: ${[verifier.issuer === null ? null : `RS256/ES256 of ${verifier.issuer} (keys ${verifier.jwksUrl})`, verifier.hs256 ? (new TextDecoder().decode(config.secret!) === DEVELOPMENT_SECRET ? 'HS256 with the development secret' : 'HS256 with JWT_SECRET') : null].filter((s) => s !== null).join('; ')}`,
    );
    const preload = services.whatIf.preloadPeriod;
    if (opts.preload === true && preload !== null) {
      // In the background: the API serves requests meanwhile, and a what-if asked before it ends waits for its districts.
      services.whatIf.preload(orm.em.fork(), preload).then(
        (r) =>
          log(
            `api: what-if preload ${preload.from}..${preload.to}: ${r.districts} districts, ${r.claims} claims in memory after ${(r.elapsedMs / 1000).toFixed(1)} s`,
          ),
        (e: unknown) => console.error(`api: what-if preload failed: ${e instanceof Error ? e.message : String(e)}`),
      );
    }
    log(`api: GraphQL at ${server.url}/graphql${config.mode === 'demo' ? ` (explorer at ${server.url}/, demo tokens at ${server.url}/demo-tokens)` : ''}`);
    return {
      server,
      orm,
      services,
      stop: async () => {
        await server.stop();
        await reads?.close();
        await orm.close();
        if (stopEmbedded) await stopEmbedded();
      },
    };
  } catch (e) {
    await reads?.close();
    await orm.close();
    if (stopEmbedded) await stopEmbedded();
    throw e;
  }
}

/** A URL without its password, for the log. */
function redact(url: string): string {
  const u = new URL(url);
  if (u.password !== '') u.password = '***';
  return u.toString();
}
