/**
 * Family-doctor signing (家庭医生签约): a patient's signing with a family-doctor team of an
 * institution, dated, ended early with a reason, never deleted. Both texts make the team the vehicle
 * of 两病 management (Guiyang 二 “以家庭医生签约服务为抓手”, 五(三)6; Wuxi 四(三) “做实家庭医生签约服务”);
 * Wuxi 四(一) makes the family doctor the gatekeeper of health and cost (monitoring's
 * OUTSIDE_SIGNED_TEAM). Each write is one transaction under the patient's row lock (at most one
 * signing in force on a day), keeps a patient-history row, moves the signing coverage in the
 * rollups (family-doctor-signing.v1) and is audited in the patient's district.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { isIsoDate } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { conflict, InputProblems, notFound } from '../../errors';
import { audit } from '../audit/audit';
import { findPatient, type PatientRecord } from '../patients/patient.queries';
import { addHistory } from '../patients/patient-life.repository';
import { trackPatientStats } from '../statistics/rollup.tracker';
import { ID, pastDate, text, UUID } from '../clinical/clinical.validation';
import { endSigningRow, insertSigning, institutionOf, lockPatientRow, signingById, signingsOf, type SigningRow } from './signing.repository';

export interface SigningRequest {
  patientId: string;
  institutionId: string;
  teamCode: string;
  teamName: string;
  validFrom: string;
  validTo?: string | null;
}

/** A team code as the health commission's systems print them: letters (Chinese too), digits and . _ - */
export const TEAM_CODE = /^[\p{L}\p{N}._-]{1,32}$/u;
export const MAX_TEAM_NAME = 100;

const overlaps = (a: { validFrom: string; validTo: string | null }, b: { validFrom: string; validTo: string | null }) =>
  a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');

export class SigningService {
  constructor(private readonly today: () => string) {}

  /** The patient as patient(id) shows it to the viewer: NOT_FOUND outside its districts, or for an institution not designated for it. */
  private async patientFor(em: EntityManager, scope: Scope, patientId: string): Promise<PatientRecord> {
    const found = ID.test(patientId) ? await findPatient(em, scope.readableDistricts(), patientId) : null;
    if (found === null || (scope.institutionOnly !== null && found.designatedInstitutionId !== scope.institutionOnly)) throw notFound('patient', patientId);
    return found;
  }

  async signings(em: EntityManager, districtCode: string, patientId: string): Promise<SigningRow[]> {
    return signingsOf(em, districtCode, patientId);
  }

