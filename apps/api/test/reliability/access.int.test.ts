/**
 * No district reading another's patients: every operation × role × own district, another
 * district and another city; masking through every path; every unmasked read audited; bad
 * tokens refused; no introspection and no explorer in production.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SECRET } from '../harness';
import { GUIYANG_DEMO_OVERRIDE } from '../../src/policy-config';
import { listen, type RunningServer } from '../../src/server';
import { createServices } from '../../src/services';
import { ownerToken, PLACE, ROLES, runCell, SPECS, TARGETS, viewerToken, type CellResult, type Fixtures, type Target, newPatient } from './support/access';
import { IMPORT_ROSTER, insertAlert, moreSpecs, rosterCsv, type MoreFixtures } from './support/access-more';
import { clinicalSpecs, type ClinicalFixtures } from './support/access-clinical';
import { masterDataSpecs } from './support/access-masterdata';
import { livesSpecs } from './support/access-lives';
import { historySpecs } from './support/access-history';
import { signingSpecs } from './support/access-signing';
import { paystdSpecs } from './support/access-paystd';
import { httpRequest, postGraphql } from './support/client';
import { badTokens } from './support/hostile';
import { rootFields } from './support/roots';
import { STACK_TODAY, startStack, type Stack } from './support/stack';

let stack: Stack;
let fixtures: Fixtures;
let more: MoreFixtures;
let clinical: ClinicalFixtures;
const specs = [
  ...SPECS,
  ...moreSpecs(() => more),
  ...clinicalSpecs(() => clinical),
  ...masterDataSpecs(),
  ...livesSpecs(() => stack.url),
  ...historySpecs(() => stack.sql),
  ...signingSpecs(() => stack.url),
  ...paystdSpecs(),
];
let secrets: { patientId: string; values: string[] }[];
const results: CellResult[] = [];
/** auditor cells whose unmasked personal data has no audit row written during the request */
const unaudited: string[] = [];

async function claimFor(t: Target, key: string): Promise<string> {
  const a = await postGraphql(stack.url, await ownerToken(t), `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { claim { id } } }`, {
    i: {
      idempotencyKey: key,
      patientId: PLACE[t].patient,
      institutionId: PLACE[t].institution,
      serviceDate: '2025-05-02',
      pathway: 'DESIGNATED',
      lines: [{ drugCode: 'metoprolol', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 1_500 }],
    },
  });
  const id = (a.body?.data as { submitClaim?: { claim: { id: string } } } | undefined)?.submitClaim?.claim.id;
  if (id === undefined) throw new Error(`fixture claim for ${t}: ${a.text}`);
  return id;
}

