/**
 * Migrations and backups. A schema fingerprint (tables, columns, constraints, indexes) to compare
 * databases; a PostgreSQL 15 cluster of our own (the machine's binaries, run as a non-root
 * user) for pg_dump and pg_restore; and the statistics of every city, year and quarter, read
 * through the service, to compare a database with its restored copy.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Scope } from '../../../src/auth/scope';
import { freePort } from '../../../src/db/embedded';
import { exec } from '../../../src/db/sql';
import { createServices } from '../../../src/services';
import { GUIYANG_DEMO_OVERRIDE } from '../../../src/policy-config';

export async function fingerprint(em: EntityManager): Promise<string[]> {
  const rows = await exec<{ line: string }>(
    em,
    `select format('column %s.%s %s %s %s', c.table_name, c.column_name, c.data_type, c.is_nullable, coalesce(c.column_default, '')) as line
       from information_schema.columns c where c.table_schema = 'public' and c.table_name <> 'mikro_orm_migrations'
     union all
     select format('constraint %s %s', t.relname, pg_get_constraintdef(k.oid)) from pg_constraint k join pg_class t on t.oid = k.conrelid
      join pg_namespace n on n.oid = t.relnamespace where n.nspname = 'public' and t.relname <> 'mikro_orm_migrations'
     union all
     select format('index %s', indexdef) from pg_indexes where schemaname = 'public' and tablename <> 'mikro_orm_migrations'
     union all
     select format('view %s', table_name) from information_schema.views where table_schema = 'public'
     union all
     -- a function's body too: a migration may replace only a function (claim_context), and its down must restore it exactly
     select format('function %s %s', p.proname, case when p.prokind in ('f', 'p') then md5(pg_get_functiondef(p.oid)) else '' end)
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'`,
  );
  return rows.map((r) => r.line).sort();
}

export const PG15_BIN = '/usr/lib/postgresql/15/bin';

export interface Pg15 {
  port: number;
  url: (db: string) => string;
  /** runs a PostgreSQL 15 client program (pg_dump, pg_restore, createdb) as the cluster's user */
  run: (program: string, args: string[]) => string;
  dir: string;
  stop: () => void;
}

/** Why PostgreSQL 15 cannot be used here, or null when it can. */
export function pg15Unavailable(): string | null {
  if (!existsSync(path.join(PG15_BIN, 'initdb'))) return `no PostgreSQL 15 binaries in ${PG15_BIN}`;
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['postgres'], { stdio: 'ignore' });
    } catch {
      return 'running as root and there is no postgres user to run PostgreSQL 15 as';
    }
  }
  return null;
}

/** initdb and start a throwaway cluster on a free loopback port; as root, everything runs as the postgres user. */
export async function startPg15(): Promise<Pg15> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liangbing-pg15-'));
  const root = process.getuid?.() === 0;
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const port = await freePort();
  const run = (program: string, args: string[]) => {
    const bin = path.join(PG15_BIN, program);
    return execFileSync(root ? 'runuser' : bin, root ? ['-u', 'postgres', '--', bin, ...args] : args, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    }).toString();
  };
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  return {
    port,
    dir,
    url: (db) => `postgres://postgres@127.0.0.1:${port}/${db}`,
    run,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Every city's statistics for every year with claims, for the whole year and each quarter, and the row count of every table. */
export async function statisticsOf(em: EntityManager): Promise<Record<string, unknown>> {
  const services = createServices([GUIYANG_DEMO_OVERRIDE], () => '2099-12-31');
  await services.regions.load(em);
  const years = (await exec<{ year: number }>(em, `select distinct year from claims order by year`)).map((r) => r.year);
  const out: Record<string, unknown> = {};
  for (const city of services.regions.cities()) {
    const scope = new Scope({ userId: 'backup-check', role: 'city_leadership', cityCode: city.code, districtCode: null, institutionId: null }, (c) =>
      services.regions.districtsOf(c).map((d) => d.code),
    );
    for (const year of years) {
      for (const quarter of [null, 1, 2, 3, 4])
        out[`${city.code} ${year} Q${quarter ?? '-'}`] = await services.statistics.statistics(em, scope, city.code, year, quarter, 'ALL');
    }
  }
  const tables = await exec<{ t: string }>(
    em,
    `select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  for (const { t } of tables) out[`rows ${t}`] = Number((await exec<{ n: string }>(em, `select count(*) as n from "${t}"`))[0]!.n);
  return out;
}
