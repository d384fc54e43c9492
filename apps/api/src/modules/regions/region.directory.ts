/**
 * Regions are a small reference table (city → district → street), read at start-up and again
 * after every committed change to it (masterdata/region.service.ts), so that the scope and the
 * statistics see a region created through the API at once; they ask it which districts lie under
 * a code. One process holds one directory: API processes on several machines would each need the
 * change announced (not done: one API process per deployment today).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';

export interface RegionInfo {
  code: string;
  name: string;
  level: 'city' | 'district' | 'street';
  parentCode: string | null;
  cityCode: string;
  /** the district a district or street belongs to; null for a city */
  districtCode: string | null;
  /** the date from which it takes no new patients or institutions; null while open */
  closedOn: string | null;
}

export class RegionDirectory {
  private byCode = new Map<string, RegionInfo>();
  private children = new Map<string, RegionInfo[]>();

  async load(em: EntityManager): Promise<void> {
    const rows = await exec<{
      code: string;
      name: string;
      level: RegionInfo['level'];
      parent_code: string | null;
      city_code: string;
      closed_on: string | null;
    }>(em, `select code, name, level, parent_code, city_code, to_char(closed_on, 'YYYY-MM-DD') as closed_on from regions order by code`);
    const byCode = new Map<string, RegionInfo>();
    for (const r of rows)
      byCode.set(r.code, {
        code: r.code,
        name: r.name,
        level: r.level,
        parentCode: r.parent_code,
        cityCode: r.city_code,
        districtCode: null,
        closedOn: r.closed_on,
      });
    for (const r of byCode.values()) {
      r.districtCode = r.level === 'district' ? r.code : r.level === 'street' ? r.parentCode : null;
    }
    const children = new Map<string, RegionInfo[]>();
    for (const r of byCode.values()) {
      if (r.parentCode === null) continue;
      const list = children.get(r.parentCode) ?? [];
      list.push(r);
      children.set(r.parentCode, list);
    }
    this.byCode = byCode;
    this.children = children;
  }

  get(code: string): RegionInfo | undefined {
    return this.byCode.get(code);
  }

  /** Whether the region, or the district it lies in, is closed on `date`. */
  closedOn(code: string, date: string): boolean {
    const r = this.byCode.get(code);
    if (r === undefined) return false;
    if (r.closedOn !== null && r.closedOn <= date) return true;
    return r.parentCode !== null && r.level === 'street' ? this.closedOn(r.parentCode, date) : false;
  }

  childrenOf(code: string): RegionInfo[] {
    return this.children.get(code) ?? [];
  }

  districtsOf(cityCode: string): RegionInfo[] {
    return this.childrenOf(cityCode).filter((r) => r.level === 'district');
  }

  cities(): RegionInfo[] {
    return [...this.byCode.values()].filter((r) => r.level === 'city');
  }
}
