import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getIntrospectionQuery, Kind, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { COST_LIMIT, DEFAULT_LIST, operationCost, WEIGHTS } from './cost';
import { schema } from './schema';

let s: GraphQLSchema;
beforeAll(async () => {
  s = await schema();
});

/** The cost of a document's only (or named) operation. */
function cost(query: string, variables: Record<string, unknown> = {}, worstCase = false, name?: string): number {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (name === undefined || d.name?.value === name))!;
  return operationCost(s, doc, op, variables, { worstCase });
}

describe('query cost', () => {
  it('a scalar costs nothing, an object 1', () => {
    expect(cost('{ viewer { userId role } }')).toBe(1);
    expect(cost('{ __typename }')).toBe(0);
  });

  it("a list's `first` multiplies what each item selects; nodes are the connection's items", () => {
    // claims: 1 for the connection, then per claim 1 (nodes' item) + 1 (institution)
    expect(cost('{ claims(first: 7) { totalCount nodes { id institution { id } } } }')).toBe(1 + 7 * 2);
    // the schema's default (50) when first is not given
    expect(cost('{ claims { nodes { id institution { id } } } }')).toBe(1 + 50 * 2);
    // a list without a size argument holds DEFAULT_LIST items
    expect(cost('{ claims(first: 2) { nodes { lines { lineNo } } } }')).toBe(1 + 2 * (1 + DEFAULT_LIST * 1));
  });

  it('the explanation, the hits and a what-if are expensive', () => {
    const explanation = WEIGHTS['Claim.explanation']! + DEFAULT_LIST * 1;
    expect(cost('{ claims(first: 3) { nodes { explanation { step } } } }')).toBe(1 + 3 * (1 + explanation));
    expect(cost('{ claims(first: 3) { nodes { id } } }')).toBe(1 + 3);
    expect(cost('query($i: WhatIfInput!) { whatIf(input: $i) { claimsReplayed } }')).toBe(WEIGHTS['Query.whatIf']! + 1);
  });

  it('the first of the issue: a hundred patients with a hundred traced claims each', () => {
    const explanation = WEIGHTS['Claim.explanation']! + DEFAULT_LIST;
    const c = cost('{ patients(first: 100) { nodes { claims(first: 100) { explanation { step } } } } }');
    expect(c).toBe(1 + 100 * (1 + 100 * (1 + explanation)));
    expect(c).toBeGreaterThan(COST_LIMIT);
  });

  it('reads `first` from a variable, then from the variable’s default, then from the schema', () => {
    const q = 'query($n: Int! = 4) { claims(first: $n) { nodes { id } } }';
    expect(cost(q, { n: 9 })).toBe(1 + 9);
    expect(cost(q)).toBe(1 + 4);
    expect(cost('query($n: Int) { patients(first: $n) { nodes { id } } }')).toBe(1 + 50);
    // worst case: a size variable not given counts as the most the list returns
    expect(cost('query($n: Int!) { patients(first: $n) { nodes { id } } }', {}, true)).toBe(1 + 100);
  });

  it('counts a first past the list’s bound as the bound: the resolver refuses it as bad input', () => {
    expect(cost('{ claims(first: 1000000000) { nodes { id } } }')).toBe(1 + 100);
    expect(cost('{ claims(first: -5) { nodes { id } } }')).toBe(1 + 1);
  });

  it('expands fragments and inline fragments where they are spread, and counts every alias', () => {
    const plain = cost('{ claims(first: 5) { nodes { id institution { id } explanation { step } } } }');
    const fragments = cost(`
      query { claims(first: 5) { nodes { ...A } } }
      fragment A on Claim { id ... on Claim { institution { id } } ...B }
      fragment B on Claim { explanation { step } }`);
    expect(fragments).toBe(plain);
    const one = cost('{ claims(first: 5) { nodes { explanation { step } } } }');
    expect(cost('{ a: claims(first: 5) { nodes { explanation { step } } } b: claims(first: 5) { nodes { explanation { step } } } }')).toBe(2 * one);
    // the same fragment spread twice costs twice
    expect(cost('query { a: viewer { ...V } b: viewer { ...V } } fragment V on Viewer { userId }')).toBe(2);
  });

  it('lets the explorer introspect the schema', () => {
    expect(cost(getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }))).toBeLessThan(COST_LIMIT);
  });
});

describe("the dashboard's own operations", () => {
  const file = fileURLToPath(new URL('../../../dashboard/src/graphql/operations.graphql', import.meta.url));
  const doc = parse(readFileSync(file, 'utf8'));
  const operations = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

  it('every one stays under the limit, with every page at the most it may ask for', () => {
    expect(operations.length).toBeGreaterThan(20);
    const costs = Object.fromEntries(operations.map((op) => [op.name!.value, operationCost(s, doc, op, {}, { worstCase: true })]));
    console.log(`dashboard operations, worst-case cost (limit ${COST_LIMIT}):`, costs);
    expect(Object.entries(costs).filter(([, c]) => c > COST_LIMIT)).toEqual([]);
    // the claims page, at 100 claims with lines, hits and traces, is the largest and is counted as such
    expect(costs.Claims).toBeGreaterThan(10_000);
  });
});