beforeAll(async () => {
  stack = await startStack(inject('pgAdminUrl'));
  let n = 0;
  const nextKey = () => `mx-${++n}`;
  const claim = {
    'own district': await claimFor('own district', 'fx-own'),
    'other district': await claimFor('other district', 'fx-other'),
    'other city': await claimFor('other city', 'fx-city'),
  };
  let findingDay = 0;
  clinical = {
    // each on a day of its own: a finding is keyed by (patient, code, day)
    freshFinding: async (t) => {
      const day = new Date(Date.UTC(2025, 0, 1 + findingDay++)).toISOString().slice(0, 10);
      const a = await postGraphql(stack.url, await ownerToken(t), `mutation($i: RecordFindingInput!) { recordFinding(input: $i) { finding { id } } }`, {
        i: {
          patientId: PLACE[t].patient,
          code: 'arb_intolerant_or_ineffective',
          recordedOn: day,
          institutionId: PLACE[t].institution,
          source: 'matrix fixture',
        },
      });
      const id = (a.body?.data as { recordFinding?: { finding: { id: string } } } | undefined)?.recordFinding?.finding.id;
      if (id === undefined) throw new Error(`fixture finding for ${t}: ${a.text}`);
      return id;
    },
  };
  fixtures = {
    claim,
    nextKey,
    freshClaim: (t) => claimFor(t, nextKey()),
    freshPatient: async (t) => {
      const input = { ...newPatient(nextKey(), t), id: `F-${n}` };
      const a = await postGraphql(stack.url, await ownerToken(t), `mutation($i: RegisterPatientInput!) { registerPatient(input: $i) { id } }`, { i: input });
      if (a.body?.errors !== undefined) throw new Error(`fixture patient: ${a.text}`);
      return input.id as string;
    },
  };
  const rosterImport = {} as Record<Target, string>;
  const alert = {} as Record<Target, string>;
  for (const [i, t] of TARGETS.entries()) {
    alert[t] = await insertAlert(stack.sql, t);
    const a = await postGraphql(stack.url, await ownerToken(t), IMPORT_ROSTER, { d: PLACE[t].district, csv: rosterCsv(t, 900 + i) });
    const id = (a.body?.data as { importRoster?: { import: { id: string } | null } } | undefined)?.importRoster?.import?.id;
    if (id === undefined) throw new Error(`fixture roster import for ${t}: ${a.text}`);
    rosterImport[t] = id;
  }
  more = { alert, rosterImport };
  const maxAudit = async () => Number((await stack.sql<{ m: string | null }>(`select max(id) as m from audit_log`))[0]!.m ?? 0);
  for (const spec of specs) {
    for (const role of ROLES) {
      for (const target of TARGETS) {
        const before = await maxAudit();
        const r = await runCell(stack.url, spec, role, target, fixtures);
        results.push(r);
        if (role !== 'auditor') continue;
        const shown = (await stack.sql<{ id: string; resident_id: string }>(`select id, resident_id from patients`)).filter((p) =>
          r.answer.text.includes(p.resident_id),
        );
        for (const p of shown) {
          const [row] = await stack.sql<{ n: string }>(
            `select count(*) as n from audit_log where id > ? and user_id = 'matrix-auditor' and (entity_id = ? or detail->'patientIds' @> jsonb_build_array(?::text))`,
            [before, p.id, p.id],
          );
          if (Number(row!.n) === 0) unaudited.push(`${r.label} (${target}) showed ${p.id}`);
        }
      }
    }
  }
  // Patients (with their birth dates), and the people of the roster imports (who need not be patients).
  secrets = (
    await stack.sql<{ id: string; resident_id: string; phone: string | null; name: string; birth_date: string | null }>(
      `select id, resident_id, phone, name, to_char(birth_date, 'YYYY-MM-DD') as birth_date from patients union all select 'roster row ' || row_no, resident_id, null, name, null from roster_rows`,
    )
  ).map((p) => ({
    patientId: p.id,
    values: [p.resident_id, p.name, ...(p.phone === null ? [] : [p.phone]), ...(p.birth_date === null ? [] : [p.birth_date])],
  }));
}, 240_000);
afterAll(async () => stack.close());

const leaks = (text: string) => secrets.flatMap((s) => s.values.filter((v) => text.includes(v)).map((v) => `${s.patientId}: ${v}`));

