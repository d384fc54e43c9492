/**
 * Institutions through the API: created, updated, closed from a date, and their qualification
 * to treat 两病 granted and withdrawn on dates (G 五(二)4: 将“两病”门诊诊疗权限统一下放到符合医保、卫生健康
 * 部门相关标准的基层医疗卫生机构，允许其开展“两病”门诊诊疗服务; 附件2 item 4: 确保……诊疗权限及时下放到基层
 * 医疗机构). A district's bureau writes its district's institutions, the city's leadership group any
 * of its city. The can_treat_two_diseases column is kept as the qualification today, for readers
 * that want the current value; claims are judged by the history (institution-on-date.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { InstitutionLevel } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { exec } from '../../db/sql';
import { conflict, InputProblems, notFound } from '../../errors';
import { audit } from '../audit/audit';
import type { RegionDirectory } from '../regions/region.directory';
import { treatsTwoDiseasesOn } from './institution-on-date';
import {
  claimsOnOrAfter,
  grantsOf,
  insertGrant,
  insertInstitution,
  institutionsById,
  periodsOf,
  updateInstitution,
  withdrawGrant,
  type InstitutionRecord,
  type TreatmentGrant,
} from './institution.repository';
import { checkDate, checkName, checkText, CONSORTIUM_ID, INSTITUTION_ID, INSTITUTION_LEVELS } from './masterdata.validation';

/** What a caller sets on an institution; the city is the district's. */
export interface InstitutionFields {
  id: string;
  name: string;
  level: string;
  districtCode: string;
  streetCode: string | null;
  consortiumId: string | null;
  insuranceDesignated: boolean;
  networkedOutOfArea: boolean;
}

export type InstitutionPatch = Partial<
  Pick<InstitutionFields, 'name' | 'level' | 'streetCode' | 'consortiumId' | 'insuranceDesignated' | 'networkedOutOfArea'>
>;

/** The grant still open: the last one not withdrawn, or the column's qualification when no history was ever kept. */
export function openGrant(grants: readonly TreatmentGrant[] | undefined, column: boolean): TreatmentGrant | 'column' | null {
  if (grants === undefined || grants.length === 0) return column ? 'column' : null;
  const last = grants[grants.length - 1]!;
  return last.withdrawnOn === null ? last : null;
}

export class InstitutionService {
  constructor(
    private readonly regions: RegionDirectory,
    private readonly today: () => string,
  ) {}

  /** Adds a problem per bad field (named by `field(key)`), and answers the city when the district is known. */
  checkFields(p: InputProblems, f: InstitutionFields, field: (key: keyof InstitutionFields) => string): string | null {
    if (!INSTITUTION_ID.test(f.id)) p.add(field('id'), 'must be 1–64 letters, digits or . _ -', '机构编码须为1–64位字母、数字或 . _ -');
    checkName(p, field('name'), f.name, 100);
    if (!(INSTITUTION_LEVELS as readonly string[]).includes(f.level)) p.add(field('level'), `must be one of ${INSTITUTION_LEVELS.join(', ')}`, '机构级别无效');
    if (f.consortiumId !== null && !CONSORTIUM_ID.test(f.consortiumId))
      p.add(field('consortiumId'), 'must be 1–64 letters, digits or . _ -', '医联体编码格式无效');
    const district = this.regions.get(f.districtCode);
    if (district === undefined || district.level !== 'district') {
      p.add(field('districtCode'), 'unknown district', '未知区县');
      return null;
    }
    if (f.streetCode !== null) {
      const street = this.regions.get(f.streetCode);
      if (street === undefined || street.level !== 'street') p.add(field('streetCode'), 'unknown street or township', '未知街道/乡镇');
      else if (street.parentCode !== district.code)
        p.add(field('streetCode'), `street ${street.code} is not in district ${district.code}`, `街道${street.code}不属于区县${district.code}`);
    }
    return district.cityCode;
  }

  async create(em: EntityManager, scope: Scope, f: InstitutionFields, treatment: { from: string; source: string } | null): Promise<InstitutionRecord> {
    const p = new InputProblems();
    const cityCode = this.checkFields(p, f, (k) => `input.${k}`);
    if (treatment !== null) {
      checkDate(p, 'input.twoDiseaseTreatmentFrom', treatment.from);
      checkText(p, 'input.twoDiseaseTreatmentSource', treatment.source, 500);
    }
    if (cityCode !== null) this.checkOpen(p, f, (k) => `input.${k}`);
    p.throwIfAny();
    scope.assertMasterDataWrite(f.districtCode, cityCode!);
    return em.transactional(async (tem) => {
      if ((await institutionsById(tem, [f.id])).size > 0) throw conflict(`Institution ${f.id} exists`, `机构${f.id}已存在`);
      const record = {
        ...f,
        level: f.level as InstitutionLevel,
        cityCode: cityCode!,
        canTreatTwoDiseases: treatment !== null && treatment.from <= this.today(),
        closedOn: null,
      };
      await insertInstitution(tem, record);
      if (treatment !== null)
        await insertGrant(tem, f.id, {
          grantedFrom: treatment.from,
          grantSource: treatment.source,
          grantedBy: scope.viewer.userId,
          withdrawnOn: null,
          withdrawalReason: null,
          withdrawnBy: null,
        });
      await audit(tem, scope.viewer, f.districtCode, 'institution.create', 'institution', f.id, { fields: f, twoDiseaseTreatment: treatment });
      return record;
    });
  }

