/**
 * The access matrix of family-doctor signings (modules/signing). Their rule (auth/scope.ts
 * assertSigningWrite): a signing belongs to the patient's district; its bureau records and ends it,
 * and so does the operator of the patient's designated institution for a team of that institution.
 * A patient the viewer cannot see is NOT_FOUND; a visible one written by anyone else is FORBIDDEN.
 * Every cell of recordSigning sends the same signing of the target's patient (a second one is a
 * replay, data again); every cell of endSigning ends a one-day signing of its own, made first by
 * the target district's bureau, so no cell depends on another's answer.
 */
import type { Outcome, Role, Spec, Target } from './access';
import { ownerToken, PLACE, visible } from './access';
import { postGraphql } from './client';

const signingWrite = (r: Role, t: Target): Outcome =>
  !visible(r, t) ? 'NOT_FOUND' : t === 'own district' && (r === 'district_bureau' || r === 'institution_operator') ? 'data' : 'FORBIDDEN';

const RECORD = `mutation($i: RecordSigningInput!) { recordSigning(input: $i) { signing { id districtCode } } }`;

export function signingSpecs(url: () => string): Spec[] {
  let day = 0;
  /** a one-day signing of the target's patient in 2024, recorded by its district's bureau */
  const freshSigning = async (t: Target): Promise<string> => {
    const on = new Date(Date.UTC(2024, 0, 1 + day++)).toISOString().slice(0, 10);
    const a = await postGraphql(url(), await ownerToken(t), RECORD, {
      i: { patientId: PLACE[t].patient, institutionId: PLACE[t].institution, teamCode: `MX-${day}`, teamName: '矩阵团队', validFrom: on, validTo: on },
    });
    const id = (a.body?.data as { recordSigning?: { signing: { id: string } } } | undefined)?.recordSigning?.signing.id;
    if (id === undefined) throw new Error(`signing fixture for ${t}: ${a.text}`);
    return id;
  };
  return [
    {
      op: 'recordSigning',
      label: 'recordSigning',
      expect: signingWrite,
      request: (_f, t) => ({
        query: RECORD,
        variables: {
          i: {
            patientId: PLACE[t].patient,
            institutionId: PLACE[t].institution,
            teamCode: 'MX-T',
            teamName: '矩阵家庭医生团队',
            validFrom: '2025-01-01',
            validTo: '2025-12-31',
          },
        },
      }),
      check: (d, t) => {
        const s = (d.recordSigning as { signing: { districtCode: string } }).signing;
        return s.districtCode === PLACE[t].district ? null : `stored in ${s.districtCode}`;
      },
    },
    {
      op: 'endSigning',
      label: 'endSigning',
      expect: signingWrite,
      request: async (_f, t) => {
        const id = await freshSigning(t);
        const on = (await postGraphql(url(), await ownerToken(t), `query($p: ID!) { patient(id: $p) { signings { id validFrom } } }`, { p: PLACE[t].patient }))
          .body?.data as { patient: { signings: { id: string; validFrom: string }[] } };
        return {
          query: `mutation($id: ID!, $on: String!, $r: String!) { endSigning(signingId: $id, endedOn: $on, reason: $r) { id ended } }`,
          variables: { id, on: on.patient.signings.find((s) => s.id === id)!.validFrom, r: 'matrix' },
        };
      },
    },
  ];
}
