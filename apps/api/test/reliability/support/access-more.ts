/**
 * The access matrix of the operations added after the first API: monitoring cases, roster
 * imports, credit records, fund budgets, scorecards, drug availability, capitation, catalogue
 * versions, what-if and the audit log. Their rules, from the services: cases, credit records, scorecards, drug
 * availability, the fund watch and what-if are the bureau's and the leadership's (an institution operator gets
 * FORBIDDEN: none of them is an institution's figure); roster imports are not shown to operators at all;
 * the audit log is the auditors' alone; catalogue versions are written by
 * the city's leadership group; budgets by a district's bureau or its city's leadership group.
 */
import type { Fixtures, Outcome, Role, Spec, Target } from './access';
import { PLACE, visible } from './access';
import { residentId, type Sql } from './stack';

/** What the newer operations need: a monitoring case and a roster import in each target's district. */
export interface MoreFixtures {
  alert: Record<Target, string>;
  rosterImport: Record<Target, string>;
}

const bureauOnly =
  (read: (r: Role, t: Target) => Outcome) =>
  (r: Role, t: Target): Outcome =>
    r === 'institution_operator' ? 'FORBIDDEN' : read(r, t);
const readRegion = (r: Role, t: Target): Outcome => (visible(r, t) ? 'data' : 'FORBIDDEN');
const readOne = (r: Role, t: Target): Outcome => (visible(r, t) ? 'data' : 'NOT_FOUND');
const bureauWrite = (r: Role, t: Target): Outcome => (!visible(r, t) ? 'NOT_FOUND' : r === 'district_bureau' ? 'data' : 'FORBIDDEN');
const ownCity = (t: Target) => t !== 'other city';

/** A roster of one person unknown to the insurance rolls (row 2, to be mobilised), with a resident ID made unique by `seq`. */
export function rosterCsv(t: Target, seq: number): string {
  return `身份证号,姓名,病种,管理机构编码\n${residentId(`${PLACE[t].district}19800101${String(seq % 1000).padStart(3, '0')}`)},孙未保,高血压,${PLACE[t].institution}\n`;
}

export const IMPORT_ROSTER = `mutation($d: String!, $csv: String!) { importRoster(districtCode: $d, csv: $csv, acceptValidRows: true) { import { id districtCode rows { nodes { rowNo residentId name outcome } } } } }`;

export async function insertAlert(sql: Sql, t: Target): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `insert into alerts (district_code, kind, evidence_key, patient_id, institution_id, evidence, occurred_on) values (?, 'EARLY_REFILL', ?, ?, ?, '{}'::jsonb, '2025-05-01') returning id::text as id`,
    [PLACE[t].district, `matrix-${t}`, PLACE[t].patient, PLACE[t].institution],
  );
  return row!.id;
}

/** Wuxi defines its drugs by ATC group (W-2), not by a published catalogue: past the access check, that rule answers. */
const CATALOGUE_RULE: Outcome = 'BAD_USER_INPUT';