  async update(em: EntityManager, scope: Scope, id: string, patch: InstitutionPatch): Promise<InstitutionRecord> {
    return em.transactional(async (tem) => {
      const current = await this.lockedWritable(tem, scope, id);
      const next: InstitutionFields = { ...current, ...definedOf(patch) };
      const p = new InputProblems();
      this.checkFields(p, next, (k) => `input.${k}`);
      if (patch.streetCode != null && this.regions.closedOn(patch.streetCode, this.today()))
        p.add('input.streetCode', `street ${patch.streetCode} is closed`, `街道${patch.streetCode}已撤销`);
      p.throwIfAny();
      const record: InstitutionRecord = { ...current, ...next, level: next.level as InstitutionLevel };
      await updateInstitution(tem, record);
      await audit(tem, scope.viewer, current.districtCode, 'institution.update', 'institution', id, { changed: changes(current, record) });
      return record;
    });
  }

  /** From `closedOn` the institution takes no claims and no designations; refused while accepted claims dated on or after it exist. */
  async close(em: EntityManager, scope: Scope, id: string, closedOn: string, reason: string): Promise<InstitutionRecord> {
    const p = new InputProblems();
    checkDate(p, 'closedOn', closedOn);
    checkText(p, 'reason', reason, 500);
    p.throwIfAny();
    return em.transactional(async (tem) => {
      const current = await this.lockedWritable(tem, scope, id);
      const districts = this.regions.districtsOf(current.cityCode).map((d) => d.code);
      const stranded = await claimsOnOrAfter(tem, districts, id, closedOn);
      if (stranded > 0)
        throw conflict(
          `${stranded} accepted claims at ${id} are dated on or after ${closedOn}; reverse them or close later`,
          `该机构有${stranded}笔${closedOn}及以后的已受理结算，请先冲正或推后关闭日期`,
          { code: 'CLAIMS_AFTER_CLOSING', claims: stranded },
        );
      const record = { ...current, closedOn };
      await updateInstitution(tem, record);
      await audit(tem, scope.viewer, current.districtCode, 'institution.close', 'institution', id, { closedOn, reason });
      return record;
    });
  }

  async grantTreatment(em: EntityManager, scope: Scope, id: string, from: string, source: string): Promise<TreatmentGrant[]> {
    const p = new InputProblems();
    checkDate(p, 'from', from);
    checkText(p, 'source', source, 500);
    p.throwIfAny();
    return em.transactional(async (tem) => {
      const current = await this.lockedWritable(tem, scope, id);
      const grants = (await grantsOf(tem, [id])).get(id);
      await this.applyGrant(tem, scope, current, grants, from, source);
      return (await grantsOf(tem, [id])).get(id) ?? [];
    });
  }

  async withdrawTreatment(em: EntityManager, scope: Scope, id: string, on: string, reason: string): Promise<TreatmentGrant[]> {
    const p = new InputProblems();
    checkDate(p, 'on', on);
    checkText(p, 'reason', reason, 500);
    p.throwIfAny();
    return em.transactional(async (tem) => {
      const current = await this.lockedWritable(tem, scope, id);
      const grants = (await grantsOf(tem, [id])).get(id);
      await this.applyWithdrawal(tem, scope, current, grants, on, reason);
      return (await grantsOf(tem, [id])).get(id) ?? [];
    });
  }

  /** A new grant from `from`: refused while one is open, or when it would begin before the last withdrawal. */
  async applyGrant(
    em: EntityManager,
    scope: Scope,
    inst: InstitutionRecord,
    grants: TreatmentGrant[] | undefined,
    from: string,
    source: string,
  ): Promise<void> {
    const refused = grantRefusal(inst, grants, from);
    if (refused !== null) throw conflict(refused.en, refused.zh, { code: refused.code });
    await insertGrant(em, inst.id, {
      grantedFrom: from,
      grantSource: source,
      grantedBy: scope.viewer.userId,
      withdrawnOn: null,
      withdrawalReason: null,
      withdrawnBy: null,
    });
    await this.refreshColumn(em, inst.id);
    await audit(em, scope.viewer, inst.districtCode, 'institution.grant_two_disease_treatment', 'institution', inst.id, { from, source, rule: 'G-5 五(二)4' });
  }

