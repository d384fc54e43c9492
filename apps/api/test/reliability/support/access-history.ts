/**
 * The access matrix of the history imports' reads (modules/history, graphql/history.resolver.ts).
 * An import is seen by the bureau of a district it wrote to and by the city-wide roles; an
 * institution operator sees none (Scope.historyDistricts). Each cell's import is a row of its own,
 * written to the target's district, made the first time the cell asks.
 */
import type { Outcome, Role, Spec, Target } from './access';
import { PLACE, visible } from './access';
import type { Sql } from './stack';

const reads = (r: Role, t: Target) => r !== 'institution_operator' && visible(r, t);
const readOne = (r: Role, t: Target): Outcome => (reads(r, t) ? 'data' : 'NOT_FOUND');
const readRegion = (r: Role, t: Target): Outcome => (reads(r, t) ? 'data' : 'FORBIDDEN');

const made = new Map<Target, Promise<string>>();
async function importOf(sql: Sql, t: Target): Promise<string> {
  let id = made.get(t);
  if (id === undefined) {
    id = sql<{ id: string }>(
      `insert into history_imports (city_code, district_code, source, started_by, status, rows_read, rows_rejected, last_committed_row, districts)
       values (?, null, ?, 'matrix', 'done', 2, 1, 2, array[?]::text[]) returning id::text as id`,
      [PLACE[t].city, `matrix-${PLACE[t].district}.ndjson:1`, PLACE[t].district],
    ).then(async ([row]) => {
      await sql(
        `insert into history_import_problems (import_id, row_no, field, code, message, district_code) values (?::uuid, 2, 'serviceDate', 'bad_date', 'matrix', ?)`,
        [row!.id, PLACE[t].district],
      );
      return row!.id;
    });
    made.set(t, id);
  }
  return id;
}

export function historySpecs(sql: () => Sql): Spec[] {
  return [
    {
      op: 'historyImport',
      label: 'historyImport(id)',
      expect: readOne,
      request: async (_f, t) => ({ query: `query($id: ID!) { historyImport(id: $id) { id status districts } }`, variables: { id: await importOf(sql(), t) } }),
    },
    {
      op: 'historyImports',
      label: 'historyImports(district)',
      expect: readRegion,
      request: async (_f, t) => {
        await importOf(sql(), t);
        return { query: `query($d: String!) { historyImports(districtCode: $d) { id districts } }`, variables: { d: PLACE[t].district } };
      },
      check: (d, t) =>
        (d.historyImports as { districts: string[] }[]).every((i) => i.districts.includes(PLACE[t].district)) ? null : 'an import of another district',
      empty: (d) => (d.historyImports as unknown[]).length === 0,
    },
    {
      op: 'historyImportProblems',
      label: 'historyImportProblems',
      expect: readOne,
      request: async (_f, t) => ({
        query: `query($id: ID!) { historyImportProblems(importId: $id) { hasNextPage nodes { row code districtCode } } }`,
        variables: { id: await importOf(sql(), t) },
      }),
    },
    {
      op: 'historyDisagreements',
      label: 'historyDisagreements',
      expect: readRegion,
      request: async (_f, t) => ({
        query: `query($id: ID!, $d: String!) { historyDisagreements(importId: $id, districtCode: $d) { hasNextPage nodes { claimKey } } }`,
        variables: { id: await importOf(sql(), t), d: PLACE[t].district },
      }),
    },
  ];
}
