/**
 * Query limits, applied as validation rules before anything executes: depth, aliases and the
 * number of selected fields (which also bounds fragment bombs, since fragments are expanded).
 */
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

export const LIMITS = { depth: 10, aliases: 30, fields: 2000 };

export function queryLimits(ctx: ValidationContext): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of ctx.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const measure = (set: SelectionSetNode, depth: number, seen: Set<string>, acc: { depth: number; aliases: number; fields: number }) => {
    if (acc.fields > LIMITS.fields) return;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        acc.fields++;
        if (s.alias) acc.aliases++;
        if (depth + 1 > acc.depth) acc.depth = depth + 1;
        if (s.selectionSet) measure(s.selectionSet, depth + 1, seen, acc);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        measure(s.selectionSet, depth, seen, acc);
      } else {
        const f = fragments.get(s.name.value);
        if (f && !seen.has(f.name.value)) {
          seen.add(f.name.value);
          measure(f.selectionSet, depth, seen, acc);
          seen.delete(f.name.value);
        }
      }
    }
  };
  return {
    OperationDefinition(node) {
      const acc = { depth: 0, aliases: 0, fields: 0 };
      measure(node.selectionSet, 0, new Set(), acc);
      const problem =
        acc.depth > LIMITS.depth ? `query depth ${acc.depth} exceeds ${LIMITS.depth}` : acc.aliases > LIMITS.aliases ? `more than ${LIMITS.aliases} aliases` : acc.fields > LIMITS.fields ? `more than ${LIMITS.fields} fields selected` : null;
      if (problem) ctx.reportError(new GraphQLError(`Query too complex: ${problem}`, { nodes: [node], extensions: { code: 'BAD_USER_INPUT', messageEn: `Query too complex: ${problem}`, messageZh: '查询过于复杂' } }));
    },
  };
}
