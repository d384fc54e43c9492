/**
 * schema.contract.graphql (the dashboard's statistics contract) against the emitted schema.graphql:
 * every type the contract names is in the emitted schema exactly as the contract writes it, and
 * every Query field it lists likewise (the emitted Query has every other operation besides).
 */
import { readFileSync } from 'node:fs';
import { buildSchema, GraphQLObjectType, printType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';

const read = (file: string) => buildSchema(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));
const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

/** The named types a schema declares (not the built-in scalars and introspection types, not Query). */
export function declaredTypes(schema: GraphQLSchema): string[] {
  return Object.keys(schema.getTypeMap()).filter((n) => !n.startsWith('__') && !BUILT_IN.has(n) && n !== schema.getQueryType()?.name);
}

/** One Query field printed alone (as a type of that one field), so two schemas' fields compare as text. */
export function printQueryField(field: GraphQLField<unknown, unknown>): string {
  const args = Object.fromEntries(field.args.map((a) => [a.name, { type: a.type, defaultValue: a.defaultValue, description: a.description }]));
  return printType(new GraphQLObjectType({ name: 'Query', fields: { [field.name]: { type: field.type, description: field.description, args } } }));
}

/** What differs: the contract's types and Query fields the emitted schema lacks or declares otherwise. */
export function contractDrift(contract: GraphQLSchema, emitted: GraphQLSchema): string[] {
  const drift: string[] = [];
  for (const name of declaredTypes(contract)) {
    const mine = emitted.getType(name);
    if (mine === undefined) drift.push(`type ${name} is not in schema.graphql`);
    else if (printType(mine) !== printType(contract.getType(name)!))
      drift.push(`type ${name} differs:\n${printType(mine)}\n--- contract:\n${printType(contract.getType(name)!)}`);
  }
  const query = contract.getQueryType();
  const emittedQuery = emitted.getQueryType()!.getFields();
  for (const field of Object.values(query?.getFields() ?? {})) {
    const mine = emittedQuery[field.name];
    if (mine === undefined) drift.push(`Query.${field.name} is not in schema.graphql`);
    else if (printQueryField(mine) !== printQueryField(field))
      drift.push(`Query.${field.name} differs:\n${printQueryField(mine)}\n--- contract:\n${printQueryField(field)}`);
  }
  return drift;
}

describe('schema.contract.graphql', () => {
  const contract = read('schema.contract.graphql');
  const emitted = read('schema.graphql');

  it('names the statistics types and queries the dashboard reads', () => {
    expect(declaredTypes(contract)).toEqual(expect.arrayContaining(['IndicatorSet', 'Statistics', 'QuarterlyReport', 'RuleHitCount', 'Fen']));
    expect(Object.keys(contract.getQueryType()!.getFields())).toEqual(
      expect.arrayContaining(['statistics', 'statisticsTrend', 'institutionStatistics', 'quarterlyReport']),
    );
  });

  it('is contained in schema.graphql exactly as written (change both together)', () => {
    expect(contractDrift(contract, emitted)).toEqual([]);
  });

  it('reports a field the API dropped, a type it changed and a query argument it renamed', () => {
    const drifted = buildSchema(
      printType(emitted.getType('Rate')!).replace(/\n\s*definitionId: String!/, '') +
        '\n' +
        printType(emitted.getType('Period')!).replace('year: Int!', 'year: Int') +
        '\ntype Query { regions(city: String): [Region!]! }\n' +
        ['Region', 'RegionLevel'].map((n) => printType(emitted.getType(n)!)).join('\n'),
    );
    const drift = contractDrift(contract, drifted);
    expect(drift.some((d) => d.startsWith('type Rate differs'))).toBe(true);
    expect(drift.some((d) => d.startsWith('type Period differs'))).toBe(true);
    expect(drift.some((d) => d.startsWith('Query.regions differs'))).toBe(true);
    expect(drift).toContain('type IndicatorSet is not in schema.graphql');
  });
});
