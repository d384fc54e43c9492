/** Configuration from the environment, read once at start-up. */
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

export interface Config {
  databaseUrl: string | null;
  dataDir: string;
  port: number;
  production: boolean;
  secret: Uint8Array;
  demoScale: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const secret = env.JWT_SECRET ?? (production ? '' : 'liangbing-development-secret-do-not-use-in-production');
  if (secret.length < 32) throw new Error('JWT_SECRET must be set to at least 32 characters in production');
  return {
    databaseUrl: env.DATABASE_URL === undefined || env.DATABASE_URL === '' ? null : env.DATABASE_URL,
    dataDir: env.DATA_DIR ?? path.join(root, '.data', 'postgres'),
    port: Number(env.API_PORT ?? env.PORT ?? 4000),
    production,
    secret: new TextEncoder().encode(secret),
    demoScale: Number(env.DEMO_SCALE ?? 1),
  };
}
