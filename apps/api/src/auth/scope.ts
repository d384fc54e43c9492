/**
 * The one place where access is decided. Every list, single read, mutation, statistic and
 * export asks the Scope: which districts may this viewer read, may it write here, may it see
 * personal data unmasked. Deny by default: a role not named here gets nothing.
 */
import { forbidden } from '../errors';
import type { Viewer } from './tokens';

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
    }
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
  assertWrite(districtCode: string, action: 'patient' | 'claim' | 'follow_up' | 'designation' | 'reverse' | 'ledger' | 'roster' | 'alert' | 'credit', institutionId?: string): void {
    const v = this.viewer;
    if (v.role === 'district_bureau' && v.districtCode === districtCode) return;
    if (v.role === 'institution_operator' && v.districtCode === districtCode && (action === 'claim' || action === 'follow_up') && institutionId === v.institutionId) return;
    throw forbidden();
  }

  /**
   * City-wide writes: loading a catalogue version. The leadership group's office sits in the city
   * bureau and its duties include 定期动态调整“两病”门诊用药目录 (Guiyang plan, 附件1 工作职责).
   */
  assertCityWrite(cityCode: string, action: 'catalogue' | 'region'): void {
    if (this.viewer.role === 'city_leadership' && this.viewer.cityCode === cityCode && (action === 'catalogue' || action === 'region')) return;
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

  /** Resident IDs and phone numbers are unmasked only for auditors, and each such read is audited. */
  get unmasked(): boolean {
    return this.viewer.role === 'auditor';
  }
}
