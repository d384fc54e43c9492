/**
 * Regions through the API: a district (县级, six-digit code) or a street/township (乡级, nine or
 * twelve digits) created under an existing parent of the level above, renamed, or closed from a
 * date. A city's regions are the city's to change: its leadership group (the city bureau that
 * issues the programme, 附件1) for its own city. The directory is reloaded after each commit,
 * so the scope and the statistics see the change at once.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Scope } from '../../auth/scope';
import { exec } from '../../db/sql';
import { badInput, conflict, InputProblems, notFound } from '../../errors';
import { audit } from '../audit/audit';
import type { RegionDirectory, RegionInfo } from '../regions/region.directory';
import { checkDate, checkName, DISTRICT_CODE, STREET_CODE } from './masterdata.validation';

export interface CreateRegionRequest {
  code: string;
  name: string;
  /** district or street: cities come with their rule set, not through this API */
  level: string;
  parentCode: string;
  /** false for a code the administrative division list does not give (贵安新区's): its prefix is then not checked */
  standardCode: boolean;
}

export class RegionService {
  constructor(
    private readonly regions: RegionDirectory,
    private readonly today: () => string,
  ) {}

  async create(em: EntityManager, scope: Scope, req: CreateRegionRequest): Promise<RegionInfo> {
    const p = new InputProblems();
    if (req.level !== 'district' && req.level !== 'street') {
      p.add('input.level', 'a district or a street is created here; a city comes with its rule set', '仅可新增区县或街道/乡镇');
      p.throwIfAny();
    }
    const parent = this.regions.get(req.parentCode);
    if (req.level === 'district' && !DISTRICT_CODE.test(req.code))
      p.add('input.code', 'a district’s code is its six-digit administrative division code', '区县编码须为6位行政区划代码');
    if (req.level === 'street' && !STREET_CODE.test(req.code))
      p.add('input.code', 'a street’s code is its nine- or twelve-digit division code', '街道/乡镇编码须为9位或12位区划代码');
    checkName(p, 'input.name', req.name, 50);
    const parentLevel = req.level === 'district' ? 'city' : 'district';
    if (parent === undefined) p.add('input.parentCode', 'unknown region', '未知上级区划');
    else if (parent.level !== parentLevel)
      p.add('input.parentCode', `a ${req.level}’s parent must be a ${parentLevel}`, `上级区划须为${parentLevel === 'city' ? '市' : '区县'}`);
    else if (this.regions.closedOn(parent.code, this.today())) p.add('input.parentCode', `region ${parent.code} is closed`, `上级区划${parent.code}已撤销`);
    else if (req.standardCode && p.empty) {
      // A division code extends its parent's: a district shares the city's first four digits, a street its district's six.
      const prefix = req.level === 'district' ? parent.code.slice(0, 4) : parent.code;
      if (!req.code.startsWith(prefix))
        p.add('input.code', `must begin with ${prefix}, its parent’s code (or pass standardCode: false)`, `须以上级区划代码${prefix}开头（非标准编码请注明）`);
    }
    p.throwIfAny();
    const cityCode = parent!.cityCode;
    scope.assertCityWrite(cityCode, 'region');
    if (this.regions.get(req.code) !== undefined) throw conflict(`Region ${req.code} exists`, `区划${req.code}已存在`);
    await em.transactional(async (tem) => {
      await exec(tem, `insert into regions (code, name, level, parent_code, city_code, standard_code) values (?, ?, ?, ?, ?, ?)`, [
        req.code,
        req.name,
        req.level,
        req.parentCode,
        cityCode,
        req.standardCode,
      ]);
      await audit(tem, scope.viewer, req.level === 'district' ? req.code : req.parentCode, 'region.create', 'region', req.code, {
        name: req.name,
        level: req.level,
        parentCode: req.parentCode,
      });
    });
    return this.reloaded(em, req.code);
  }

  async rename(em: EntityManager, scope: Scope, code: string, name: string): Promise<RegionInfo> {
    const region = this.writable(scope, code);
    const p = new InputProblems();
    checkName(p, 'name', name, 50);
    p.throwIfAny();
    await em.transactional(async (tem) => {
      await exec(tem, `update regions set name = ? where code = ?`, [name, code]);
      await audit(tem, scope.viewer, region.districtCode!, 'region.rename', 'region', code, { from: region.name, to: name });
    });
    return this.reloaded(em, code);
  }

  /** From `closedOn` the region takes no new patients or institutions; what it holds stays, and so do its statistics. */
  async close(em: EntityManager, scope: Scope, code: string, closedOn: string): Promise<RegionInfo> {
    const region = this.writable(scope, code);
    const p = new InputProblems();
    checkDate(p, 'closedOn', closedOn);
    p.throwIfAny();
    if (region.closedOn !== null) throw conflict(`Region ${code} closed on ${region.closedOn}`, `区划${code}已于${region.closedOn}撤销`);
    await em.transactional(async (tem) => {
      await exec(tem, `update regions set closed_on = ?::date where code = ?`, [closedOn, code]);
      await audit(tem, scope.viewer, region.districtCode!, 'region.close', 'region', code, { closedOn });
    });
    return this.reloaded(em, code);
  }

  /** A district or street the viewer's city holds (cities themselves come with a rule set, not through this API). */
  private writable(scope: Scope, code: string): RegionInfo {
    const region = this.regions.get(code);
    if (region === undefined) throw notFound('region', code);
    scope.assertCityWrite(region.cityCode, 'region');
    if (region.level === 'city') throw badInput('code', 'a city is not changed through this API', '市级区划不能通过本接口修改');
    return region;
  }

  private async reloaded(em: EntityManager, code: string): Promise<RegionInfo> {
    await this.regions.load(em);
    return this.regions.get(code)!;
  }
}