describe('access matrix', () => {
  it('covers every query and mutation of the schema, and the Excel export', async () => {
    const roots = await rootFields();
    const covered = new Set(specs.map((s) => s.op));
    expect([...roots.query, ...roots.mutation].filter((op) => !covered.has(op))).toEqual([]);
    expect(covered.has('export')).toBe(true);
    expect(results).toHaveLength(specs.length * ROLES.length * TARGETS.length);
  });

  it('every cell answers as the scope defines: data where allowed, FORBIDDEN / NOT_FOUND / empty elsewhere', () => {
    const table = specs.map(
      (s) =>
        `${s.label.padEnd(40)} ${ROLES.map((r) => TARGETS.map((t) => results.find((x) => x.label === s.label && x.role === r && x.target === t)?.got ?? '?').join('/')).join(' | ')}`,
    );
    console.log(`access matrix (${ROLES.join(' | ')}; each own/other district/other city):\n${table.join('\n')}`);
    expect(results.filter((r) => r.problem !== null).map((r) => `${r.label} × ${r.role} × ${r.target}: ${r.problem}`)).toEqual([]);
    // deny by default: the matrix is not all data
    expect(results.filter((r) => r.got === 'data').length).toBeLessThan(results.length / 2);
  });

  it('no answer to a role other than the auditor, data or error, carries a resident ID, name, phone, birth date or sex unmasked', () => {
    expect(results.filter((r) => r.role !== 'auditor').flatMap((r) => leaks(r.answer.text).map((l) => `${r.label} × ${r.role} × ${r.target}: ${l}`))).toEqual(
      [],
    );
    expect(
      results.filter((r) => r.role !== 'auditor' && /"sex":"(MALE|FEMALE)"/.test(r.answer.text)).map((r) => `${r.label} × ${r.role} × ${r.target}`),
    ).toEqual([]);
    // what the matrix asked for was there to leak: the patient cells selected sex and birth date
    expect(
      results
        .filter((r) => r.role === 'district_bureau' && r.label === 'patient(id)' && r.got === 'data')
        .every((r) => r.answer.text.includes('"sex":null') && r.answer.text.includes('"birthDate":null')),
    ).toBe(true);
  });

  it('the auditor sees personal data unmasked, and every such answer wrote its audit row', async () => {
    const a = await postGraphql(stack.url, await viewerToken('auditor'), `{ patient(id: "P1") { residentId phone name sex birthDate ageBand } }`);
    // born 1950-01-01, seen on the stack's today (2025-06-30): 75 full years
    expect(a.body?.data).toEqual({
      patient: { residentId: '320213195001010013', phone: '13800000001', name: '王建国', sex: 'MALE', birthDate: '1950-01-01', ageBand: '75–79' },
    });
    const bureau = await postGraphql(stack.url, await viewerToken('district_bureau'), `{ patient(id: "P1") { residentId sex birthDate ageBand } }`);
    expect(bureau.body?.data).toEqual({ patient: { residentId: '320213********00*3', sex: null, birthDate: null, ageBand: '75–79' } });
    expect(results.filter((r) => r.role === 'auditor' && leaks(r.answer.text).length > 0).length).toBeGreaterThan(0);
    expect(unaudited).toEqual([]);
  });

  it('the Excel export carries no personal data', async () => {
    for (const role of ['city_leadership', 'district_bureau'] as const) {
      const res = await fetch(`${stack.url}/reports/quarterly.xlsx?regionCode=320213&year=2025&quarter=2`, {
        headers: { authorization: `Bearer ${await viewerToken(role)}` },
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const cells: string[] = [];
      wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value)))));
      expect(cells.length).toBeGreaterThan(0);
      expect(leaks(cells.join('\n'))).toEqual([]);
    }
  });

  it('an institution operator reaches nothing of another institution in its own district', async () => {
    const operator = await viewerToken('institution_operator');
    const bureau = await ownerToken('own district');
    const atHospital = await postGraphql(stack.url, bureau, `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { claim { id } } }`, {
      i: {
        idempotencyKey: 'op-h2',
        patientId: 'P1',
        institutionId: 'I-LX-H2',
        serviceDate: '2025-05-03',
        pathway: 'DESIGNATED',
        lines: [{ drugCode: 'indapamide', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 900 }],
      },
    });
    const id = (atHospital.body?.data as { submitClaim: { claim: { id: string } } }).submitClaim.claim.id;
    const code = (a: { body: { errors?: { extensions?: Record<string, unknown> }[] } | null }) => a.body?.errors?.[0]?.extensions?.code;
    expect(code(await postGraphql(stack.url, operator, `query($id: ID!) { claim(id: $id) { id } }`, { id }))).toBe('NOT_FOUND');
    const write = await postGraphql(stack.url, operator, `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { claim { id } } }`, {
      i: {
        idempotencyKey: 'op-h2-own',
        patientId: 'P1',
        institutionId: 'I-LX-H2',
        serviceDate: '2025-05-04',
        pathway: 'DESIGNATED',
        lines: [{ drugCode: 'indapamide', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 900 }],
      },
    });
    expect(code(write)).toBe('FORBIDDEN');
    const undesignated = await fixtures.freshPatient('own district');
    expect(code(await postGraphql(stack.url, operator, `query($id: ID!) { patient(id: $id) { id } }`, { id: undesignated }))).toBe('NOT_FOUND');
  });

  it("an institution operator's statistics are its own institution's figures, not its district's", async () => {
    // a claim at another institution of the district, so that the district's figures and the operator's institution's differ
    const bureau = await ownerToken('own district');
    const other = await postGraphql(stack.url, bureau, `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { claim { fundFen } } }`, {
      i: {
        idempotencyKey: 'op-stats-h2',
        patientId: 'P1',
        institutionId: 'I-LX-H2',
        serviceDate: '2025-05-20',
        pathway: 'DESIGNATED',
        lines: [{ drugCode: 'amlodipine', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 2_000 }],
      },
    });
    expect(other.body?.errors).toBeUndefined();
    const fields = `institutionId children { region { code } } indicators { managedPatients knownPatients claims: benefitUses fundPaidFen drugCostFen beneficiaries awareness { numerator denominator rate unavailableReason } standardisedManagement { numerator denominator } }`;
    const q = `{ statistics(regionCode: "320213", year: 2025, quarter: 2) { ${fields} } institutionStatistics(regionCode: "320213", year: 2025, quarter: 2) { institution { id } indicators { managedPatients knownPatients claims: benefitUses fundPaidFen drugCostFen beneficiaries standardisedManagement { numerator denominator } } } }`;
    type Answer = {
      statistics: {
        institutionId: string | null;
        children: unknown[];
        indicators: Record<string, unknown> & { awareness: { denominator: number | null; rate: number | null }; fundPaidFen: number };
      };
      institutionStatistics: { institution: { id: string }; indicators: Record<string, unknown> }[];
    };
    const asBureau = (await postGraphql(stack.url, bureau, q)).body?.data as Answer;
    const asOperator = (await postGraphql(stack.url, await viewerToken('institution_operator'), q)).body?.data as Answer;
    const own = asBureau.institutionStatistics.find((r) => r.institution.id === 'I-LX-CHC')!;
    const { awareness, ...operatorFigures } = asOperator.statistics.indicators;
    expect(asOperator.statistics.institutionId).toBe('I-LX-CHC');
    expect(asOperator.statistics.children).toEqual([]);
    expect(operatorFigures).toEqual(own.indicators);
    // an institution has no census population: no awareness denominator (the district's would be another figure), and it says so
    expect(awareness).toEqual({
      numerator: expect.any(Number),
      denominator: null,
      rate: null,
      unavailableReason: 'population figures are kept per district; awareness is not estimated per institution',
    });
    expect(asBureau.statistics.institutionId).toBeNull();
    expect(asOperator.statistics.indicators.fundPaidFen).toBeLessThan(asBureau.statistics.indicators.fundPaidFen);
    expect(asBureau.statistics.indicators.awareness.denominator).toBeGreaterThan(0);
    // the trend is the same figures, quarter by quarter
    const trend = (
      await postGraphql(
        stack.url,
        await viewerToken('institution_operator'),
        `{ statisticsTrend(regionCode: "320213", year: 2025, quarter: 2, quarters: 1) { indicators { fundPaidFen } } }`,
      )
    ).body?.data as { statisticsTrend: { indicators: { fundPaidFen: number } }[] };
    expect(trend.statisticsTrend.map((p) => p.indicators.fundPaidFen)).toEqual([own.indicators.fundPaidFen]);
  });

  it('refused writes changed nothing', async () => {
    // The read-only roles wrote only what the matrix allows them: the leadership group's, in each of its city's two districts —
    // a budget, a configuration value, and the city's reference data (regions, institutions, population figures). The auditor nothing.
    const writes = await stack.sql<{ user_id: string; action: string; n: string }>(
      `select user_id, action, count(*) as n from audit_log where user_id in ('matrix-city_leadership', 'matrix-auditor') and action not in ('patient.read', 'patient.list', 'roster.read_unmasked', 'audit_log.read') group by 1, 2 order by 1, 2`,
    );
    const leadership = [
      'configuration.set',
      'fund_budget.set',
      'institution.close',
      'institution.create',
      'institution.grant_two_disease_treatment',
      'institution.import.create',
      'institution.update',
      'institution.withdraw_two_disease_treatment',
      'population.set',
      'region.close',
      'region.create',
      'region.rename',
    ];
    expect(writes.map((w) => [w.user_id, w.action, Number(w.n)])).toEqual(leadership.map((a) => ['matrix-city_leadership', a, 2]));
    const [c] = await stack.sql<{ n: string }>(`select count(*) as n from claims where submitted_by in ('matrix-city_leadership', 'matrix-auditor')`);
    expect(Number(c!.n)).toBe(0);
    const registered = await stack.sql<{ id: string }>(`select id from patients where id like 'M-%'`);
    expect(registered).toHaveLength(1);
  });
});

