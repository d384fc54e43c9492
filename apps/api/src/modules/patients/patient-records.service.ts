/**
 * Corrections to a patient's records: revoking or renewing a certificate (办证), correcting or
 * deleting a follow-up. Each is one transaction under the patient's statistics lock, keeps what was
 * there before (the certificate row with its revocation date; the follow-up's old row in
 * follow_up_revisions), writes a history row, moves the rollups and is audited.
 *
 * Follow-ups: the original is preserved in follow_up_revisions and follow_ups keeps only the current
 * truth (a deleted one leaves it). A soft delete (deleted_at) would have every reader of follow_ups
 * — the statistics, their raw oracle, monitoring, scorecards, other modules to come — filter it,
 * and one that forgot would count a deleted visit; this way none can.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Disease } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { exec } from '../../db/sql';
import { badInput, conflict, InputProblems, notFound } from '../../errors';
import { audit } from '../audit/audit';
import { quarterOf } from '../statistics/counts';
import { periodClosedError, trackPatientStats } from '../statistics/rollup.tracker';
import { checkPastDate, checkReason } from './patient-life.service';
import * as repo from './patient-life.repository';
import type { PatientService } from './patient.service';

export interface FollowUpChanges {
  date?: string | null;
  faceToFace?: boolean | null;
  /** null clears a measurement; absent keeps it */
  systolic?: number | null;
  diastolic?: number | null;
  fastingGlucoseMmol?: number | null;
}

interface FollowUpRow {
  district_code: string;
  patient_id: string;
  institution_id: string;
  follow_up_date: string;
  face_to_face: boolean;
  systolic: number | null;
  diastolic: number | null;
  fasting_glucose_tenths: number | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Certifying institutions (G-3: 乡镇卫生院、社区卫生服务中心或医院办理), as certifyPatient checks. */
const CERTIFYING_LEVELS = ['township_health_centre', 'community_health_centre', 'level2_hospital', 'level3_hospital'];

export class PatientRecordsService {
  constructor(
    private readonly patients: PatientService,
    private readonly today: () => string,
  ) {}

  /** 注销: the certificate ends on `on` (not certified from that day on, as the policy core reads revokedOn). */
  async revokeCertificate(em: EntityManager, scope: Scope, patientId: string, certificateNo: string, on: string, reason: string): Promise<void> {
    const p = new InputProblems();
    checkPastDate(p, 'on', on, this.today());
    checkReason(p, 'reason', reason);
    p.throwIfAny();
    const districtCode = await this.patients.districtOf(em, scope, patientId);
    scope.assertWrite(districtCode, 'patient');
    await em.transactional(async (tem) => {
      const stats = await trackPatientStats(tem, districtCode, patientId, { eventDate: on, years: 'all' });
      const cert = (await repo.certificates(tem, districtCode, patientId)).find((c) => c.certificate_no === certificateNo);
      if (cert === undefined) throw badInput('certificateNo', 'no such certificate of this patient', '该患者无此证号');
      if (cert.revoked_on !== null)
        throw conflict(`The certificate was already revoked on ${cert.revoked_on}`, `该证已于${cert.revoked_on}注销`, {
          code: 'CERTIFICATE_NOT_ACTIVE',
          revokedOn: cert.revoked_on,
        });
      if (on < cert.certified_on) throw badInput('on', `must not be before the certificate was issued (${cert.certified_on})`, '不得早于发证日期');
      await repo.revokeCertificateRow(tem, districtCode, patientId, certificateNo, on);
      await repo.addHistory(tem, scope.viewer, districtCode, patientId, [
        { action: 'certificate_revoke', field: 'certificate', old: certificateNo, new: null, effectiveOn: on, reason },
      ]);
      await stats.finish(tem);
      await audit(tem, scope.viewer, districtCode, 'patient.certificate_revoke', 'patient', patientId, { certificateNo, on, reason });
    });
  }

