/**
 * The access matrix of patients' lives and of configuration values (issue #16).
 *
 * Patients' lives (modules/patients/patient-life*, patient-records): a patient the viewer cannot
 * see is NOT_FOUND; a visible one is changed by its district's bureau only (scope.assertWrite
 * 'patient'), and a follow-up also by the operator of the institution that recorded it. Every cell
 * acts on a fresh patient of the target's district, registered (and given what the write needs: a
 * residence, a departure, a certificate, a follow-up) by that district's own bureau, so that no cell
 * depends on another's answer.
 *
 * Configuration: read by the city's bureau roles, not by institutions (scope.assertConfigurationRead);
 * written by the city's leadership group only (assertCityWrite 'configuration').
 */
import type { Fixtures, Outcome, Role, Spec, Target } from './access';
import { ownerToken, PLACE, visible } from './access';
import { postGraphql } from './client';

const writeOn =
  (may: (r: Role) => boolean) =>
  (r: Role, t: Target): Outcome =>
    !visible(r, t) ? 'NOT_FOUND' : t === 'own district' && may(r) ? 'data' : 'FORBIDDEN';
const bureau = writeOn((r) => r === 'district_bureau');
const configRead = (r: Role, t: Target): Outcome => (t !== 'other city' && r !== 'institution_operator' ? 'data' : 'FORBIDDEN');
const configWrite = (r: Role, t: Target): Outcome => (t !== 'other city' && r === 'city_leadership' ? 'data' : 'FORBIDDEN');
const readRegion = (r: Role, t: Target): Outcome => (visible(r, t) ? 'data' : 'FORBIDDEN');

/** Sends a set-up request as the target district's own bureau and answers its data. */
async function asOwner(url: string, t: Target, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const a = await postGraphql(url, await ownerToken(t), query, variables);
  if (a.body?.errors !== undefined || a.body?.data == null) throw new Error(`lives fixture: ${a.text}`);
  return a.body.data as Record<string, unknown>;
}

const CERTIFY = `mutation($p: ID!, $no: String!, $i: ID!) { certifyPatient(patientId: $p, certificateNo: $no, certifiedOn: "2025-06-01", institutionId: $i, diseases: [HYPERTENSION]) { id } }`;

