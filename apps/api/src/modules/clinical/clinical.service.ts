/**
 * Source prescriptions (G-5 五(二)4) and referrals (W-6 三(三)) recorded for real patients. Each
 * belongs to the patient's district (its key leads with the patient's district_code, whichever
 * district the hospital is in), is validated against the rule set in force in the patient's city
 * on its date, is idempotent, audited in the patient's district and written in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isIsoDate, isPrimaryLevel, type Disease } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { conflict, InputProblems, notFound } from '../../errors';
import { audit } from '../audit/audit';
import type { PolicyOverrides } from '../catalogue/policy-overrides';
import { prescriptionHash, referralHash } from './clinical.hash';
import {
  designationOn,
  insertPrescription,
  insertReferral,
  institutionsById,
  patientIn,
  prescriptionByNumber,
  referralByKey,
  type PatientHome,
  type PrescriptionRow,
  type ReferralRow,
} from './clinical.repository';
import { drugCodeOf, ID, pastDate, PRESCRIPTION_NO, ruleSetOn, text } from './clinical.validation';

export interface PrescriptionRequest {
  patientId: string;
  institutionId: string;
  issuedOn: string;
  /** drug reference codes or generic names */
  drugs: string[];
  diseases: Disease[];
  prescriptionNo?: string | null;
}

export interface ReferralRequest {
  patientId: string;
  fromInstitutionId: string;
  toInstitutionId: string;
  issuedOn: string;
  validUntil?: string | null;
  reason: string;
}

export const MAX_PRESCRIPTION_DRUGS = 20;
const DISEASES: readonly Disease[] = ['hypertension', 'diabetes'];

export class ClinicalService {
  constructor(
    private readonly policy: PolicyOverrides,
    private readonly today: () => string,
  ) {}

  /** The patient a clinical write is for, within where the viewer may record one. */
  async patientFor(em: EntityManager, scope: Scope, patientId: string): Promise<PatientHome> {
    const found = ID.test(patientId) ? await patientIn(em, scope.clinicalWriteDistricts(), patientId) : null;
    if (found === null) throw notFound('patient', patientId);
    return found;
  }

