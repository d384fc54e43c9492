/**
 * Registering and certifying patients, designating their institution (the change rule of the
 * policy core enforced), follow-ups and the general-outpatient status fed from the outpatient
 * system. Each write is one transaction and is audited.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { canChangeDesignation, isIsoDate, MAX_LINE_AMOUNT_FEN, validateResidentId, type Disease } from '@liangbing/policy';
import { OPERATOR_CERTIFYING_LEVELS, type Scope } from '../../auth/scope';
import { exec } from '../../db/sql';
import { Certification, Designation, FollowUp, Patient, PatientDisease } from '../../db/entities';
import { badInput, conflict, InputProblems, notFound } from '../../errors';
import { audit } from '../audit/audit';
import type { RegionDirectory } from '../regions/region.directory';
import { trackPatientStats, withFollowUp } from '../statistics/rollup.tracker';
import { institutionClosedError } from '../masterdata/institution-on-date';

export interface RegisterPatientRequest {
  id: string;
  residentId: string;
  name: string;
  phone?: string | null;
  scheme: 'resident' | 'employee' | 'uninsured';
  streetCode: string;
  managed: boolean;
  managedSince?: string | null;
  managingInstitutionId?: string | null;
  diseases: { disease: Disease; diabetesType?: 'type1' | 'type2' | 'other' | null; diagnosedOn: string }[];
  chronicProgrammeDiseases?: Disease[] | null;
}

export interface FollowUpRequest {
  patientId: string;
  institutionId: string;
  date: string;
  faceToFace: boolean;
  systolic?: number | null;
  diastolic?: number | null;
  fastingGlucoseMmol?: number | null;
}

const ID = /^[A-Za-z0-9._-]{1,64}$/;

export class PatientService {
  constructor(
    private readonly regions: RegionDirectory,
    /** today in China, injected (services.ts); also what an age band is reckoned on */
    readonly today: () => string,
  ) {}

  async register(em: EntityManager, scope: Scope, req: RegisterPatientRequest): Promise<{ districtCode: string; id: string }> {
    const p = new InputProblems();
    if (!ID.test(req.id)) p.add('input.id', 'must be 1–64 letters, digits or . _ -', '编号格式无效');
    const rid = validateResidentId(req.residentId);
    if (!rid.ok) p.add('input.residentId', `invalid resident ID (${rid.problem})`, `身份证号无效（${rid.problem}）`);
    // The policy core has no clock: a well-formed number can still carry a birth date after today.
    else if (rid.info.birthDate > this.today()) p.add('input.residentId', 'its birth date is in the future', '出生日期晚于今天');
    if (req.name.trim().length === 0 || req.name.length > 50) p.add('input.name', 'must be 1–50 characters', '姓名须为1–50个字符');
    if (req.phone != null && !/^1\d{10}$/.test(req.phone)) p.add('input.phone', 'must be an 11-digit mobile number', '须为11位手机号');
    const street = this.regions.get(req.streetCode);
    if (street === undefined || street.level !== 'street') p.add('input.streetCode', 'unknown street or township', '未知街道/乡镇');
    else if (this.regions.closedOn(street.code, this.today()))
      p.add('input.streetCode', `street ${street.code} or its district is closed`, `街道${street.code}或其所属区县已撤销`);
    if (req.diseases.length === 0 || req.diseases.length > 2) p.add('input.diseases', 'one or both of the two diseases', '须为一种或两种疾病');
    req.diseases.forEach((d, i) => {
      if (!isIsoDate(d.diagnosedOn) || d.diagnosedOn > this.today())
        p.add(`input.diseases[${i}].diagnosedOn`, 'must be a past calendar date', '须为已过去的有效日期');
      if (d.disease !== 'diabetes' && d.diabetesType != null) p.add(`input.diseases[${i}].diabetesType`, 'only for diabetes', '仅适用于糖尿病');
    });
    if (new Set(req.diseases.map((d) => d.disease)).size !== req.diseases.length) p.add('input.diseases', 'a disease is listed twice', '疾病重复');
    if (req.managedSince != null && !isIsoDate(req.managedSince)) p.add('input.managedSince', 'must be YYYY-MM-DD', '须为有效日期');
    p.throwIfAny();
    const districtCode = street!.districtCode!;
    scope.assertWrite(districtCode, 'patient');
    const info = rid.ok ? rid.info : null;
    return em.transactional(async (tem) => {
      const dup = await exec(tem, `select 1 from patients where district_code = ? and (id = ? or resident_id = ?)`, [districtCode, req.id, req.residentId]);
      if (dup.length > 0) throw conflict('A patient with this id or resident ID exists in the district', '该辖区已有相同编号或身份证号的患者');
      if (req.managingInstitutionId != null && (await exec(tem, `select 1 from institutions where id = ?`, [req.managingInstitutionId])).length === 0) {
        throw badInput('input.managingInstitutionId', 'unknown institution', '未知机构');
      }
      // Past diagnosis dates reach the statistics of open periods only (closed ones are immutable).
      const stats = await trackPatientStats(tem, districtCode, req.id, { eventDate: null, years: 'all' });
      tem.create(Patient, {
        districtCode,
        id: req.id,
        residentId: req.residentId,
        name: req.name,
        sex: info!.sex,
        birthDate: info!.birthDate,
        streetCode: req.streetCode,
        phone: req.phone ?? null,
        scheme: req.scheme,
        uninsuredReason: null,
        managed: req.managed,
        managedSince: req.managedSince ?? null,
        managingInstitutionId: req.managingInstitutionId ?? null,
        chronicProgrammeDiseases: req.chronicProgrammeDiseases ?? [],
        longTermResidenceElsewhere: false,
        findings: [],
      });
      // No ORM relation joins the two (they are joined by district and id), so the patient is flushed first.
      await tem.flush();
      for (const d of req.diseases)
        tem.create(PatientDisease, { districtCode, patientId: req.id, disease: d.disease, diabetesType: d.diabetesType ?? null, diagnosedOn: d.diagnosedOn });
      await tem.flush();
      await stats.finish(tem);
      await audit(tem, scope.viewer, districtCode, 'patient.register', 'patient', req.id);
      return { districtCode, id: req.id };
    });
  }

  async districtOf(em: EntityManager, scope: Scope, patientId: string): Promise<string> {
    const rows = await exec<{ district_code: string }>(em, `select district_code from patients where id = ? and district_code = any(?)`, [
      patientId,
      scope.readableDistricts(),
    ]);
    const d = rows[0]?.district_code;
    if (d === undefined) throw notFound('patient', patientId);
    return d;
  }

  async certify(
    em: EntityManager,
    scope: Scope,
    patientId: string,
    certificateNo: string,
    certifiedOn: string,
    institutionId: string,
    diseases: Disease[],
  ): Promise<string> {
    const p = new InputProblems();
    if (!/^[A-Za-z0-9-]{4,40}$/.test(certificateNo)) p.add('certificateNo', 'must be 4–40 letters, digits or -', '证号格式无效');
    if (!isIsoDate(certifiedOn) || certifiedOn > this.today()) p.add('certifiedOn', 'must be a past calendar date', '须为已过去的有效日期');
    if (diseases.length === 0) p.add('diseases', 'at least one disease', '至少一种疾病');
    p.throwIfAny();
    const districtCode = await this.districtOf(em, scope, patientId);
    scope.assertCertify(districtCode, institutionId);
    return em.transactional(async (tem) => {
      const [inst] = await exec<{ level: string; district_code: string }>(tem, `select level, district_code from institutions where id = ?`, [institutionId]);
      if (inst === undefined) throw badInput('institutionId', 'unknown institution', '未知机构');
      if (scope.viewer.role === 'institution_operator' && !OPERATOR_CERTIFYING_LEVELS.has(inst.level)) {
        throw badInput(
          'institutionId',
          'an institution certifies only as a township or community health centre (G-3, 五(一)2)',
          '机构办证限乡（镇）卫生院及社区卫生服务中心（G-3，五（一）2）',
        );
      }
      if (!['township_health_centre', 'community_health_centre', 'level2_hospital', 'level3_hospital'].includes(inst.level)) {
        throw badInput(
          'institutionId',
          'certification is done by township or community health centres or hospitals (G-3)',
          '办证须由乡镇卫生院、社区卫生服务中心或医院办理（G-3）',
        );
      }
      const known = await exec<{ disease: Disease }>(tem, `select disease from patient_diseases where district_code = ? and patient_id = ?`, [
        districtCode,
        patientId,
      ]);
      for (const d of diseases) if (!known.some((k) => k.disease === d)) throw badInput('diseases', `the patient has no ${d} diagnosis`, '患者无该病种诊断');
      const stats = await trackPatientStats(tem, districtCode, patientId, { eventDate: certifiedOn, years: 'all' });
      await exec(tem, `update certifications set revoked_on = ?::date where district_code = ? and patient_id = ? and revoked_on is null`, [
        certifiedOn,
        districtCode,
        patientId,
      ]);
      tem.create(Certification, { districtCode, patientId, certificateNo, certifiedOn, certifyingInstitutionId: institutionId, diseases, revokedOn: null });
      await tem.flush();
      await stats.finish(tem);
      await audit(tem, scope.viewer, districtCode, 'patient.certify', 'patient', patientId, { certificateNo });
      return districtCode;
    });
  }

  async designate(em: EntityManager, scope: Scope, patientId: string, institutionId: string, effectiveFrom: string, atEnrolment: boolean): Promise<string> {
    if (!isIsoDate(effectiveFrom)) throw badInput('effectiveFrom', 'must be YYYY-MM-DD', '须为有效日期');
    const districtCode = await this.districtOf(em, scope, patientId);
    scope.assertWrite(districtCode, 'designation');
    return em.transactional(async (tem) => {
      const [inst] = await exec<{ level: string; city_code: string; consortium_id: string | null; closed_on: string | null }>(
        tem,
        `select level, city_code, consortium_id, to_char(closed_on, 'YYYY-MM-DD') as closed_on from institutions where id = ?`,
        [institutionId],
      );
      if (inst === undefined) throw badInput('institutionId', 'unknown institution', '未知机构');
      if (inst.closed_on !== null && effectiveFrom >= inst.closed_on)
        throw institutionClosedError('institutionId', institutionId, inst.closed_on, effectiveFrom);
      if (inst.level === 'level2_hospital' || inst.level === 'level3_hospital')
        throw badInput('institutionId', 'the designated institution must be a primary-care institution (W-4)', '约定机构须为基层医疗卫生机构（W-4）');
      await exec(tem, `select 1 from patients where district_code = ? and id = ? for update`, [districtCode, patientId]);
      const [current] = await exec<{ institution_id: string; consortium_id: string | null; valid_from: string; valid_to: string | null }>(
        tem,
        `select institution_id, consortium_id, to_char(valid_from, 'YYYY-MM-DD') as valid_from, to_char(valid_to, 'YYYY-MM-DD') as valid_to
           from designations where district_code = ? and patient_id = ? and valid_to is null`,
        [districtCode, patientId],
      );
      const decision = canChangeDesignation({
        cityCode: inst.city_code,
        districtCode,
        current: current
          ? { institutionId: current.institution_id, consortiumId: current.consortium_id, from: current.valid_from, to: current.valid_to }
          : null,
        newInstitutionId: institutionId,
        requestedOn: this.today(),
        effectiveFrom,
        atEnrolment,
      });
      if (!decision.allowed)
        throw conflict(`${decision.reasonEn} (${decision.ruleId} ${decision.section})`, `${decision.reasonZh}（${decision.ruleId} ${decision.section}）`, {
          code: decision.code,
        });
      if (current && current.valid_from >= effectiveFrom) throw conflict('A designation already starts on or after this date', '已有同日或更晚生效的约定');
      if (current)
        await exec(tem, `update designations set valid_to = (?::date - 1) where district_code = ? and patient_id = ? and valid_to is null`, [
          effectiveFrom,
          districtCode,
          patientId,
        ]);
      tem.create(Designation, {
        districtCode,
        patientId,
        validFrom: effectiveFrom,
        validTo: null,
        institutionId,
        consortiumId: inst.consortium_id,
        requestedOn: this.today(),
        atEnrolment,
      });
      await tem.flush();
      await audit(tem, scope.viewer, districtCode, 'patient.designate', 'patient', patientId, { institutionId, effectiveFrom, rule: decision.ruleId });
      return districtCode;
    });
  }

  async recordFollowUp(em: EntityManager, scope: Scope, req: FollowUpRequest): Promise<string> {
    const p = new InputProblems();
    if (!isIsoDate(req.date) || req.date > this.today()) p.add('input.date', 'must be a past calendar date', '须为已过去的有效日期');
    if (req.systolic != null && (!Number.isInteger(req.systolic) || req.systolic < 40 || req.systolic > 300))
      p.add('input.systolic', 'must be 40–300 mmHg', '收缩压须为40–300');
    if (req.diastolic != null && (!Number.isInteger(req.diastolic) || req.diastolic < 20 || req.diastolic > 200))
      p.add('input.diastolic', 'must be 20–200 mmHg', '舒张压须为20–200');
    if ((req.systolic == null) !== (req.diastolic == null)) p.add('input.diastolic', 'give both pressures or neither', '收缩压与舒张压须同时提供');
    if (req.fastingGlucoseMmol != null && (!Number.isFinite(req.fastingGlucoseMmol) || req.fastingGlucoseMmol < 0.5 || req.fastingGlucoseMmol > 50))
      p.add('input.fastingGlucoseMmol', 'must be 0.5–50 mmol/L', '空腹血糖须为0.5–50');
    p.throwIfAny();
    const districtCode = await this.districtOf(em, scope, req.patientId);
    scope.assertWrite(districtCode, 'follow_up', req.institutionId);
    return em.transactional(async (tem) => {
      const [inst] = await exec(tem, `select 1 from institutions where id = ?`, [req.institutionId]);
      if (inst === undefined) throw badInput('input.institutionId', 'unknown institution', '未知机构');
      const stats = await trackPatientStats(tem, districtCode, req.patientId, { eventDate: req.date, years: [Number(req.date.slice(0, 4))] });
      const f = tem.create(FollowUp, {
        districtCode,
        id: crypto.randomUUID(),
        patientId: req.patientId,
        institutionId: req.institutionId,
        followUpDate: req.date,
        faceToFace: req.faceToFace,
        systolic: req.systolic ?? null,
        diastolic: req.diastolic ?? null,
        fastingGlucoseTenths: req.fastingGlucoseMmol == null ? null : Math.round(req.fastingGlucoseMmol * 10),
      });
      await tem.flush();
      await stats.finish(
        tem,
        withFollowUp({
          date: req.date,
          faceToFace: req.faceToFace,
          systolic: f.systolic ?? null,
          diastolic: f.diastolic ?? null,
          glucoseTenths: f.fastingGlucoseTenths ?? null,
        }),
      );
      await audit(tem, scope.viewer, districtCode, 'follow_up.record', 'follow_up', f.id);
      return f.id;
    });
  }

  /** The general-outpatient benefit's use this year, fed by the outpatient system (W-3). */
  async recordGeneralOutpatient(em: EntityManager, scope: Scope, patientId: string, year: number, fundPaidFen: number, exhausted: boolean): Promise<void> {
    // A year's general-outpatient payment beyond what one claim line may carry (1 000 000 yuan) is a mistake, not a figure.
    if (!Number.isSafeInteger(fundPaidFen) || fundPaidFen < 0 || fundPaidFen > MAX_LINE_AMOUNT_FEN)
      throw badInput('fundPaidFen', `must be an integer 0–${MAX_LINE_AMOUNT_FEN} fen`, '须为0–100万元之间的整数（分）');
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', 'must be 2000–2100', '年份无效');
    const districtCode = await this.districtOf(em, scope, patientId);
    scope.assertWrite(districtCode, 'ledger');
    await em.transactional(async (tem) => {
      await exec(tem, `insert into benefit_ledger (district_code, patient_id, year) values (?, ?, ?) on conflict do nothing`, [districtCode, patientId, year]);
      await exec(
        tem,
        `update benefit_ledger set general_outpatient_fund_fen = ?, general_outpatient_exhausted = ?, updated_at = now() where district_code = ? and patient_id = ? and year = ?`,
        [fundPaidFen, exhausted, districtCode, patientId, year],
      );
      await audit(tem, scope.viewer, districtCode, 'ledger.general_outpatient', 'patient', patientId, { year, fundPaidFen, exhausted });
    });
  }
}
