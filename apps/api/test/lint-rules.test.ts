/**
 * The repository's lint rules, run on code written to break them (test/lint-fixtures/, which the
 * normal lint ignores): an import cycle, the demo generator reaching into the API, the dashboard
 * reaching a database driver. A rule that stops firing would let the next cycle in unseen.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const fixture = (path: string): string => fileURLToPath(new URL(`./lint-fixtures/${path}`, import.meta.url));

async function ruleIds(path: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: repo, ignore: false });
  const [result] = await eslint.lintFiles([fixture(path)]);
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('lint rules', () => {
  it('fail on an import cycle, at both ends', async () => {
    expect(await ruleIds('cycle/a.ts')).toContain('import-x/no-cycle');
    expect(await ruleIds('cycle/b.ts')).toContain('import-x/no-cycle');
  });

  it('keep the demo generator out of the API’s files', async () => {
    expect(await ruleIds('demo/reaches-api.ts')).toContain('no-restricted-imports');
  });

  it('keep database drivers out of the dashboard', async () => {
    expect(await ruleIds('dashboard/reaches-server.ts')).toContain('no-restricted-imports');
  });
});