export function moreSpecs(more: () => MoreFixtures): Spec[] {
  const region = (op: string, args: string, selection: string) => (_f: Fixtures, t: Target) => ({
    query: `query($r: String!) { ${op}(regionCode: $r${args}) ${selection} }`,
    variables: { r: PLACE[t].district },
  });
  return [
    {
      op: 'alerts',
      label: 'alerts(regionCode)',
      expect: bureauOnly(readRegion),
      request: (_f, t) => ({
        query: `query($r: String) { alerts(first: 10, filter: { regionCode: $r }) { nodes { id districtCode } } }`,
        variables: { r: PLACE[t].district },
      }),
    },
    {
      op: 'alert',
      label: 'alert(id)',
      expect: bureauOnly(readOne),
      request: (_f, t) => ({ query: `query($id: ID!) { alert(id: $id) { id districtCode patientId } }`, variables: { id: more().alert[t] } }),
    },
    {
      op: 'runMonitoring',
      label: 'runMonitoring',
      expect: (r, t) => (r === 'district_bureau' && t === 'own district' ? 'data' : 'FORBIDDEN'),
      request: (_f, t) => ({
        query: `mutation($r: String!) { runMonitoring(regionCode: $r, from: "2025-01-01", to: "2025-12-31") { districts } }`,
        variables: { r: PLACE[t].district },
      }),
    },
    {
      op: 'updateAlert',
      label: 'updateAlert',
      expect: bureauOnly(bureauWrite),
      request: (_f, t) => ({
        query: `mutation($id: ID!) { updateAlert(id: $id, note: "matrix", reverseClaims: false) { alert { id } } }`,
        variables: { id: more().alert[t] },
      }),
    },
    {
      op: 'importRoster',
      label: 'importRoster',
      expect: (r, t) => (r === 'district_bureau' && t === 'own district' ? 'data' : 'FORBIDDEN'),
      request: (f, t) => ({ query: IMPORT_ROSTER, variables: { d: PLACE[t].district, csv: rosterCsv(t, Number(f.nextKey().replace(/\D/g, ''))) } }),
    },
    {
      op: 'rosterImport',
      label: 'rosterImport(id)',
      expect: (r, t) => (r !== 'institution_operator' && visible(r, t) ? 'data' : 'NOT_FOUND'),
      request: (_f, t) => ({
        query: `query($id: ID!) { rosterImport(id: $id) { id districtCode rows { nodes { residentId name outcome } } } }`,
        variables: { id: more().rosterImport[t] },
      }),
    },
    {
      op: 'rosterImports',
      label: 'rosterImports(districtCode)',
      expect: (r, t) => (r !== 'institution_operator' && visible(r, t) ? 'data' : 'empty'),
      empty: (d) => (d.rosterImports as unknown[]).length === 0,
      request: (_f, t) => ({ query: `query($d: String) { rosterImports(districtCode: $d) { id districtCode } }`, variables: { d: PLACE[t].district } }),
    },
    {
      op: 'certifyInBulk',
      label: 'certifyInBulk',
      expect: bureauWrite,
      request: (_f, t) => ({ query: `mutation($id: ID!) { certifyInBulk(importId: $id) { certified } }`, variables: { id: more().rosterImport[t] } }),
    },
    {
      op: 'recordUninsuredReason',
      label: 'recordUninsuredReason',
      expect: bureauWrite,
      request: (_f, t) => ({
        query: `mutation($id: ID!) { recordUninsuredReason(importId: $id, rowNo: 2, reason: INSURED_ELSEWHERE) { rowNo outcome } }`,
        variables: { id: more().rosterImport[t] },
      }),
    },
    {
      op: 'creditRecords',
      label: 'creditRecords(district)',
      expect: bureauOnly(readRegion),
      request: region('creditRecords', ', subjectType: INSTITUTION, first: 10, eventsPerRecord: 2', '{ totalCount nodes { subjectId districtCode } }'),
    },
    {
      op: 'recordCreditEvent',
      label: 'recordCreditEvent',
      expect: bureauOnly(bureauWrite),
      request: (f, t) => ({
        query: `mutation($i: CreditEventInput!) { recordCreditEvent(input: $i) { id } }`,
        variables: {
          i: { subjectType: 'INSTITUTION', subjectId: PLACE[t].institution, points: 5, occurredOn: '2025-06-01', note: 'matrix', key: f.nextKey() },
        },
      }),
    },
    { op: 'fundWatch', label: 'fundWatch(district)', expect: bureauOnly(readRegion), request: region('fundWatch', ', year: 2025', '{ year region { code } }') },
    {
      op: 'setFundBudget',
      label: 'setFundBudget',
      expect: (r, t) => ((r === 'district_bureau' && t === 'own district') || (r === 'city_leadership' && ownCity(t)) ? 'data' : 'FORBIDDEN'),
      request: (_f, t) => ({
        query: `mutation($i: FundBudgetInput!) { setFundBudget(input: $i) { districtCode } }`,
        variables: { i: { districtCode: PLACE[t].district, year: 2025, budgetFen: 100_000_000, source: 'matrix budget notice' } },
      }),
    },
    {
      op: 'institutionScorecards',
      label: 'institutionScorecards(district)',
      expect: bureauOnly(readRegion),
      request: region('institutionScorecards', ', year: 2025, quarter: 2, primaryOnly: false', '{ scorecards { institution { id } } }'),
    },
    {
      op: 'drugAvailability',
      label: 'drugAvailability(district)',
      expect: bureauOnly(readRegion),
      request: region('drugAvailability', ', year: 2025, quarter: 2', '{ institutions { institution { id } } }'),
    },
    {
      op: 'capitationSettlement',
      label: 'capitationSettlement(district)',
      expect: readRegion,
      request: region('capitationSettlement', ', year: 2025', '{ year institutions { institutionId } }'),
      check: (d, _t, r) =>
        r === 'institution_operator' &&
        (d.capitationSettlement as { institutions: { institutionId: string }[] }).institutions.some((x) => x.institutionId !== 'I-LX-CHC')
          ? 'another institution'
          : null,
    },
    {
      op: 'catalogueVersions',
      label: 'catalogueVersions(city)',
      expect: (_r, t) => (ownCity(t) ? 'data' : 'NOT_FOUND'),
      request: (_f, t) => ({ query: `query($c: String!) { catalogueVersions(cityCode: $c) { id } }`, variables: { c: PLACE[t].city } }),
    },
    {
      op: 'catalogueDiff',
      label: 'catalogueDiff(city)',
      expect: () => 'NOT_FOUND', // another city's: the city is not found; its own: the versions named are not
      request: (_f, t) => ({
        query: `query($c: String!) { catalogueDiff(cityCode: $c, fromVersion: "a", toVersion: "b") { added { drugCode } } }`,
        variables: { c: PLACE[t].city },
      }),
    },
    {
      op: 'loadCatalogueVersion',
      label: 'loadCatalogueVersion',
      expect: (r, t) => (r === 'city_leadership' && ownCity(t) ? CATALOGUE_RULE : 'FORBIDDEN'),
      request: (_f, t) => ({
        query: `mutation($c: String!) { loadCatalogueVersion(cityCode: $c, effectiveFrom: "2025-09-01", rows: []) { version { id } } }`,
        variables: { c: PLACE[t].city },
      }),
    },
    {
      // the auditors' (scope.ts assertAuditRead): a district of their city; another city's is refused like any region
      op: 'auditLog',
      label: 'auditLog(districtCode)',
      expect: (r, t) => (r === 'auditor' && ownCity(t) ? 'data' : 'FORBIDDEN'),
      request: (_f, t) => ({
        query: `query($d: String) { auditLog(filter: { districtCode: $d }, first: 20) { nodes { districtCode action userId patientIds } } }`,
        variables: { d: PLACE[t].district },
      }),
      check: (d, t) => {
        const nodes = (d.auditLog as { nodes: { districtCode: string }[] }).nodes;
        return nodes.length === 0 ? 'no rows' : nodes.some((n) => n.districtCode !== PLACE[t].district) ? 'a row of another district' : null;
      },
    },
    {
      op: 'whatIf',
      label: 'whatIf(district)',
      expect: bureauOnly(readRegion),
      request: (_f, t) => ({
        query: `query($i: WhatIfInput!) { whatIf(input: $i) { claimsReplayed } }`,
        variables: { i: { regionCode: PLACE[t].district, from: '2025-01-01', to: '2025-12-31', name: 'matrix', parameters: { capOneDiseaseFen: 90_000 } } },
      }),
    },
  ];
}
