/**
 * PostGraphile 5 (the Amber preset) serving the same database: the generic GraphQL layer a
 * bureau could put on the tables instead of this API. Conditions and orderings are allowed on
 * every column (PgIndexBehaviorsPlugin off), so it can express the same lists; it has no access
 * rules, masking or audit, which the comparison states.
 *   tsx bench/postgraphile-server.ts <database-url> <port> [pool size]
 */
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const [url, port, pool] = process.argv.slice(2);
if (url === undefined || port === undefined) throw new Error('usage: postgraphile-server.ts <database-url> <port> [pool]');
const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset],
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [makePgService({ connectionString: url, schemas: ['public'], poolConfig: { max: Number(pool ?? 20) } })],
  grafserv: { graphqlPath: '/graphql', watch: false },
};
const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
server.listen(Number(port), '127.0.0.1', () => console.log(`postgraphile: http://127.0.0.1:${port}/graphql`));
const stop = async () => {
  server.close();
  await pgl.release();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