  /**
   * 换证: a new certificate from `on`, for a patient who held one; the current one, if still active,
   * ends that day. A first certificate is certifyPatient's.
   */
  async renewCertificate(
    em: EntityManager,
    scope: Scope,
    patientId: string,
    certificateNo: string,
    diseases: readonly Disease[],
    on: string,
    institutionId: string,
  ): Promise<void> {
    const p = new InputProblems();
    if (!/^[A-Za-z0-9-]{4,40}$/.test(certificateNo)) p.add('certificateNo', 'must be 4–40 letters, digits or -', '证号格式无效');
    checkPastDate(p, 'on', on, this.today());
    if (diseases.length === 0 || new Set(diseases).size !== diseases.length) p.add('diseases', 'one or both diseases, each once', '须为一种或两种疾病');
    p.throwIfAny();
    const districtCode = await this.patients.districtOf(em, scope, patientId);
    scope.assertWrite(districtCode, 'patient');
    await em.transactional(async (tem) => {
      const stats = await trackPatientStats(tem, districtCode, patientId, { eventDate: on, years: 'all' });
      const [inst] = await exec<{ level: string }>(tem, `select level from institutions where id = ?`, [institutionId]);
      if (inst === undefined) throw badInput('institutionId', 'unknown institution', '未知机构');
      if (!CERTIFYING_LEVELS.includes(inst.level))
        throw badInput(
          'institutionId',
          'certification is done by township or community health centres or hospitals (G-3)',
          '办证须由乡镇卫生院、社区卫生服务中心或医院办理（G-3）',
        );
      const known = await exec<{ disease: string }>(tem, `select disease from patient_diseases where district_code = ? and patient_id = ?`, [
        districtCode,
        patientId,
      ]);
      for (const d of diseases) if (!known.some((k) => k.disease === d)) throw badInput('diseases', `the patient has no ${d} diagnosis`, '患者无该病种诊断');
      const certs = await repo.certificates(tem, districtCode, patientId);
      if (certs.length === 0)
        throw conflict('The patient has no certificate to renew: issue one with certifyPatient', '患者尚无证可换，请先办证', { code: 'NO_CERTIFICATE' });
      if (certs.some((c) => c.certificate_no === certificateNo))
        throw badInput('certificateNo', 'this number is already one of the patient’s certificates', '该证号已存在');
      const latest = certs.reduce((a, b) => (b.certified_on > a.certified_on ? b : a));
      if (on < latest.certified_on)
        throw badInput('on', `must not be before the latest certificate's date (${latest.certified_on})`, '不得早于现有证的发证日期');
      const active = certs.find((c) => c.revoked_on === null);
      if (active !== undefined) await repo.revokeCertificateRow(tem, districtCode, patientId, active.certificate_no, on);
      await repo.insertCertificate(tem, districtCode, patientId, { no: certificateNo, on, institutionId, diseases });
      await repo.addHistory(tem, scope.viewer, districtCode, patientId, [
        {
          action: 'certificate_renew',
          field: 'certificate',
          old: active?.certificate_no ?? null,
          new: `${certificateNo} (${diseases.join(', ')})`,
          effectiveOn: on,
          reason: null,
        },
      ]);
      await stats.finish(tem);
      await audit(tem, scope.viewer, districtCode, 'patient.certificate_renew', 'patient', patientId, {
        certificateNo,
        replaced: active?.certificate_no ?? null,
        on,
        institutionId,
      });
    });
  }