  /**
   * Records a signing. The same signing sent again (same institution, team, dates) answers the stored
   * one (`replayed`); one overlapping another signing of the patient is refused: end that one first.
   */
  async record(em: EntityManager, scope: Scope, req: SigningRequest): Promise<{ signing: SigningRow; replayed: boolean }> {
    const p = new InputProblems();
    if (!ID.test(req.institutionId)) p.add('input.institutionId', 'is not a valid id', '不是有效的编号');
    if (!TEAM_CODE.test(req.teamCode)) p.add('input.teamCode', 'must be 1–32 letters, digits or . _ -', '团队编码须为1–32位字母、数字或 . _ -');
    text(p, 'input.teamName', req.teamName, MAX_TEAM_NAME);
    const dated = pastDate(p, 'input.validFrom', req.validFrom, this.today());
    const validTo = req.validTo ?? null;
    if (validTo !== null && !isIsoDate(validTo)) p.add('input.validTo', 'must be a calendar date YYYY-MM-DD', '须为有效日期 YYYY-MM-DD');
    else if (validTo !== null && dated && validTo < req.validFrom) p.add('input.validTo', 'is before validFrom', '早于签约开始日期');
    p.throwIfAny();

    const patient = await this.patientFor(em, scope, req.patientId);
    scope.assertSigningWrite(patient.districtCode, patient.designatedInstitutionId, req.institutionId);
    const inst = await institutionOf(em, req.institutionId);
    if (inst === null) p.add('input.institutionId', 'unknown institution', '未知机构');
    else if (inst.cityCode !== scope.viewer.cityCode) p.add('input.institutionId', 'is not an institution of the patient’s city', '不是患者所在城市的机构');
    else if (inst.closedOn !== null && inst.closedOn <= req.validFrom)
      p.add('input.institutionId', `closed on ${inst.closedOn}, before the signing begins`, `该机构已于${inst.closedOn}关闭`);
    p.throwIfAny();

    const wanted = { validFrom: req.validFrom, validTo };
    return em.transactional(async (tem) => {
      // The statistics lock first, then the row, as every write of a patient takes them (patient-life.service.ts).
      // Like a registration, a signing's past dates reach open periods only; closed quarters keep their figures.
      const stats = await trackPatientStats(tem, patient.districtCode, patient.id, { eventDate: null, years: 'all' });
      const locked = await lockPatientRow(tem, patient.districtCode, patient.id);
      if (locked === null) throw notFound('patient', patient.id);
      if (locked.leftOn !== null && locked.leftOn <= req.validFrom)
        p.add('input.validFrom', `the patient left the programme on ${locked.leftOn} (death or moving away)`, `患者已于${locked.leftOn}退出（死亡或迁出）`);
      const existing = await signingsOf(tem, patient.districtCode, patient.id);
      const same = existing.find(
        (s) =>
          s.institutionId === req.institutionId &&
          s.teamCode === req.teamCode &&
          s.teamName === req.teamName &&
          s.validFrom === req.validFrom &&
          s.validTo === validTo &&
          s.endedReason === null,
      );
      if (same !== undefined) return { signing: same, replayed: true };
      const clash = existing.find((s) => overlaps(s, wanted));
      if (clash !== undefined)
        p.add(
          'input.validFrom',
          `overlaps the patient’s signing ${clash.id} with ${clash.teamName} (${clash.validFrom} – ${clash.validTo ?? 'open'}): end it first (endSigning)`,
          `与该患者${clash.validFrom}起的签约（${clash.teamName}）重叠，请先解约`,
        );
      p.throwIfAny();

      const id = await insertSigning(tem, {
        districtCode: patient.districtCode,
        patientId: patient.id,
        institutionId: req.institutionId,
        teamCode: req.teamCode,
        teamName: req.teamName,
        validFrom: req.validFrom,
        validTo,
        recordedBy: scope.viewer.userId,
      });
      await addHistory(tem, scope.viewer, patient.districtCode, patient.id, [
        {
          action: 'signing_record',
          field: 'signing',
          old: null,
          new: `${req.institutionId} ${req.teamCode} ${req.teamName}`,
          effectiveOn: req.validFrom,
          reason: null,
        },
      ]);
      await stats.finish(tem);
      await audit(tem, scope.viewer, patient.districtCode, 'signing.record', 'signing', id, {
        patientId: patient.id,
        institutionId: req.institutionId,
        teamCode: req.teamCode,
        validFrom: req.validFrom,
        validTo,
      });
      return { signing: (await signingById(tem, [patient.districtCode], id))!, replayed: false };
    });
  }

  /** 解约: the signing ends on `endedOn` (its last day in force); its row and dates are kept. */
  async end(em: EntityManager, scope: Scope, signingId: string, endedOn: string, reason: string): Promise<SigningRow> {
    const p = new InputProblems();
    if (!UUID.test(signingId)) p.add('signingId', 'is not a valid id', '不是有效的编号');
    pastDate(p, 'endedOn', endedOn, this.today());
    text(p, 'reason', reason, 500);
    p.throwIfAny();
    const found = await signingById(em, scope.readableDistricts(), signingId);
    if (found === null) throw notFound('signing', signingId);
    const patient = await this.patientFor(em, scope, found.patientId).catch(() => {
      throw notFound('signing', signingId);
    });
    scope.assertSigningWrite(patient.districtCode, patient.designatedInstitutionId, found.institutionId);

    return em.transactional(async (tem) => {
      const stats = await trackPatientStats(tem, found.districtCode, found.patientId, { eventDate: null, years: 'all' });
      await lockPatientRow(tem, found.districtCode, found.patientId);
      const s = (await signingById(tem, [found.districtCode], signingId, true))!;
      if (s.endedReason !== null)
        throw conflict(`The signing was already ended on ${s.validTo}`, `该签约已于${s.validTo}解约`, { code: 'SIGNING_ENDED', endedOn: s.validTo });
      if (endedOn < s.validFrom) p.add('endedOn', `is before the signing began (${s.validFrom})`, `早于签约开始日期${s.validFrom}`);
      else if (s.validTo !== null && endedOn > s.validTo) p.add('endedOn', `is after the signing’s last day (${s.validTo})`, `晚于签约结束日期${s.validTo}`);
      p.throwIfAny();
      await endSigningRow(tem, s.districtCode, s.id, endedOn, reason, scope.viewer.userId);
      await addHistory(tem, scope.viewer, s.districtCode, s.patientId, [
        { action: 'signing_end', field: 'signing', old: `${s.institutionId} ${s.teamCode} ${s.teamName}`, new: null, effectiveOn: endedOn, reason },
      ]);
      await stats.finish(tem);
      await audit(tem, scope.viewer, s.districtCode, 'signing.end', 'signing', s.id, { patientId: s.patientId, endedOn, previousValidTo: s.validTo, reason });
      return (await signingById(tem, [s.districtCode], s.id))!;
    });
  }
}
