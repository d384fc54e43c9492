/**
 * What a request selects under a field, fragments included: lists use it to skip work nobody
 * asked for (a count, the stored decision's JSON), as a compiled GraphQL layer would.
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

function collect(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, out: FieldNode[], seen: Set<string>): void {
  if (set === undefined) return;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) out.push(s);
    else if (s.kind === Kind.INLINE_FRAGMENT) collect(s.selectionSet, info, out, seen);
    else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      collect(info.fragments[s.name.value]?.selectionSet, info, out, seen);
    }
  }
}

/** The fields selected at `path` below the resolved field (an empty path: directly below it). */
export function selectedAt(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  let level: FieldNode[] = [];
  for (const node of info.fieldNodes) collect(node.selectionSet, info, level, new Set());
  for (const name of path) {
    const next: FieldNode[] = [];
    for (const f of level) if (f.name.value === name) collect(f.selectionSet, info, next, new Set());
    level = next;
  }
  return new Set(level.map((f) => f.name.value));
}

/** Whether any of `names` is selected at `path`. */
export function selectsAny(info: GraphQLResolveInfo, names: readonly string[], path: readonly string[] = []): boolean {
  const fields = selectedAt(info, path);
  return names.some((n) => fields.has(n));
}
