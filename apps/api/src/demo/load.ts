/**
 * Loads the deterministic demo programme (@liangbing/demo) into an empty database at any scale,
 * streaming one patient at a time and writing with COPY. Claims are decided by the policy core
 * in date order per patient, exactly as submitClaim would decide them (demo-rows.ts); ledgers
 * are the sums of those decisions; the statistics' rollups are filled from the same stream and
 * the demo's years marked materialised.
 *
 * Everything happens in one transaction on a dedicated connection (not the ORM's pool): the
 * large tables' keys and indexes are dropped first and rebuilt at the end, and a failed load
 * leaves the database empty, so start-up simply loads again. Big loads generate in a worker
 * thread while this thread streams the previous chunk to PostgreSQL.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { RuleSetOverride } from '@liangbing/policy';
import { DEMO_PAYMENT_STANDARD_WUXI, DEMO_YEARS, generateReference, patientsPerCity, resolveOptions, type DemoReference } from '@liangbing/demo';
import { findRuleSet } from '@liangbing/policy';
import { sortStandardRows, standardContentHash, toStandardOverride, type StandardVersionFields } from '../modules/paystd/paystd.override';
import { exec } from '../db/sql';
import { Rollup, TABLE_NAMES, TABLES, type TableName } from '../modules/statistics/facts';
import { dropKeysAndIndexes, restoreKeysAndIndexes } from './bulk-ddl';
import { copyLine, type CopyValue } from './copy-format';
import { demoChunks, STREAM_TABLE_NAMES, STREAM_TABLES, type Chunk } from './demo-rows';
import { Progress } from './progress';
import type { WorkerInput } from './load-worker';

export { uuidFrom } from './demo-rows';

export const DEMO_SEED = 20261123;

export interface LoadOptions {
  seed?: number;
  scale?: number;
  /** store each decision's explanation trace (default: only at scale ≤ 1, the start-up demo) */
  trace?: boolean;
  /** generate in a worker thread (default: above scale 2, when running under tsx or node) */
  worker?: boolean;
  /** the database; the EntityManager's when absent */
  url?: string;
  /** a progress bar on stderr */
  progress?: boolean;
}

export interface LoadResult {
  patients: number;
  claims: number;
  followUps: number;
  seconds: number;
}

export async function isEmpty(em: EntityManager): Promise<boolean> {
  const [row] = await exec<{ n: string }>(em, `select count(*) as n from regions`);
  return Number(row?.n ?? 0) === 0;
}

async function copyInto(client: pg.Client, table: string, columns: readonly string[], text: string): Promise<void> {
  if (text.length === 0) return;
  await pipeline(Readable.from([text]), client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)));
}

