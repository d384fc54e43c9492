import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedAt, selectsAny } from './selection';

const schema = buildSchema(`type Node { id: ID hits: [String] } type Conn { totalCount: Int nodes: [Node] } type Query { list: Conn }`);

function infoOf(query: string): GraphQLResolveInfo {
  let captured: GraphQLResolveInfo | null = null;
  execute({ schema, document: parse(query), rootValue: { list: (_a: unknown, _c: unknown, info: GraphQLResolveInfo) => ((captured = info), null) } });
  return captured!;
}

describe('selectedAt', () => {
  it('sees fields directly, through named and inline fragments, and at a path', () => {
    const info = infoOf(`query { list { ...F nodes { ... on Node { hits } } } } fragment F on Conn { totalCount nodes { id } }`);
    expect([...selectedAt(info)].sort()).toEqual(['nodes', 'totalCount']);
    expect([...selectedAt(info, ['nodes'])].sort()).toEqual(['hits', 'id']);
    expect(selectsAny(info, ['hits', 'explanation'], ['nodes'])).toBe(true);
  });

  it('answers false for what is not asked', () => {
    const info = infoOf(`{ list { nodes { id } } }`);
    expect(selectsAny(info, ['totalCount'])).toBe(false);
    expect(selectsAny(info, ['hits'], ['nodes'])).toBe(false);
  });
});