  async correctFollowUp(em: EntityManager, scope: Scope, id: string, changes: FollowUpChanges, reason: string): Promise<void> {
    const p = new InputProblems();
    if (!UUID.test(id)) p.add('id', 'is not a follow-up id', '随访编号无效');
    if (changes.date != null) checkPastDate(p, 'changes.date', changes.date, this.today());
    checkReason(p, 'reason', reason);
    const given =
      changes.date != null ||
      changes.faceToFace != null ||
      changes.systolic !== undefined ||
      changes.diastolic !== undefined ||
      changes.fastingGlucoseMmol !== undefined;
    if (!given) p.add('changes', 'name at least one field to change', '至少填写一项更改');
    p.throwIfAny();
    const found = await this.findFollowUp(em, scope, id);
    scope.assertWrite(found.district_code, 'follow_up', found.institution_id);
    const next = {
      follow_up_date: changes.date ?? found.follow_up_date,
      face_to_face: changes.faceToFace ?? found.face_to_face,
      systolic: changes.systolic === undefined ? found.systolic : changes.systolic,
      diastolic: changes.diastolic === undefined ? found.diastolic : changes.diastolic,
      fasting_glucose_tenths:
        changes.fastingGlucoseMmol === undefined
          ? found.fasting_glucose_tenths
          : changes.fastingGlucoseMmol === null
            ? null
            : Math.round(changes.fastingGlucoseMmol * 10),
    };
    checkMeasurements(next, changes);
    const { district_code: districtCode, patient_id: patientId } = found;
    await em.transactional(async (tem) => {
      const years = [...new Set([found.follow_up_date, next.follow_up_date].map((d) => Number(d.slice(0, 4))))];
      const stats = await trackPatientStats(tem, districtCode, patientId, { eventDate: found.follow_up_date, years });
      await this.assertOpen(tem, districtCode, next.follow_up_date);
      const current = await this.lockFollowUp(tem, districtCode, id);
      const fields = (['follow_up_date', 'face_to_face', 'systolic', 'diastolic', 'fasting_glucose_tenths'] as const).filter((f) => next[f] !== current[f]);
      if (fields.length === 0) throw badInput('changes', 'every field given already has this value', '所填内容与现有记录相同');
      const revision = await this.keepRevision(tem, scope, districtCode, id, 'correct', reason);
      await exec(
        tem,
        `update follow_ups set follow_up_date = ?::date, face_to_face = ?, systolic = ?, diastolic = ?, fasting_glucose_tenths = ? where district_code = ? and id = ?::uuid`,
        [next.follow_up_date, next.face_to_face, next.systolic, next.diastolic, next.fasting_glucose_tenths, districtCode, id],
      );
      await repo.addHistory(
        tem,
        scope.viewer,
        districtCode,
        patientId,
        fields.map((f) => ({
          action: 'follow_up_correct',
          field: `followUp.${FIELD_NAMES[f]}`,
          old: show(current[f]),
          new: show(next[f]),
          effectiveOn: current.follow_up_date,
          reason,
        })),
      );
      await stats.finish(tem);
      await audit(tem, scope.viewer, districtCode, 'follow_up.correct', 'follow_up', id, { revision, fields: fields.map((f) => FIELD_NAMES[f]), reason });
    });
  }

  async deleteFollowUp(em: EntityManager, scope: Scope, id: string, reason: string): Promise<void> {
    const p = new InputProblems();
    if (!UUID.test(id)) p.add('id', 'is not a follow-up id', '随访编号无效');
    checkReason(p, 'reason', reason);
    p.throwIfAny();
    const found = await this.findFollowUp(em, scope, id);
    scope.assertWrite(found.district_code, 'follow_up', found.institution_id);
    const { district_code: districtCode, patient_id: patientId } = found;
    await em.transactional(async (tem) => {
      const stats = await trackPatientStats(tem, districtCode, patientId, {
        eventDate: found.follow_up_date,
        years: [Number(found.follow_up_date.slice(0, 4))],
      });
      const current = await this.lockFollowUp(tem, districtCode, id);
      const revision = await this.keepRevision(tem, scope, districtCode, id, 'delete', reason);
      await exec(tem, `delete from follow_ups where district_code = ? and id = ?::uuid`, [districtCode, id]);
      const summary = `${current.follow_up_date} ${current.face_to_face ? 'face-to-face' : 'remote'}${current.systolic === null ? '' : ` ${current.systolic}/${current.diastolic}`}${current.fasting_glucose_tenths === null ? '' : ` glucose ${current.fasting_glucose_tenths / 10}`}`;
      await repo.addHistory(tem, scope.viewer, districtCode, patientId, [
        { action: 'follow_up_delete', field: 'followUp', old: summary, new: null, effectiveOn: current.follow_up_date, reason },
      ]);
      await stats.finish(tem);
      await audit(tem, scope.viewer, districtCode, 'follow_up.delete', 'follow_up', id, { revision, reason });
    });
  }