async function copyRows(client: pg.Client, table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<void> {
  await copyInto(client, table, columns, rows.map(copyLine).join(''));
}

/** The demo's payment standard for Wuxi (W 四(一)) as stored: at the demo's own prices, so no demo claim is over it (packages/demo). */
function demoStandard(): StandardVersionFields {
  const v = DEMO_PAYMENT_STANDARD_WUXI;
  return {
    id: v.id,
    cityCode: v.city,
    ruleSetId: findRuleSet(v.city, v.effectiveFrom)!.id,
    title: v.title,
    effectiveFrom: v.effectiveFrom,
    sourceDocument: v.source.document,
    sourceSection: v.source.section,
    rows: sortStandardRows(v.rows),
  };
}

async function loadDemoStandard(client: pg.Client, s: StandardVersionFields): Promise<void> {
  await client.query(
    `insert into payment_standard_versions (id, city_code, rule_set_id, title, effective_from, source_document, source_section, rows, content_hash, loaded_by)
     values ($1, $2, $3, $4, $5::date, $6, $7, $8::jsonb, $9, 'demo')`,
    [
      s.id,
      s.cityCode,
      s.ruleSetId,
      s.title,
      s.effectiveFrom,
      s.sourceDocument,
      s.sourceSection,
      JSON.stringify(s.rows),
      standardContentHash(s.rows, s.sourceDocument, s.sourceSection),
    ],
  );
}

export async function loadDemo(
  em: EntityManager,
  deploymentOverrides: readonly RuleSetOverride[],
  options: LoadOptions = {},
  log: (m: string) => void = () => {},
): Promise<LoadResult> {
  const started = performance.now();
  const resolved = resolveOptions({ seed: options.seed ?? DEMO_SEED, scale: options.scale ?? 1 });
  // The demo's claims are decided under its payment standard as the API will read it back (PolicyOverrides).
  const standard = resolved.cities.includes('320200') ? demoStandard() : null;
  const overrides = standard === null ? deploymentOverrides : [...deploymentOverrides, toStandardOverride(standard)];
  const trace = options.trace ?? resolved.scale <= 1;
  const url = options.url ?? (em.config.get('clientUrl') as string);
  const reference = generateReference(resolved);
  const totalPatients = patientsPerCity(resolved.scale) * resolved.cities.length;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const result = { patients: 0, claims: 0, followUps: 0 };
  try {
    await client.query('begin');
    await client.query(`set local maintenance_work_mem = '1GB'`);
    await client.query(`set local synchronous_commit = off`);
    const saved = await dropKeysAndIndexes(client, STREAM_TABLE_NAMES);
    await loadReference(client, reference);
    if (standard !== null) await loadDemoStandard(client, standard);

    const progress = options.progress ? new Progress(totalPatients, 'patients') : null;
    const rollup = new Rollup();
    let copyMs = 0;
    const copyChunk = async (chunk: Chunk) => {
      const t0 = performance.now();
      for (const t of STREAM_TABLE_NAMES) await copyInto(client, t, STREAM_TABLES[t], chunk.text[t]);
      copyMs += performance.now() - t0;
      result.patients += chunk.patients;
      result.claims += chunk.claims;
      result.followUps += chunk.followUps;
      progress?.update(result.patients, `${result.claims.toLocaleString('en')} claims`);
    };
    const perChunk = trace ? 200 : 2000;
    if (options.worker ?? resolved.scale > 2) {
      await streamFromWorker({ options: resolved, overrides: [...overrides], trace, perChunk }, copyChunk, rollup);
    } else {
      for (const chunk of demoChunks(resolved, overrides, trace, perChunk, rollup)) await copyChunk(chunk);
    }
    progress?.done();
    const streamed = (performance.now() - started) / 1000;
    // When COPY takes most of the time the database is the bottleneck; otherwise generating and deciding is.
    log(
      `demo: ${result.patients} patients, ${result.claims} claims, ${result.followUps} follow-ups copied in ${streamed.toFixed(1)} s (COPY busy ${(copyMs / 10 / streamed).toFixed(0)} % of it)`,
    );

    await copyRollups(client, rollup, reference);
    await restoreKeysAndIndexes(client, saved, (m) => log(`demo: ${m}`));
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  }
  try {
    // Fresh statistics for the planner and a visibility map for index-only scans.
    for (const t of [...STREAM_TABLE_NAMES, ...TABLE_NAMES]) await client.query(`vacuum (analyze) ${t}`);
  } finally {
    await client.end();
  }
  const seconds = (performance.now() - started) / 1000;
  log(`demo: loaded in ${seconds.toFixed(1)} s`);
  return { ...result, seconds };
}

async function streamFromWorker(input: WorkerInput, copyChunk: (c: Chunk) => Promise<void>, rollup: Rollup): Promise<void> {
  const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { workerData: input });
  const queue: Chunk[] = [];
  let finished = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const poke = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: { type: 'chunk'; chunk: Chunk } | { type: 'rollup'; rows: Record<TableName, [string, number[]][]> }) => {
    if (m.type === 'chunk') queue.push(m.chunk);
    else {
      // The last message: the worker stays alive while it listens for acks, so this, not its exit, ends the stream.
      for (const t of TABLE_NAMES) for (const [k, v] of m.rows[t]) rollup.rows[t].set(k, v);
      finished = true;
    }
    poke();
  });
  worker.on('error', (e) => {
    failure = e;
    poke();
  });
  worker.on('exit', (code) => {
    if (!finished) failure ??= new Error(`the demo worker stopped early (exit code ${code})`);
    poke();
  });
  try {
    for (;;) {
      const chunk = queue.shift();
      if (chunk !== undefined) {
        worker.postMessage('ack');
        await copyChunk(chunk);
        continue;
      }
      if (failure !== null) throw failure;
      if (finished) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await worker.terminate();
  }
}