  /**
   * The level-2+ 两病 prescription an extension claim dispenses on (G-5): issued by a level-2-or-higher
   * institution, each drug in the catalogue of the patient's city in force on the issue date and
   * treating one of the prescription's diseases. Idempotent on (district, prescriptionNo).
   */
  async recordPrescription(em: EntityManager, scope: Scope, req: PrescriptionRequest): Promise<{ prescription: PrescriptionRow; replayed: boolean }> {
    const p = new InputProblems();
    if (!ID.test(req.institutionId)) p.add('input.institutionId', 'is not a valid id', '不是有效的编号');
    const dated = pastDate(p, 'input.issuedOn', req.issuedOn, this.today());
    if (req.prescriptionNo != null && !PRESCRIPTION_NO.test(req.prescriptionNo))
      p.add('input.prescriptionNo', 'must be 1–64 letters, digits or . _ - /', '处方号须为1–64位字母、数字或 . _ - /');
    const diseases = [...new Set(req.diseases)];
    if (diseases.length === 0 || diseases.some((d) => !DISEASES.includes(d)))
      p.add('input.diseases', 'one or both of the two diseases', '须为高血压、糖尿病之一或两者');
    if (req.drugs.length === 0 || req.drugs.length > MAX_PRESCRIPTION_DRUGS)
      p.add('input.drugs', `1–${MAX_PRESCRIPTION_DRUGS} drugs`, `须为1–${MAX_PRESCRIPTION_DRUGS}种药品`);
    const codes = req.drugs.map((d, i) => {
      const code = typeof d === 'string' ? drugCodeOf(d) : null;
      if (code === null)
        p.add(`input.drugs[${i}]`, `unknown drug ${String(d).slice(0, 40)} (neither a drug code nor a generic name)`, `未知药品 ${String(d).slice(0, 40)}`);
      return code;
    });
    codes.forEach((c, i) => {
      if (c !== null && codes.indexOf(c) !== i) p.add(`input.drugs[${i}]`, `${c} is listed twice`, '药品重复');
    });
    p.throwIfAny();

    const patient = await this.patientFor(em, scope, req.patientId);
    scope.assertClinicalWrite(patient.districtCode, patient.cityCode, req.institutionId);
    const inst = (await institutionsById(em, [req.institutionId])).get(req.institutionId);
    if (inst === undefined) p.add('input.institutionId', 'unknown institution', '未知机构');
    else if (isPrimaryLevel(inst.level))
      p.add(
        'input.institutionId',
        `is a ${inst.level}: an extension prescription continues a level-2-or-higher institution's prescription (G-5 五(二)4)`,
        '须为二级及以上医疗卫生机构开具的处方（五(二)4）',
      );
    const ruleSet = dated ? ruleSetOn(p, 'input.issuedOn', patient.cityCode, req.issuedOn, await this.policy.current(em)) : null;
    if (ruleSet !== null) {
      codes.forEach((code, i) => {
        if (code === null) return;
        const entry = ruleSet.catalogue.entries.get(code);
        if (entry === undefined)
          p.add(
            `input.drugs[${i}]`,
            `${code} is not in the catalogue in force on ${req.issuedOn} (${ruleSet.catalogue.id})`,
            `${code} 不在${req.issuedOn}施行的目录内`,
          );
        else if (!diseases.includes(entry.disease))
          p.add(`input.drugs[${i}]`, `${code} treats ${entry.disease}, which the prescription does not name`, `${code} 所治疾病不在处方病种内`);
      });
    }
    p.throwIfAny();

    const drugCodes = codes as string[];
    const prescriptionNo = req.prescriptionNo ?? null;
    const hash = prescriptionHash({ patientId: req.patientId, institutionId: req.institutionId, issuedOn: req.issuedOn, drugCodes, diseases, prescriptionNo });
    const replay = (found: PrescriptionRow) => {
      if (found.requestHash !== hash || found.patientId !== req.patientId)
        throw conflict('This prescription number was recorded with different content', '该处方号已登记为不同内容', { prescriptionId: found.id });
      return { prescription: found, replayed: true };
    };
    if (prescriptionNo !== null) {
      const earlier = await prescriptionByNumber(em, patient.districtCode, prescriptionNo);
      if (earlier !== null) return replay(earlier);
    }
    try {
      return await em.transactional(async (tem) => {
        const stored = await insertPrescription(tem, {
          id: randomUUID(),
          districtCode: patient.districtCode,
          patientId: req.patientId,
          institutionId: req.institutionId,
          issuedOn: req.issuedOn,
          drugCodes,
          diseases,
          prescriptionNo,
          requestHash: hash,
          recordedBy: scope.viewer.userId,
        });
        await audit(tem, scope.viewer, patient.districtCode, 'prescription.record', 'prescription', stored.id, {
          institutionId: req.institutionId,
          institutionDistrict: inst!.districtCode,
          issuedOn: req.issuedOn,
          drugCodes,
          prescriptionNo,
        });
        return { prescription: stored, replayed: false };
      });
    } catch (e) {
      // The same number sent twice at once: the unique index lets one in; the other answers as its retry.
      if (prescriptionNo === null || (e as { code?: string }).code !== '23505') throw e;
      const winner = await prescriptionByNumber(em, patient.districtCode, prescriptionNo);
      if (winner === null) throw e;
      return replay(winner);
    }
  }

