/**
 * A small programme for the integration tests of scorecards, drug availability, credit records,
 * the fund watch and the what-if (test/harness.ts's two Wuxi districts, plus a second community
 * health centre with one patient), with claims submitted through the API so that they are stored
 * exactly as the claim path stores them. The figures the tests expect are worked out by hand here.
 *
 * Wuxi (W-3): 60 % at the designated institution, 50 % on referral; cap 800 yuan for one disease,
 * 1,000 for both, the general-outpatient fund's payments included. P1 (hypertension) has 200 yuan
 * of general-outpatient payments, so 600 yuan of the benefit are left for the year:
 *   c1 P1 2025-02-01 amlodipine 500 yuan → 300 paid (300 left)
 *   c2 P1 2025-03-05 amlodipine 500 yuan → 300 paid (cap reached on 2025-03-05)
 *   c3 P1 2025-04-05 amlodipine 500 yuan → 0
 *   c4 P2 2025-04-10 metformin 120 + levamlodipine 80 yuan → 120 paid
 *   c5 P1 2025-05-06 valsartan 30 yuan at I-LX-H2 on referral → 0 (cap)
 *   c6 P3 2025-01-15 amlodipine 100 yuan at I-JY-THC → 60 paid
 *   c7 P2 2025-05-12 metformin 90 yuan for 90 days: over Wuxi's 60-day limit (W-9)
 *   c8 P4 2025-04-20 valsartan 50 yuan at I-LX-CHC2 → 30 paid
 * With a cap of 1,000 yuan for everyone, P1 has 800 yuan left: c3 pays 200 yuan more, and c5 still
 * nothing, so the fund pays exactly 200 yuan more in 梁溪区 and nothing more in 江阴市.
 */
import { SUBMIT, type Harness } from '../../../test/harness';

export interface SubmittedClaim {
  id: string;
  fundFen: number;
  amountFen: number;
  patientFen: number;
  hitCodes: string[];
}

export type Programme = Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5' | 'c6' | 'c7' | 'c8', SubmittedClaim>;

type Submit = { submitClaim: { claim: { id: string; amountFen: number; fundFen: number; patientFen: number; hits: { code: string }[] } } };

const line = (drugCode: string, amountFen: number, daysSupply = 30, quantity = 30) => ({ drugCode, form: 'ORAL', quantity, daysSupply, amountFen });

export async function seedProgramme(h: Harness): Promise<Programme> {
  await h.sql(
    `insert into institutions values ('I-LX-CHC2','广益街道社区卫生服务中心','community_health_centre','320200','320213','320213001',null,true,true,false)`,
  );
  await h.sql(`insert into patients (district_code, id, resident_id, name, sex, birth_date, street_code, phone, scheme, managed, managed_since, managing_institution_id)
    values ('320213','P4','320213195506060018','赵强','male','1955-06-06','320213001','13800000004','resident',true,'2020-01-01','I-LX-CHC2')`);
  await h.sql(`insert into patient_diseases values ('320213','P4','hypertension',null,'2017-03-01')`);
  await h.sql(`insert into certifications values ('320213','P4','W-0004','2020-01-10','I-LX-CHC2','{hypertension}',null)`);
  await h.sql(`insert into designations values ('320213','P4','2025-01-01',null,'I-LX-CHC2',null,'2024-12-01',true)`);
  await h.sql(
    `insert into benefit_ledger (district_code, patient_id, year, general_outpatient_fund_fen, general_outpatient_exhausted) values ('320213','P4',2025,0,true)`,
  );

  const lx = await h.token({ role: 'district_bureau', districtCode: '320213' });
  const jy = await h.token({ role: 'district_bureau', districtCode: '320281' });
  // c5's referral (W-6), on record as a referral claim now requires
  const referral = await h.gql(
    lx,
    `mutation { recordReferral(input: { patientId: "P1", fromInstitutionId: "I-LX-CHC", toInstitutionId: "I-LX-H2", issuedOn: "2025-05-01", reason: "fixture" }) { referral { id } } }`,
  );
  if (referral.errors !== undefined) throw new Error(`seed referral: ${referral.errors[0]!.message}`);
  const submit = async (token: string, key: string, input: Record<string, unknown>): Promise<SubmittedClaim> => {
    const r = await h.gql<Submit>(token, SUBMIT, { input: { idempotencyKey: key, pathway: 'DESIGNATED', institutionId: 'I-LX-CHC', ...input } });
    if (r.errors !== undefined) throw new Error(`seed claim ${key}: ${r.errors[0]!.message}`);
    const c = r.data!.submitClaim.claim;
    return { id: c.id, fundFen: c.fundFen, amountFen: c.amountFen, patientFen: c.patientFen, hitCodes: [...new Set(c.hits.map((x) => x.code))] };
  };
  return {
    c1: await submit(lx, 'fx-c1', { patientId: 'P1', serviceDate: '2025-02-01', lines: [line('amlodipine', 50_000)] }),
    c2: await submit(lx, 'fx-c2', { patientId: 'P1', serviceDate: '2025-03-05', lines: [line('amlodipine', 50_000)] }),
    c3: await submit(lx, 'fx-c3', { patientId: 'P1', serviceDate: '2025-04-05', lines: [line('amlodipine', 50_000)] }),
    c4: await submit(lx, 'fx-c4', { patientId: 'P2', serviceDate: '2025-04-10', lines: [line('metformin', 12_000, 30, 60), line('levamlodipine', 8_000)] }),
    c5: await submit(lx, 'fx-c5', {
      patientId: 'P1',
      serviceDate: '2025-05-06',
      institutionId: 'I-LX-H2',
      pathway: 'REFERRAL',
      referralFromInstitutionId: 'I-LX-CHC',
      referralIssuedOn: '2025-05-01',
      lines: [line('valsartan', 3_000)],
    }),
    c6: await submit(jy, 'fx-c6', { patientId: 'P3', serviceDate: '2025-01-15', institutionId: 'I-JY-THC', lines: [line('amlodipine', 10_000)] }),
    c7: await submit(lx, 'fx-c7', { patientId: 'P2', serviceDate: '2025-05-12', lines: [line('metformin', 9_000, 90, 180)] }),
    c8: await submit(lx, 'fx-c8', { patientId: 'P4', serviceDate: '2025-04-20', institutionId: 'I-LX-CHC2', lines: [line('valsartan', 5_000)] }),
  };
}