export function livesSpecs(url: () => string): Spec[] {
  const fresh = (f: Fixtures, t: Target) => f.freshPatient(t);
  const certified = async (f: Fixtures, t: Target) => {
    const p = await fresh(f, t);
    await asOwner(url(), t, CERTIFY, { p, no: `MXL-${p}`, i: PLACE[t].institution });
    return p;
  };
  const followUp = async (f: Fixtures, t: Target) => {
    const p = await fresh(f, t);
    const d = await asOwner(url(), t, `mutation($i: FollowUpInput!) { recordFollowUp(input: $i) }`, {
      i: { patientId: p, institutionId: PLACE[t].institution, date: '2025-06-15', faceToFace: true, systolic: 128, diastolic: 82 },
    });
    return d.recordFollowUp as string;
  };
  return [
    {
      op: 'updatePatient',
      label: 'updatePatient',
      expect: bureau,
      request: async (f, t) => ({
        query: `mutation($p: ID!) { updatePatient(patientId: $p, changes: { phone: "13900000001" }, reason: "matrix") { id } }`,
        variables: { p: await fresh(f, t) },
      }),
    },
    {
      op: 'changeInsuranceScheme',
      label: 'changeInsuranceScheme',
      expect: bureau,
      request: async (f, t) => ({
        query: `mutation($p: ID!) { changeInsuranceScheme(patientId: $p, scheme: EMPLOYEE, effectiveFrom: "2025-03-01", reason: "matrix") { id } }`,
        variables: { p: await fresh(f, t) },
      }),
    },
    {
      op: 'recordResidenceElsewhere',
      label: 'recordResidenceElsewhere',
      expect: bureau,
      request: async (f, t) => ({
        query: `mutation($p: ID!) { recordResidenceElsewhere(patientId: $p, from: "2025-02-01", place: "上海市", note: "matrix") { id } }`,
        variables: { p: await fresh(f, t) },
      }),
    },
    {
      op: 'endResidenceElsewhere',
      label: 'endResidenceElsewhere',
      expect: bureau,
      request: async (f, t) => {
        const p = await fresh(f, t);
        const d = await asOwner(
          url(),
          t,
          `mutation($p: ID!) { recordResidenceElsewhere(patientId: $p, from: "2025-02-01", place: "上海市", note: "matrix") { residencesElsewhere { id } } }`,
          { p },
        );
        const id = (d.recordResidenceElsewhere as { residencesElsewhere: { id: string }[] }).residencesElsewhere[0]!.id;
        return {
          query: `mutation($p: ID!, $r: ID!) { endResidenceElsewhere(patientId: $p, residenceId: $r, to: "2025-05-31", reason: "matrix") { id } }`,
          variables: { p, r: id },
        };
      },
    },
    {
      op: 'recordDeath',
      label: 'recordDeath',
      expect: bureau,
      request: async (f, t) => ({
        query: `mutation($p: ID!) { recordDeath(patientId: $p, on: "2025-05-01") { patient { id } } }`,
        variables: { p: await fresh(f, t) },
      }),
    },
    {
      op: 'recordMoveAway',
      label: 'recordMoveAway',
      expect: bureau,
      request: async (f, t) => ({
        query: `mutation($p: ID!) { recordMoveAway(patientId: $p, on: "2025-05-01") { patient { id } } }`,
        variables: { p: await fresh(f, t) },
      }),
    },
    {
      op: 'undoDeparture',
      label: 'undoDeparture',
      expect: bureau,
      request: async (f, t) => {
        const p = await fresh(f, t);
        await asOwner(url(), t, `mutation($p: ID!) { recordMoveAway(patientId: $p, on: "2025-05-01") { patient { id } } }`, { p });
        return { query: `mutation($p: ID!) { undoDeparture(patientId: $p, reason: "matrix") { id } }`, variables: { p } };
      },
    },
    {
      op: 'revokeCertificate',
      label: 'revokeCertificate',
      expect: bureau,
      request: async (f, t) => {
        const p = await certified(f, t);
        return {
          query: `mutation($p: ID!, $no: String!) { revokeCertificate(patientId: $p, certificateNo: $no, on: "2025-07-01", reason: "matrix") { id } }`,
          variables: { p, no: `MXL-${p}` },
        };
      },
    },
    {
      op: 'renewCertificate',
      label: 'renewCertificate',
      expect: bureau,
      request: async (f, t) => {
        const p = await certified(f, t);
        return {
          query: `mutation($p: ID!, $no: String!, $i: ID!) { renewCertificate(patientId: $p, certificateNo: $no, diseases: [HYPERTENSION], on: "2025-07-01", institutionId: $i) { id } }`,
          variables: { p, no: `MXR-${p}`, i: PLACE[t].institution },
        };
      },
    },
    // The operator of I-LX-CHC recorded none of these follow-ups' institutions outside its own district; in its own, the follow-up is its institution's.
    {
      op: 'correctFollowUp',
      label: 'correctFollowUp',
      expect: writeOn((r) => r === 'district_bureau' || r === 'institution_operator'),
      request: async (f, t) => ({
        query: `mutation($id: ID!) { correctFollowUp(id: $id, changes: { systolic: 126 }, reason: "matrix") }`,
        variables: { id: await followUp(f, t) },
      }),
    },
    {
      op: 'deleteFollowUp',
      label: 'deleteFollowUp',
      expect: writeOn((r) => r === 'district_bureau' || r === 'institution_operator'),
      request: async (f, t) => ({ query: `mutation($id: ID!) { deleteFollowUp(id: $id, reason: "matrix") }`, variables: { id: await followUp(f, t) } }),
    },
    {
      op: 'configuration',
      label: 'configuration(city)',
      expect: configRead,
      request: (_f, t) => ({
        query: `query($c: String!) { configuration(cityCode: $c, date: "2025-06-30") { key configured } }`,
        variables: { c: PLACE[t].city },
      }),
    },
    {
      op: 'headlineTargets',
      label: 'headlineTargets(region)',
      expect: readRegion,
      request: (_f, t) => ({
        query: `query($r: String!) { headlineTargets(regionCode: $r, year: 2025, quarter: 2) { indicator } }`,
        variables: { r: PLACE[t].district },
      }),
    },
    {
      // a date of its own per target, so that the leadership's two allowed cells never set the same row
      op: 'setConfigurationValue',
      label: 'setConfigurationValue',
      expect: configWrite,
      request: (_f, t) => ({
        query: `mutation($c: String!, $from: String!) { setConfigurationValue(cityCode: $c, key: "monitoring.earlyRefillDaysLeft", validFrom: $from, value: 8, source: { kind: BUREAU, note: "matrix" }) { id } }`,
        variables: { c: PLACE[t].city, from: t === 'own district' ? '2030-01-01' : '2030-01-02' },
      }),
    },
  ];
}