  /**
   * A referral by the designated primary institution to another designated hospital of the city
   * (W-6 三(三); in Guiyang an unstable patient to a level-2+ hospital, G-5 五(二)4). Where the rule set
   * requires a designated institution (Wuxi), the referring institution must be the patient's
   * designation on the issue date. Idempotent on (patient, from, to, issuedOn).
   */
  async recordReferral(em: EntityManager, scope: Scope, req: ReferralRequest): Promise<{ referral: ReferralRow; replayed: boolean }> {
    const p = new InputProblems();
    if (!ID.test(req.fromInstitutionId)) p.add('input.fromInstitutionId', 'is not a valid id', '不是有效的编号');
    if (!ID.test(req.toInstitutionId)) p.add('input.toInstitutionId', 'is not a valid id', '不是有效的编号');
    if (req.fromInstitutionId === req.toInstitutionId) p.add('input.toInstitutionId', 'is the referring institution itself', '转入机构不能与转出机构相同');
    const dated = pastDate(p, 'input.issuedOn', req.issuedOn, this.today());
    const validUntil = req.validUntil ?? null;
    if (validUntil !== null && !isIsoDate(validUntil)) p.add('input.validUntil', 'must be a calendar date YYYY-MM-DD', '须为有效日期');
    else if (validUntil !== null && dated && validUntil < req.issuedOn) p.add('input.validUntil', 'is before the issue date', '早于开具日期');
    text(p, 'input.reason', req.reason, 500);
    p.throwIfAny();

    const patient = await this.patientFor(em, scope, req.patientId);
    scope.assertClinicalWrite(patient.districtCode, patient.cityCode, req.fromInstitutionId);
    const insts = await institutionsById(em, [req.fromInstitutionId, req.toInstitutionId]);
    const from = insts.get(req.fromInstitutionId);
    const to = insts.get(req.toInstitutionId);
    if (from === undefined) p.add('input.fromInstitutionId', 'unknown institution', '未知机构');
    if (to === undefined) p.add('input.toInstitutionId', 'unknown institution', '未知机构');
    else if (to.cityCode !== patient.cityCode || !to.insuranceDesignated)
      p.add(
        'input.toInstitutionId',
        'must be a designated medical institution of the basic insurance in the patient’s city (W-6 三(三) 市内其他基本医保定点医疗机构)',
        '须为市内其他基本医保定点医疗机构',
      );
    const ruleSet = ruleSetOn(p, 'input.issuedOn', patient.cityCode, req.issuedOn, await this.policy.current(em));
    if (ruleSet !== null && from !== undefined && to !== undefined) {
      if (ruleSet.definition.pathways.referral === undefined)
        p.add('input.issuedOn', `the rule set in force (${ruleSet.definition.id}) provides no referral pathway`, '在施政策无转诊待遇');
      else if (ruleSet.parameters.designatedInstitutionRequired.value === true) {
        const designated = await designationOn(em, patient.districtCode, req.patientId, req.issuedOn);
        if (designated !== req.fromInstitutionId)
          p.add(
            'input.fromInstitutionId',
            `is not the patient’s designated primary institution on ${req.issuedOn} (W-6 三(三): 约定的基层机构办理转诊)`,
            '不是患者当日约定的基层机构',
          );
      } else {
        if (!isPrimaryLevel(from.level))
          p.add('input.fromInstitutionId', 'must be a primary institution (G-5 五(二)4: 基层医疗卫生机构转诊)', '须为基层医疗卫生机构');
        if (isPrimaryLevel(to.level))
          p.add('input.toInstitutionId', 'must be a level-2-or-higher institution (G-5 五(二)4: 转诊到二级及以上医疗机构)', '须为二级及以上医疗机构');
      }
    }
    p.throwIfAny();

    const row = {
      districtCode: patient.districtCode,
      patientId: req.patientId,
      fromInstitutionId: req.fromInstitutionId,
      toInstitutionId: req.toInstitutionId,
      issuedOn: req.issuedOn,
      validUntil,
      reason: req.reason,
      recordedBy: scope.viewer.userId,
    };
    const hash = referralHash(row);
    const replay = (found: ReferralRow) => {
      if (found.requestHash !== hash)
        throw conflict('This referral was recorded with a different validity or reason', '该转诊已登记为不同内容', { referralId: found.id });
      return { referral: found, replayed: true };
    };
    return em.transactional(async (tem) => {
      const stored = await insertReferral(tem, { ...row, requestHash: hash });
      if (stored === null) return replay((await referralByKey(tem, row))!);
      await audit(tem, scope.viewer, patient.districtCode, 'referral.record', 'referral', stored.id, {
        from: req.fromInstitutionId,
        to: req.toInstitutionId,
        toDistrict: to!.districtCode,
        issuedOn: req.issuedOn,
        validUntil,
      });
      return { referral: stored, replayed: false };
    });
  }
}
