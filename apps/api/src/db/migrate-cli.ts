/** Applies the checked-in migrations to DATABASE_URL (`pnpm --filter @liangbing/api migrate`), or rolls back the last with --down. */
import { migrate, openOrm } from './orm';

const url = process.env.DATABASE_URL;
if (url === undefined || url === '') {
  console.error('DATABASE_URL is required');
  process.exit(2);
}
const orm = await openOrm(url, 2);
try {
  if (process.argv.includes('--down')) {
    const reverted = await orm.migrator.down();
    console.log(`reverted: ${reverted.map((m) => m.name).join(', ') || 'nothing'}`);
  } else {
    const applied = await migrate(orm);
    console.log(`applied: ${applied.join(', ') || 'nothing (up to date)'}`);
  }
} finally {
  await orm.close();
}
