/**
 * The hostile corpus's base requests of the history imports' reads (graphql/history.resolver.ts),
 * as the 320213 bureau sends them; the shared cases (unknown arguments, wrong types) are built from them.
 */
const NO_IMPORT = '00000000-0000-0000-0000-000000000000';

export const HISTORY_OPERATIONS: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  historyImport: { query: `query($id: ID!) { historyImport(id: $id) { id } }`, variables: { id: NO_IMPORT } },
  historyImports: { query: `query($d: String!, $n: Int!) { historyImports(districtCode: $d, first: $n) { id } }`, variables: { d: '320213', n: 10 } },
  historyImportProblems: {
    query: `query($id: ID!, $n: Int!, $a: String) { historyImportProblems(importId: $id, first: $n, after: $a) { hasNextPage } }`,
    variables: { id: NO_IMPORT, n: 10 },
  },
  historyDisagreements: {
    query: `query($id: ID!, $d: String!, $n: Int!, $a: String) { historyDisagreements(importId: $id, districtCode: $d, first: $n, after: $a) { hasNextPage } }`,
    variables: { id: NO_IMPORT, d: '320213', n: 10 },
  },
};
