/**
 * Migrations from empty to the latest, a rollback of the last and up again; a backup of a demo
 * database restored into a new one gives the same statistics.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MIGRATIONS, migrate, openOrm } from '../../src/db/orm';
import { exec } from '../../src/db/sql';
import { loadDemo } from '../../src/demo/load';
import { GUIYANG_DEMO_OVERRIDE } from '../../src/policy-config';
import { fingerprint, pg15Unavailable, startPg15, statisticsOf, type Pg15 } from './support/backup';
import { CLEAN, invariants } from './support/claims';
import { createDatabase, type Database } from './support/stack';

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

async function freshOrm(name: string): Promise<{ db: Database; orm: MikroORM }> {
  const db = await createDatabase(inject('pgAdminUrl'), name);
  const orm = await openOrm(db.url, 4);
  cleanup.push(
    () => db.drop(),
    () => orm.close(),
  );
  return { db, orm };
}

describe('migrations', () => {
  it('run from an empty database to the latest; the last rolls back to the schema before it and forward again', async () => {
    const { orm } = await freshOrm('mig');
    expect(await migrate(orm)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await orm.migrator.getPending()).toEqual([]);
    const latest = await fingerprint(orm.em.fork());

    const last = MIGRATIONS.at(-1)!.name;
    const reverted = await orm.migrator.down();
    expect(reverted.map((m) => m.name)).toEqual([last]);
    expect((await orm.migrator.getExecuted()).map((m) => m.name)).toEqual(MIGRATIONS.slice(0, -1).map((m) => m.name));
    const afterDown = await fingerprint(orm.em.fork());

    // The schema after the rollback is the one a database migrated only up to the migration before it has.
    const { orm: previous } = await freshOrm('migprev');
    if (MIGRATIONS.length > 1) await previous.migrator.up({ to: MIGRATIONS.at(-2)!.name });
    expect(afterDown).toEqual(await fingerprint(previous.em.fork()));
    expect(afterDown).not.toEqual(latest);

    expect((await orm.migrator.up()).map((m) => m.name)).toEqual([last]);
    expect(await fingerprint(orm.em.fork())).toEqual(latest);
  });

  it('the narrow-claims migrations (documents apart, lines by patient) carry every stored claim across, down and up again', { timeout: 120_000 }, async () => {
    const { orm } = await freshOrm('migdocs');
    await migrate(orm);
    await loadDemo(orm.em.fork(), [GUIYANG_DEMO_OVERRIDE], { scale: 0.02 });
    const em = () => orm.em.fork();
    type Row = {
      id: string;
      request: Record<string, unknown>;
      decision: { fundFen: number };
      referral: string | null;
      issued: string | null;
      rx: string | null;
      stable: boolean | null;
    };
    const stored = () =>
      exec<Row>(
        em(),
        `select c.id, d.request, d.decision, c.referral_from_institution_id as referral, to_char(c.referral_issued_on, 'YYYY-MM-DD') as issued, c.source_prescription_id as rx, c.condition_stable as stable
           from claims c join claim_documents d on d.district_code = c.district_code and d.claim_id = c.id order by c.id`,
      );
    const before = await stored();
    expect(before.length).toBeGreaterThan(100);
    expect(before.some((r) => r.referral !== null)).toBe(true);
    // The columns say what the request said.
    for (const r of before) {
      expect([r.referral, r.issued, r.rx, r.stable]).toEqual([
        r.request.referralFromInstitutionId ?? null,
        r.request.referralIssuedOn ?? null,
        r.request.sourcePrescriptionId ?? null,
        r.request.conditionStable ?? null,
      ]);
    }

    await orm.migrator.down({ to: 'Migration20261201010000_claim_batch_functions' });
    const inline = await exec<{ id: string; request: unknown; decision: unknown }>(em(), `select id, request, decision from claims order by id`);
    expect(inline).toEqual(before.map((r) => ({ id: r.id, request: r.request, decision: r.decision })));

    await orm.migrator.up();
    expect(await stored()).toEqual(before);
    // and every line carries its claim's patient, date and institution
    const [lines] = await exec<{ n: string; wrong: string }>(
      em(),
      `select count(*) as n, count(*) filter (where (l.patient_id, l.service_date, l.institution_id) is distinct from (c.patient_id, c.service_date, c.institution_id)) as wrong
         from claim_lines l join claims c on c.district_code = l.district_code and c.id = l.claim_id`,
    );
    expect(Number(lines!.n)).toBeGreaterThan(before.length);
    expect(lines!.wrong).toBe('0');
  });
});

describe('backup and restore', () => {
  const unavailable = pg15Unavailable();

  it.runIf(unavailable === null)(
    'pg_dump of a demo database on PostgreSQL 15, restored into a new database, gives identical statistics',
    { timeout: 180_000 },
    async () => {
      const pg15: Pg15 = await startPg15();
      cleanup.push(() => pg15.stop());
      pg15.run('createdb', ['-h', '127.0.0.1', '-p', String(pg15.port), '-U', 'postgres', 'demo']);
      const source = await openOrm(pg15.url('demo'), 4);
      cleanup.push(() => source.close());
      await migrate(source);
      const loaded = await loadDemo(source.em.fork(), [GUIYANG_DEMO_OVERRIDE], { scale: 0.05 });
      expect(loaded.claims).toBeGreaterThan(100);

      const dump = path.join(pg15.dir, 'demo.dump');
      pg15.run('pg_dump', ['-h', '127.0.0.1', '-p', String(pg15.port), '-U', 'postgres', '-Fc', '-f', dump, 'demo']);
      pg15.run('createdb', ['-h', '127.0.0.1', '-p', String(pg15.port), '-U', 'postgres', 'restored']);
      pg15.run('pg_restore', ['-h', '127.0.0.1', '-p', String(pg15.port), '-U', 'postgres', '-d', 'restored', '--exit-on-error', dump]);
      const restored = await openOrm(pg15.url('restored'), 4);
      cleanup.push(() => restored.close());

      const before = await statisticsOf(source.em.fork());
      const after = await statisticsOf(restored.em.fork());
      expect(Object.keys(before).length).toBeGreaterThan(10);
      expect(after).toEqual(before);
      // the restored copy is a working database: its migrations are recorded and its ledgers add up
      expect(await restored.migrator.getPending()).toEqual([]);
      expect(await invariants((text, params = []) => exec(restored.em.fork(), text, params))).toEqual(CLEAN);
      const version = execFileSync(path.join('/usr/lib/postgresql/15/bin', 'pg_dump'), ['--version']).toString().trim();
      console.log(
        `backup round trip: ${version}; ${loaded.patients} patients, ${loaded.claims} claims; ${Object.keys(before).length} statistics and row counts compared`,
      );
    },
  );

  it.runIf(unavailable !== null)(
    `(PostgreSQL 15 unavailable: ${unavailable}) a logical copy on the embedded server gives identical statistics`,
    { timeout: 180_000 },
    async () => {
      const { orm: source } = await freshOrm('bksrc');
      await migrate(source);
      await loadDemo(source.em.fork(), [GUIYANG_DEMO_OVERRIDE], { scale: 0.05 });
      const { orm: copy } = await freshOrm('bkdst');
      await migrate(copy);
      const tables = (
        await exec<{ t: string }>(
          source.em.fork(),
          `select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'mikro_orm_migrations'`,
        )
      ).map((r) => r.t);
      await copy.em.fork().transactional(async (em) => {
        // Rows go in table by table; foreign keys are checked by the copy being complete, not row by row.
        await exec(em, `set local session_replication_role = replica`);
        for (const t of tables) {
          const [rows] = await exec<{ j: unknown }>(source.em.fork(), `select coalesce(json_agg(x), '[]'::json) as j from "${t}" x`);
          await exec(em, `insert into "${t}" overriding system value select * from json_populate_recordset(null::"${t}", ?::json)`, [JSON.stringify(rows!.j)]);
        }
      });
      expect(await statisticsOf(copy.em.fork())).toEqual(await statisticsOf(source.em.fork()));
    },
  );
});
