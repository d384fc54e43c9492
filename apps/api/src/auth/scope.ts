/**
 * The one place where access is decided. Every list, single read, mutation, statistic and
 * export asks the Scope: which districts may this viewer read, may it write here, may it see
 * personal data unmasked. Deny by default: a role not named here gets nothing.
 */
import { forbidden } from '../errors';
import type { Viewer } from './tokens';

/** Cities whose text moves 办证审核认定 down to township and community health centres: Guiyang, G-3 五(一)2. */
export const CERTIFICATION_AT_PRIMARY_INSTITUTIONS: ReadonlySet<string> = new Set(['520100']);
/** The levels G-3 五(一)2 names (乡（镇）卫生院及社区卫生服务中心): where an operator may certify. */
export const OPERATOR_CERTIFYING_LEVELS: ReadonlySet<string> = new Set(['township_health_centre', 'community_health_centre']);

export class Scope {
  /** the districts of the viewer's city, from the regions table, loaded once at start-up */
  constructor(
    readonly viewer: Viewer,
    private readonly districtsOfCity: (cityCode: string) => readonly string[],
  ) {}

  /** The districts this viewer may read: the whole city, or its own district. */
  readableDistricts(): readonly string[] {
    const v = this.viewer;
    switch (v.role) {
      case 'city_leadership':
      case 'auditor':
        return this.districtsOfCity(v.cityCode);
      case 'district_bureau':
      case 'institution_operator':
        return v.districtCode === null ? [] : [v.districtCode];
      case 'history_importer':
        // It only imports: it reads nothing of the programme (historyDistricts is where it imports).
        return [];
    }
  }

  /**
   * Where history imports and their reports are seen: the importer's city or its token's district;
   * the city-wide roles their city; a district's bureau its district. Institution operators none.
   */
  historyDistricts(): readonly string[] {
    const v = this.viewer;
    if (v.role === 'history_importer') return v.districtCode === null ? this.districtsOfCity(v.cityCode) : [v.districtCode];
    if (v.role === 'institution_operator') return [];
    return this.readableDistricts();
  }

  canRead(districtCode: string): boolean {
    return this.readableDistricts().includes(districtCode);
  }

  assertRead(districtCode: string): void {
    if (!this.canRead(districtCode)) throw forbidden();
  }

  /** Region codes the viewer may ask statistics for: its city or its district, and what lies below. */
  assertRegion(regionCode: string, regionDistrict: string | null, regionCity: string): void {
    if (regionCity !== this.viewer.cityCode) throw forbidden();
    if (regionDistrict === null) {
      if (this.viewer.role === 'city_leadership' || this.viewer.role === 'auditor') return;
      throw forbidden('Only city-wide roles may read the whole city', '仅市级角色可查看全市数据');
    }
    this.assertRead(regionDistrict);
    void regionCode;
  }

  /** District bureaus write in their district; institution operators write claims and follow-ups of their institution. */
  assertWrite(
    districtCode: string,
    action: 'patient' | 'claim' | 'follow_up' | 'designation' | 'reverse' | 'ledger' | 'roster' | 'alert' | 'credit',
    institutionId?: string,
  ): void {
    const v = this.viewer;
    if (v.role === 'district_bureau' && v.districtCode === districtCode) return;
    if (
      v.role === 'institution_operator' &&
      v.districtCode === districtCode &&
      (action === 'claim' || action === 'follow_up') &&
      institutionId === v.institutionId
    )
      return;
    throw forbidden();
  }

  /**
   * 办证 (certifying a patient for the benefit). A district bureau certifies in its district. An
   * institution operator certifies at its own institution, in its own district, where the city's
   * text moves certification down to the primary institutions: Guiyang G-3, 五(一)2 “将‘两病’办证审核
   * 认定工作下沉到各乡（镇）卫生院及社区卫生服务中心，实行‘一站式’办理” (so a township or community
   * health centre's operator, `operatorLevelMayCertify`). Wuxi's opinion does not: its 二(二) leaves
   * 市区 to 锡政发〔2010〕156号 and has 江阴、宜兴 patients 首次鉴定 before they designate, naming no
   * institution that certifies, so in Wuxi the bureau certifies.
   */
  assertCertify(districtCode: string, institutionId: string): void {
    const v = this.viewer;
    if (v.role === 'district_bureau' && v.districtCode === districtCode) return;
    if (
      v.role === 'institution_operator' &&
      CERTIFICATION_AT_PRIMARY_INSTITUTIONS.has(v.cityCode) &&
      v.districtCode === districtCode &&
      v.institutionId === institutionId
    )
      return;
    throw forbidden();
  }

  /**
   * Where this viewer may look a patient up to record a clinical record (a prescription, referral or
   * finding): where it may read, and for an institution operator its whole city (assertClinicalWrite).
   */
  clinicalWriteDistricts(): readonly string[] {
    const v = this.viewer;
    return v.role === 'institution_operator' ? this.districtsOfCity(v.cityCode) : this.readableDistricts();
  }