  /** Withdraws the open grant from `on` (the last day qualified is the day before). */
  async applyWithdrawal(
    em: EntityManager,
    scope: Scope,
    inst: InstitutionRecord,
    grants: TreatmentGrant[] | undefined,
    on: string,
    reason: string,
  ): Promise<void> {
    const refused = withdrawalRefusal(inst, grants, on);
    if (refused !== null) throw conflict(refused.en, refused.zh, { code: refused.code });
    const open = openGrant(grants, inst.canTreatTwoDiseases)!;
    if (open === 'column') {
      // Qualified before dated history was kept: the grant is recorded with an unknown start, and withdrawn.
      await insertGrant(em, inst.id, {
        grantedFrom: null,
        grantSource: 'recorded as qualified before dated history was kept (can_treat_two_diseases)',
        grantedBy: scope.viewer.userId,
        withdrawnOn: on,
        withdrawalReason: reason,
        withdrawnBy: scope.viewer.userId,
      });
    } else {
      await withdrawGrant(em, inst.id, open.seq, on, reason, scope.viewer.userId);
    }
    await this.refreshColumn(em, inst.id);
    await audit(em, scope.viewer, inst.districtCode, 'institution.withdraw_two_disease_treatment', 'institution', inst.id, { on, reason, rule: 'G-5 五(二)4' });
  }

  /** The column follows the history as of today (the compatibility value; see the file's note). */
  private async refreshColumn(em: EntityManager, id: string): Promise<void> {
    const grants = (await grantsOf(em, [id])).get(id);
    await exec(em, `update institutions set can_treat_two_diseases = ? where id = ?`, [treatsTwoDiseasesOn(periodsOf(grants), false, this.today()), id]);
  }

  /** The institution locked for update, checked against the viewer's scope and not closed. */
  async lockedWritable(em: EntityManager, scope: Scope, id: string): Promise<InstitutionRecord> {
    const current = (await institutionsById(em, [id], true)).get(id);
    if (current === undefined) throw notFound('institution', id);
    scope.assertMasterDataWrite(current.districtCode, current.cityCode);
    if (current.closedOn !== null)
      throw conflict(`Institution ${id} closed on ${current.closedOn}`, `机构${id}已于${current.closedOn}关闭`, { code: 'INSTITUTION_CLOSED' });
    return current;
  }

  /** A new institution goes only into an open district and street. */
  checkOpen(p: InputProblems, f: InstitutionFields, field: (key: keyof InstitutionFields) => string): void {
    const today = this.today();
    if (this.regions.closedOn(f.districtCode, today)) p.add(field('districtCode'), `district ${f.districtCode} is closed`, `区县${f.districtCode}已撤销`);
    else if (f.streetCode !== null && this.regions.closedOn(f.streetCode, today))
      p.add(field('streetCode'), `street ${f.streetCode} is closed`, `街道${f.streetCode}已撤销`);
  }
}

export interface Refusal {
  code: string;
  en: string;
  zh: string;
}

/** Why a grant from `from` cannot be recorded, or null. */
export function grantRefusal(inst: InstitutionRecord, grants: readonly TreatmentGrant[] | undefined, from: string): Refusal | null {
  const open = openGrant(grants, inst.canTreatTwoDiseases);
  if (open !== null)
    return {
      code: 'ALREADY_GRANTED',
      en: `institution ${inst.id} is already qualified to treat 两病 (since ${open === 'column' || open.grantedFrom === null ? 'before dated records' : open.grantedFrom})`,
      zh: `机构${inst.id}已具备“两病”诊疗资格`,
    };
  const lastEnd = grants?.[grants.length - 1]?.withdrawnOn ?? null;
  if (lastEnd !== null && from < lastEnd)
    return {
      code: 'GRANT_OVERLAPS',
      en: `the qualification was withdrawn on ${lastEnd}; a new grant cannot begin before it`,
      zh: `资格已于${lastEnd}撤销，新授予不能早于该日期`,
    };
  return null;
}

/** Why a withdrawal on `on` cannot be recorded, or null. */
export function withdrawalRefusal(inst: InstitutionRecord, grants: readonly TreatmentGrant[] | undefined, on: string): Refusal | null {
  const open = openGrant(grants, inst.canTreatTwoDiseases);
  if (open === null)
    return {
      code: 'NOT_GRANTED',
      en: `institution ${inst.id} holds no qualification to treat 两病 to withdraw`,
      zh: `机构${inst.id}没有可撤销的“两病”诊疗资格`,
    };
  if (open !== 'column' && open.grantedFrom !== null && on <= open.grantedFrom)
    return {
      code: 'WITHDRAWAL_BEFORE_GRANT',
      en: `the qualification began on ${open.grantedFrom}; it can only be withdrawn after that day`,
      zh: `资格自${open.grantedFrom}起，撤销日期须晚于该日`,
    };
  return null;
}

function definedOf(patch: InstitutionPatch): InstitutionPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as InstitutionPatch;
}

export function changes(before: InstitutionRecord, after: InstitutionRecord): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of ['name', 'level', 'streetCode', 'consortiumId', 'insuranceDesignated', 'networkedOutOfArea'] as const) {
    if (before[k] !== after[k]) out[k] = { from: before[k], to: after[k] };
  }
  return out;
}
