import { readFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from './schema';

describe('schema.graphql', () => {
  it('is the schema the code emits (run `pnpm --filter @liangbing/api schema:emit` after changing a type)', async () => {
    const committed = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(`${printSchema(await schema())}\n`);
  });
});