  /**
   * Clinical records belong to the patient's district, whichever district issued them. The district's
   * bureau records them; so does an operator of the institution that issued the record, for a patient
   * of any district of its city: a level-2+ hospital of district A prescribes for (G-5 五(二)4) and
   * receives referrals of patients of district B. Such an operator writes the record without reading
   * the patient's others (reads stay scoped by readableDistricts).
   */
  assertClinicalWrite(patientDistrict: string, patientCity: string, issuingInstitutionId: string | null): void {
    const v = this.viewer;
    if (v.role === 'district_bureau' && v.districtCode === patientDistrict) return;
    if (v.role === 'institution_operator' && v.cityCode === patientCity && issuingInstitutionId !== null && v.institutionId === issuingInstitutionId) return;
    throw forbidden();
  }

  /**
   * Family-doctor signings (家庭医生签约): the patient's district bureau; or an operator of the patient's
   * designated institution, for a team of its own institution (an institution sees and writes the
   * patients designated to it, as patient(id) shows them). City-wide roles read them only.
   */
  assertSigningWrite(patientDistrict: string, designatedInstitutionId: string | null, signingInstitutionId: string): void {
    const v = this.viewer;
    if (v.role === 'district_bureau' && v.districtCode === patientDistrict) return;
    if (
      v.role === 'institution_operator' &&
      v.districtCode === patientDistrict &&
      designatedInstitutionId !== null &&
      v.institutionId === designatedInstitutionId &&
      v.institutionId === signingInstitutionId
    )
      return;
    throw forbidden();
  }

  /**
   * City-wide writes: loading a catalogue version, setting a configuration value, creating a region.
   * The leadership group's office sits in the city bureau and its duties include 定期动态调整“两病”门诊用药目录
   * and watching the programme's progress (Guiyang plan, 附件1 工作职责).
   */
  assertCityWrite(cityCode: string, action: 'catalogue' | 'configuration' | 'region' | 'payment_standard'): void {
    if (
      this.viewer.role === 'city_leadership' &&
      this.viewer.cityCode === cityCode &&
      (action === 'catalogue' || action === 'configuration' || action === 'region' || action === 'payment_standard')
    )
      return;
    throw forbidden();
  }

  /**
   * A district's reference data — its institutions (G 五(二)4: the qualification to treat 两病 is
   * given by the bureaus) and its population figures: its own bureau, or the city's leadership
   * group for any district of its city. Nobody else, whatever the district.
   */
  assertMasterDataWrite(districtCode: string, cityCode: string): void {
    const v = this.viewer;
    if (v.role === 'district_bureau' && v.districtCode === districtCode && v.cityCode === cityCode) return;
    if (v.role === 'city_leadership' && v.cityCode === cityCode) return;
    throw forbidden();
  }

  /**
   * A city's configuration values (thresholds, points, weights, targets, rates): read by the city's
   * bureau roles; not by institutions, whose own monitoring thresholds they would learn.
   */
  assertConfigurationRead(cityCode: string): void {
    if (this.viewer.cityCode === cityCode && this.viewer.role !== 'institution_operator') return;
    throw forbidden('Configuration values are read by the bureau', '配置项仅供医保部门查看');
  }

  /**
   * Annual fund budgets (Wuxi 五(一): 做好基金运行和专项统计分析): a district's bureau sets its own; the
   * city's leadership group, whose office sits in the city bureau, may set any district's of its city.
   */
  assertBudgetWrite(districtCode: string, cityCode: string): void {
    const v = this.viewer;
    if (v.role === 'district_bureau' && v.districtCode === districtCode) return;
    if (v.role === 'city_leadership' && v.cityCode === cityCode) return;
    throw forbidden();
  }

  /** An institution operator sees only its own claims and the patients designated to it. */
  get institutionOnly(): string | null {
    return this.viewer.role === 'institution_operator' ? this.viewer.institutionId : null;
  }

  /**
   * The audit log (who read or wrote which patient's data) is the auditors' (审计), of their city's
   * districts like every other read; every other role is refused it whole.
   */
  assertAuditRead(): void {
    if (this.viewer.role !== 'auditor') throw forbidden('The audit log is read by auditors only', '审计日志仅供审计人员查看');
  }

  /** Resident IDs and phone numbers are unmasked only for auditors, and each such read is audited. */
  get unmasked(): boolean {
    return this.viewer.role === 'auditor';
  }

  /**
   * Birth date and sex: with the masked ID's division and the masked name they single a person out,
   * so they are shown where the identity is, to auditors only (audited like the ID); every other role
   * gets an age band and no sex. Why no other role needs them (docs/reliability.md §3, the matrix):
   * no rule of either city's text turns on sex; the only ages the rules use (65 for the blood-pressure
   * target, 35 for the awareness population) are applied by the API itself from the stored date, and
   * the band keeps them whole. The bureau registers a patient from the resident ID (it knew the date
   * then) and reads figures afterwards; an institution treats the patient in person and keeps the
   * clinical record in its own system; the leadership group reads aggregates.
   */
  get unmaskedBirthAndSex(): boolean {
    return this.viewer.role === 'auditor';
  }
}
