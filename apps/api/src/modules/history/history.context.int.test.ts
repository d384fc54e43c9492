import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeResidentId } from '@liangbing/policy';
import { startHarness, TODAY, type Harness } from '../../../test/harness';
import { exec } from '../../db/sql';
import type { Viewer } from '../../auth/tokens';
import { runHistoryImport } from './history.import';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => h?.close());

const importer: Viewer = { userId: 'importer-ctx', role: 'history_importer', cityCode: '320200', districtCode: null, institutionId: null };
const line = (o: Record<string, unknown>) => JSON.stringify(o);

/** One patient's history: two certificates (the first revoked), designations out of date order, claims in and out of certification. */
function patientFile(id: string, seq: number): string[] {
  const d = '320213';
  const claim = (n: number, serviceDate: string, drugCode: string, amountFen: number, fundFen: number) =>
    line({
      kind: 'claim',
      districtCode: d,
      key: `${id}-C${n}`,
      patientId: id,
      institutionId: 'I-LX-CHC',
      serviceDate,
      pathway: 'designated',
      lines: [{ drugCode, form: 'oral', quantity: 30, daysSupply: 30, amountFen }],
      fundFen,
    });
  return [
    line({
      kind: 'patient',
      districtCode: d,
      id,
      residentId: makeResidentId(d, '1958-03-03', seq, 'female'),
      name: '钱语境',
      streetCode: '320213001',
      scheme: 'resident',
      managed: true,
      managedSince: '2019-01-01',
      managingInstitutionId: 'I-LX-CHC',
      chronicProgrammeDiseases: ['hypertension'],
      diseases: [
        { disease: 'hypertension', diagnosedOn: '2010-04-01' },
        { disease: 'diabetes', diabetesType: 'type2', diagnosedOn: '2015-09-01' },
      ],
    }),
    line({
      kind: 'certification',
      districtCode: d,
      patientId: id,
      certificateNo: `${id}-A`,
      certifiedOn: '2019-02-01',
      institutionId: 'I-LX-CHC',
      diseases: ['hypertension'],
      revokedOn: '2024-03-01',
    }),
    line({
      kind: 'certification',
      districtCode: d,
      patientId: id,
      certificateNo: `${id}-B`,
      certifiedOn: '2024-05-01',
      institutionId: 'I-LX-CHC',
      diseases: ['hypertension', 'diabetes'],
    }),
    line({ kind: 'designation', districtCode: d, patientId: id, institutionId: 'I-LX-CHC', validFrom: '2024-07-01', requestedOn: '2024-06-20' }),
    line({
      kind: 'designation',
      districtCode: d,
      patientId: id,
      institutionId: 'I-LX-CHC',
      validFrom: '2023-01-01',
      validTo: '2024-06-30',
      requestedOn: '2022-12-01',
      atEnrolment: true,
    }),
    line({ kind: 'generalOutpatient', districtCode: d, patientId: id, year: 2024, fundPaidFen: 50_000, exhausted: true }),
    line({ kind: 'generalOutpatient', districtCode: d, patientId: id, year: 2025, fundPaidFen: 50_000, exhausted: true }),
    claim(1, '2024-01-15', 'amlodipine', 3000, 1800),
    claim(2, '2024-02-10', 'amlodipine', 3000, 1800),
    claim(3, '2024-04-10', 'amlodipine', 3000, 0),
    claim(4, '2024-06-10', 'metformin', 4000, 2400),
    claim(5, '2024-08-10', 'amlodipine', 3000, 1800),
    claim(6, '2025-01-10', 'metformin', 4000, 2400),
  ];
}

const importOf = (rows: string[], source: string, chunkRows: number) =>
  runHistoryImport(
    h.orm.em.fork(),
    (async function* () {
      yield* rows;
    })(),
    { viewer: importer, source, today: TODAY, overrides: [], chunkRows, resume: false },
  );

const decided = (patientId: string) =>
  exec<Record<string, unknown>>(
    h.orm.em.fork(),
    `select c.service_date::text, c.outcome, c.category, c.rational_use, c.amount_fen::int, c.compliant_fen::int, c.fund_fen::int, c.hit_codes,
            d.decision - 'lines' as decision, jsonb_path_query_array(d.decision, '$.lines[*].hitCodes') as line_hits
       from claims c join claim_documents d on d.district_code = c.district_code and d.claim_id = c.id
      where c.district_code = '320213' and c.patient_id = ? order by c.service_date`,
    [patientId],
  );

describe('history import: a patient stored by the chunk itself', () => {
  it('is decided as one read back from the database (claim_context) is', async () => {
    // P30's rows in one chunk: its context is built from the chunk's rows. P31's, one row a chunk: every claim reads claim_context.
    const together = await importOf(patientFile('P30', 40), 'ctx-together.ndjson', 1000);
    const apart = await importOf(patientFile('P31', 60), 'ctx-apart.ndjson', 1);
    expect(together.rowsRejected).toBe(0);
    expect(together.claimsStored).toBe(6);
    expect(apart.claimsStored).toBe(6);
    const a = await decided('P30');
    const b = await decided('P31');
    expect(a).toHaveLength(6);
    // the chunk's own rows were read: paid while certified and designated, refused in the gap between the certificates
    expect(a.map((r) => r.outcome)).toContain('paid');
    expect(a[0]!.hit_codes).not.toContain('NOT_CERTIFIED');
    expect(a[2]!.hit_codes).toContain('NOT_CERTIFIED');
    expect(a).toEqual(b);
  });
});
