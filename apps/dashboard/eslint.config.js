// The repository's configuration plus Vue single-file components.
import root, { dashboardBoundary, importCycles } from '../../eslint.config.js';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['src/graphql/generated.ts', 'test-results/**'] },
  ...root,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
    rules: {
      // TypeScript (vue-tsc) resolves names in .vue files, as typescript-eslint does for .ts.
      'no-undef': 'off',
      // Formatting is not lint's job here; these rules only fight the compact templates.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
    },
  },
  importCycles(['src/**/*.ts']),
  {
    // The dashboard speaks to the API through GraphQL only: no server code, database or demo generator.
    files: ['src/**/*.ts', 'src/**/*.vue'],
    // Unit tests beside the code run in Node and may read the repository's files, and the policy core's code lists (zh.test.ts).
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...dashboardBoundary,
            { group: ['@liangbing/policy', '@liangbing/policy/*'], message: 'The dashboard reads the API through GraphQL; only its tests import the policy core.' },
          ],
        },
      ],
    },
  },
  {
    files: ['e2e/**/*.ts', 'bench/**/*.ts', 'build/**/*.ts'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
