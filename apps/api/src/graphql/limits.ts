/**
 * Query limits, applied as validation rules before anything executes: depth, aliases and the
 * number of selected fields (which also bounds fragment bombs, since fragments are expanded).
 * Introspection (`__schema`, `__type`, off in production) has a depth of its own: the explorer's
 * standard introspection query is 15 deep (its type references nest `ofType` eight times), and
 * its breadth is bounded by the cost (cost.ts), which counts it like any other selection.
 */
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

export const LIMITS = { depth: 10, introspectionDepth: 15, aliases: 30, fields: 2000 };

export function queryLimits(ctx: ValidationContext): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of ctx.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  type Acc = { depth: number; introspectionDepth: number; aliases: number; fields: number };
  const measure = (set: SelectionSetNode, depth: number, seen: Set<string>, acc: Acc, introspection: boolean) => {
    if (acc.fields > LIMITS.fields) return;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        acc.fields++;
        if (s.alias) acc.aliases++;
        const inside = introspection || s.name.value === '__schema' || s.name.value === '__type';
        const key = inside ? 'introspectionDepth' : 'depth';
        if (depth + 1 > acc[key]) acc[key] = depth + 1;
        if (s.selectionSet) measure(s.selectionSet, depth + 1, seen, acc, inside);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        measure(s.selectionSet, depth, seen, acc, introspection);
      } else {
        const f = fragments.get(s.name.value);
        if (f && !seen.has(f.name.value)) {
          seen.add(f.name.value);
          measure(f.selectionSet, depth, seen, acc, introspection);
          seen.delete(f.name.value);
        }
      }
    }
  };
  return {
    OperationDefinition(node) {
      const acc: Acc = { depth: 0, introspectionDepth: 0, aliases: 0, fields: 0 };
      measure(node.selectionSet, 0, new Set(), acc, false);
      const problem =
        acc.depth > LIMITS.depth
          ? `query depth ${acc.depth} exceeds ${LIMITS.depth}`
          : acc.introspectionDepth > LIMITS.introspectionDepth
            ? `introspection depth ${acc.introspectionDepth} exceeds ${LIMITS.introspectionDepth}`
            : acc.aliases > LIMITS.aliases
              ? `more than ${LIMITS.aliases} aliases`
              : acc.fields > LIMITS.fields
                ? `more than ${LIMITS.fields} fields selected`
                : null;
      if (problem)
        ctx.reportError(
          new GraphQLError(`Query too complex: ${problem}`, {
            nodes: [node],
            extensions: { code: 'BAD_USER_INPUT', messageEn: `Query too complex: ${problem}`, messageZh: '查询过于复杂' },
          }),
        );
    },
  };
}