describe('tokens', () => {
  it('expired, forged, unsigned and otherwise bad tokens are refused with 401 on GraphQL and on the export', async () => {
    for (const [label, auth] of Object.entries(await badTokens())) {
      if (auth === null) continue;
      const g = await httpRequest(`${stack.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: auth },
        body: JSON.stringify({ query: '{ viewer { userId } }' }),
      });
      expect([label, g.status, g.body?.errors?.[0]?.extensions?.code]).toEqual([label, 401, 'UNAUTHENTICATED']);
      const x = await httpRequest(`${stack.url}/reports/quarterly.xlsx?regionCode=320213&year=2025&quarter=2`, { headers: { authorization: auth } });
      expect([label, x.status, x.body?.errors?.[0]?.extensions?.code]).toEqual([label, 401, 'UNAUTHENTICATED']);
    }
  });
});

describe('production mode', () => {
  let prod: RunningServer;
  beforeAll(async () => {
    prod = await listen({ orm: stack.orm, services: createServices([GUIYANG_DEMO_OVERRIDE], () => STACK_TODAY), secret: SECRET, production: true }, 0);
  });
  afterAll(async () => prod.stop());

  it('refuses introspection', async () => {
    const token = await viewerToken('auditor');
    for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "Patient") { fields { name } } }']) {
      const a = await postGraphql(prod.url, token, query);
      expect(a.body?.data ?? null).toBeNull();
      expect(a.body?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('serves no explorer, no explorer files and no demo tokens', async () => {
    for (const path of ['/', '/graphql', '/ruru-static/ruru.js', '/demo-tokens']) {
      const a = await httpRequest(`${prod.url}${path}`, { headers: { accept: 'text/html' } });
      expect([path, a.status, a.text.includes('<html')]).toEqual([path, 404, false]);
    }
  });

  it('still answers queries, and its errors carry no stack trace', async () => {
    const token = await viewerToken('district_bureau');
    const ok = await postGraphql(prod.url, token, '{ viewer { userId } }');
    expect(ok.body?.data).toEqual({ viewer: { userId: 'matrix-district_bureau' } });
    const bad = await postGraphql(prod.url, token, '{ claims(filter: { from: "0000-01-01" }) { totalCount } }');
    expect(bad.body?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.text).not.toContain('stacktrace');
  });
});
