/**
 * Regions are a small reference table (city → district → street), read once at start-up and
 * refreshed on demand; the scope and the statistics ask it which districts lie under a code.
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
}

export class RegionDirectory {
  private byCode = new Map<string, RegionInfo>();
  private children = new Map<string, RegionInfo[]>();

  async load(em: EntityManager): Promise<void> {
    const rows = await exec<{ code: string; name: string; level: RegionInfo['level']; parent_code: string | null; city_code: string }>(em, `select code, name, level, parent_code, city_code from regions order by code`);
    const byCode = new Map<string, RegionInfo>();
    for (const r of rows) byCode.set(r.code, { code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, cityCode: r.city_code, districtCode: null });
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