export async function loadReference(client: pg.Client, data: DemoReference): Promise<void> {
  const levels = ['city', 'district', 'street'];
  const ordered = [...data.regions].sort((a, b) => levels.indexOf(a.level) - levels.indexOf(b.level));
  await copyRows(
    client,
    'regions',
    ['code', 'name', 'level', 'parent_code', 'city_code', 'standard_code'],
    ordered.map((r) => [r.code, r.name, r.level, r.parentCode, r.cityCode, r.standardCode]),
  );
  await copyRows(
    client,
    'population_figures',
    ['district_code', 'year', 'population_35_plus', 'hypertension_prevalence_bp', 'diabetes_prevalence_bp', 'source'],
    data.populations.map((p) => [
      p.districtCode,
      p.year,
      p.residentsAged35Plus,
      p.hypertensionPrevalenceBp,
      p.diabetesPrevalenceBp,
      `population: ${p.populationSource}; hypertension: ${p.hypertensionSource}; diabetes: ${p.diabetesSource}`,
    ]),
  );
  await copyRows(
    client,
    'institutions',
    [
      'id',
      'name',
      'level',
      'city_code',
      'district_code',
      'street_code',
      'consortium_id',
      'can_treat_two_diseases',
      'insurance_designated',
      'networked_out_of_area',
    ],
    data.institutions.map((i) => [
      i.id,
      i.name,
      i.level,
      i.cityCode,
      i.districtCode,
      i.streetCode,
      i.consortiumId,
      i.canTreatTwoDiseases,
      i.insuranceDesignated,
      i.networkedOutOfArea,
    ]),
  );
  const users: CopyValue[][] = [];
  for (const city of data.regions.filter((r) => r.level === 'city')) {
    users.push([`leader-${city.code}`, `${city.name}领导小组`, 'city_leadership', city.code, null, null]);
    users.push([`auditor-${city.code}`, `${city.name}医保稽核`, 'auditor', city.code, null, null]);
    for (const d of data.regions.filter((r) => r.level === 'district' && r.parentCode === city.code)) {
      users.push([`bureau-${d.code}`, `${d.name}医保局`, 'district_bureau', city.code, d.code, null]);
      const inst = data.institutions.find((i) => i.districtCode === d.code && (i.level === 'community_health_centre' || i.level === 'township_health_centre'));
      if (inst) users.push([`operator-${inst.id}`, `${inst.name}操作员`, 'institution_operator', city.code, d.code, inst.id]);
    }
  }
  await copyRows(client, 'app_users', ['id', 'name', 'role', 'city_code', 'district_code', 'institution_id'], users);
}

/** The rollups the stream added up, and every district's demo years marked materialised (empty districts included). */
async function copyRollups(client: pg.Client, rollup: Rollup, data: DemoReference): Promise<void> {
  for (const t of TABLE_NAMES) {
    const { keys, values } = TABLES[t];
    const rows = [...rollup.entries(t)].map(([k, v]) => [...k, ...v]);
    await copyRows(client, t, [...keys, ...values], rows);
  }
  const districts = data.regions.filter((r) => r.level === 'district').map((r) => r.code);
  await copyRows(
    client,
    'stat_materialised',
    ['district_code', 'year'],
    districts.flatMap((d) => DEMO_YEARS.map((y) => [d, y])),
  );
}
