import { describe, expect, it } from 'vitest';
import { ruleSetOfCity } from '@liangbing/policy';
import { fromOutsideSignedTeam } from './detect';

describe('the family doctor as gatekeeper', () => {
  it('is Wuxi’s (四(一) 家庭医生健康和费用双重“守门人”), not Guiyang’s: its plan names the family doctor but no gatekeeper', () => {
    const wuxi = ruleSetOfCity('320200', '2025-06-30')!.familyDoctorGatekeeper;
    expect(wuxi).toMatchObject({ section: '四(一)' });
    expect(wuxi!.note).toContain('守门人');
    expect(ruleSetOfCity('520100', '2025-06-30')!.familyDoctorGatekeeper).toBeNull();
  });

  it('opens one case per claim, keyed by the claim, citing the passage', () => {
    const row = {
      district_code: '320213',
      claim_id: 'c1',
      patient_id: 'P1',
      institution_id: 'I-H3',
      service_date: '2025-05-02',
      pathway: 'designated',
      fund_fen: '1200',
      signing_id: 's1',
      signed_institution_id: 'I-CHC',
      team_code: 'T1',
      team_name: '一组',
    };
    const [c] = fromOutsideSignedTeam([row], { document: '无锡意见', section: '四(一)', note: '守门人' });
    expect(c).toMatchObject({ kind: 'OUTSIDE_SIGNED_TEAM', evidenceKey: 'OUTSIDE_SIGNED_TEAM:c1', claimIds: ['c1'], institutionId: 'I-H3' });
    expect(c!.evidence).toMatchObject({ fundFen: 1200, signedInstitutionId: 'I-CHC', citation: '无锡意见 四(一)：守门人' });
  });
});
