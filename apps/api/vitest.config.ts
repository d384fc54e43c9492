import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // One copy of graphql: Vite would pick its ESM build for our code while type-graphql gets the CJS one.
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // the plans and the distribution on Citus: only on the cluster (TEST_CLUSTER=1, test/global-setup.ts)
    exclude: ['**/node_modules/**', ...(process.env.TEST_CLUSTER === '1' ? [] : ['src/db/citus.int.test.ts'])],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
