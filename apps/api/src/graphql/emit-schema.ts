/** Writes schema.graphql from the code; CI fails when the committed file differs (see test/schema.test.ts). */
import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { schema } from './schema';

const sdl = printSchema(await schema());
writeFileSync(new URL('../../schema.graphql', import.meta.url), `${sdl}\n`);
console.log('wrote schema.graphql');
