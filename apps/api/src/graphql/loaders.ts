/** Per-request DataLoaders: a page of claims with their patients and institutions costs a constant number of queries. */
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { exec } from '../db/sql';
import { linesOf, type StoredLine } from '../modules/claims/claim.repository';

export interface InstitutionRow {
  id: string;
  name: string;
  level: string;
  districtCode: string;
  cityCode: string;
  consortiumId: string | null;
  canTreatTwoDiseases: boolean;
  insuranceDesignated: boolean;
}

export interface Loaders {
  institution: DataLoader<string, InstitutionRow | null>;
  /** keyed by `${districtCode}|${claimId}`: one query per district in the batch */
  claimLines: DataLoader<string, StoredLine[]>;
}

export function createLoaders(em: EntityManager): Loaders {
  return {
    institution: new DataLoader(async (ids: readonly string[]) => {
      const rows = await exec<{ id: string; name: string; level: string; district_code: string; city_code: string; consortium_id: string | null; can_treat_two_diseases: boolean; insurance_designated: boolean }>(
        em,
        `select id, name, level, district_code, city_code, consortium_id, can_treat_two_diseases, insurance_designated from institutions where id = any(?)`,
        [ids],
      );
      const map = new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, level: r.level, districtCode: r.district_code, cityCode: r.city_code, consortiumId: r.consortium_id, canTreatTwoDiseases: r.can_treat_two_diseases, insuranceDesignated: r.insurance_designated }]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    claimLines: new DataLoader(async (keys: readonly string[]) => {
      const byDistrict = new Map<string, string[]>();
      for (const k of keys) {
        const [district, id] = k.split('|') as [string, string];
        byDistrict.set(district, [...(byDistrict.get(district) ?? []), id]);
      }
      const found = new Map<string, StoredLine[]>();
      for (const [district, ids] of byDistrict) {
        for (const [id, lines] of await linesOf(em, district, ids)) found.set(`${district}|${id}`, lines);
      }
      return keys.map((k) => found.get(k) ?? []);
    }),
  };
}
