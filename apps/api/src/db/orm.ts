/** MikroORM set-up: PostgreSQL, the checked-in migrations, never schema sync at start-up. */
import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from './entities';
import { Migration20261123000000Initial } from '../../migrations/Migration20261123000000_initial';

export const MIGRATIONS = [{ name: 'Migration20261123000000_initial', class: Migration20261123000000Initial }];

export async function openOrm(clientUrl: string, poolMax = 20): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    pool: { min: 0, max: poolMax },
    migrations: { migrationsList: MIGRATIONS, transactional: true, allOrNothing: true, snapshot: false },
    debug: process.env.ORM_DEBUG === '1',
    allowGlobalContext: false,
  });
}

export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