  private async findFollowUp(em: EntityManager, scope: Scope, id: string): Promise<FollowUpRow> {
    const [row] = await exec<FollowUpRow>(em, `select ${FOLLOW_UP_COLUMNS} from follow_ups where id = ?::uuid and district_code = any(?)`, [
      id,
      scope.readableDistricts(),
    ]);
    if (row === undefined) throw notFound('follow-up', id);
    return row;
  }

  private async lockFollowUp(em: EntityManager, districtCode: string, id: string): Promise<FollowUpRow> {
    const [row] = await exec<FollowUpRow>(em, `select ${FOLLOW_UP_COLUMNS} from follow_ups where district_code = ? and id = ?::uuid for update`, [
      districtCode,
      id,
    ]);
    if (row === undefined) throw notFound('follow-up', id);
    return row;
  }

  /** The row as it is now, kept as the next revision. */
  private async keepRevision(em: EntityManager, scope: Scope, districtCode: string, id: string, action: 'correct' | 'delete', reason: string): Promise<number> {
    // the next number first: on Citus an INSERT … SELECT may neither read the table it writes in a
    // subquery nor (Citus 13.2 pushes it down wrongly) return its columns
    const [next] = await exec<{ n: number }>(
      em,
      `select coalesce(max(revision), 0) + 1 as n from follow_up_revisions where district_code = ? and follow_up_id = ?::uuid`,
      [districtCode, id],
    );
    await exec(
      em,
      `insert into follow_up_revisions (district_code, follow_up_id, revision, patient_id, action, institution_id, follow_up_date, face_to_face, systolic, diastolic, fasting_glucose_tenths, created_at, reason, user_id)
       select f.district_code, f.id, ?::int,
              f.patient_id, ?, f.institution_id, f.follow_up_date, f.face_to_face, f.systolic, f.diastolic, f.fasting_glucose_tenths, f.created_at, ?, ?
         from follow_ups f where f.district_code = ? and f.id = ?::uuid`,
      [next!.n, action, reason, scope.viewer.userId, districtCode, id],
    );
    return next!.n;
  }

  /** A correction may not move a follow-up into a closed quarter (its old date is checked by trackPatientStats). */
  private async assertOpen(em: EntityManager, districtCode: string, date: string): Promise<void> {
    const rows = await exec(em, `select 1 from stat_closed_periods where district_code = ? and year = ? and quarter = ?`, [
      districtCode,
      Number(date.slice(0, 4)),
      quarterOf(date),
    ]);
    if (rows.length > 0) throw periodClosedError(districtCode, date);
  }
}

const FOLLOW_UP_COLUMNS = `district_code, patient_id, institution_id, to_char(follow_up_date, 'YYYY-MM-DD') as follow_up_date, face_to_face, systolic, diastolic, fasting_glucose_tenths`;

const FIELD_NAMES = {
  follow_up_date: 'date',
  face_to_face: 'faceToFace',
  systolic: 'systolic',
  diastolic: 'diastolic',
  fasting_glucose_tenths: 'fastingGlucoseMmol',
} as const;

function show(v: string | number | boolean | null): string | null {
  return v === null ? null : String(v);
}

/** The follow-up as it would be after the correction, checked as recordFollowUp checks a new one. */
function checkMeasurements(f: { systolic: number | null; diastolic: number | null; fasting_glucose_tenths: number | null }, changes: FollowUpChanges): void {
  const p = new InputProblems();
  if (f.systolic !== null && (!Number.isInteger(f.systolic) || f.systolic < 40 || f.systolic > 300))
    p.add('changes.systolic', 'must be 40–300 mmHg', '收缩压须为40–300');
  if (f.diastolic !== null && (!Number.isInteger(f.diastolic) || f.diastolic < 20 || f.diastolic > 200))
    p.add('changes.diastolic', 'must be 20–200 mmHg', '舒张压须为20–200');
  if ((f.systolic === null) !== (f.diastolic === null))
    p.add('changes.diastolic', 'the follow-up would have one pressure without the other', '收缩压与舒张压须同时提供');
  const g = changes.fastingGlucoseMmol;
  if (g != null && (!Number.isFinite(g) || g < 0.5 || g > 50)) p.add('changes.fastingGlucoseMmol', 'must be 0.5–50 mmol/L', '空腹血糖须为0.5–50');
  p.throwIfAny();
}
