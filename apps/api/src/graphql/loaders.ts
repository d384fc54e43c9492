/** Per-request DataLoaders: a page of claims with their patients and institutions costs a constant number of queries. */
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Decision } from '@liangbing/policy';
import { exec } from '../db/sql';
import { linesOf, type StoredLine } from '../modules/claims/claim.repository';
import { deliveriesOf, type StoredDelivery } from '../modules/claims/delivery';
import { patientDetails, type PatientDetails } from '../modules/patients/patient.queries';

export interface InstitutionRow {
  id: string;
  name: string;
  level: string;
  districtCode: string;
  cityCode: string;
  consortiumId: string | null;
  canTreatTwoDiseases: boolean;
  insuranceDesignated: boolean;
  streetCode: string | null;
  networkedOutOfArea: boolean;
  closedOn: string | null;
}

export interface Loaders {
  institution: DataLoader<string, InstitutionRow | null>;
  /** keyed by `${districtCode}|${claimId}`: one query per district in the batch */
  claimLines: DataLoader<string, StoredLine[]>;
  /** keyed by `${districtCode}|${claimId}`: the stored decisions of a page, one query per district */
  claimDecision: DataLoader<string, Decision | null>;
  /** keyed by `${districtCode}|${patientId}`: diagnoses, certificate and designation of a lean patient page */
  patientDetails: DataLoader<string, PatientDetails | null>;
  /** keyed by `${districtCode}|${claimId}`: the third-party deliveries of a page, one query per district */
  claimDelivery: DataLoader<string, StoredDelivery | null>;
}

export function createLoaders(em: EntityManager): Loaders {
  return {
    institution: new DataLoader(async (ids: readonly string[]) => {
      const rows = await exec<{
        id: string;
        name: string;
        level: string;
        district_code: string;
        city_code: string;
        consortium_id: string | null;
        can_treat_two_diseases: boolean;
        insurance_designated: boolean;
        street_code: string | null;
        networked_out_of_area: boolean;
        closed_on: string | null;
      }>(
        em,
        `select id, name, level, district_code, city_code, consortium_id, can_treat_two_diseases, insurance_designated, street_code, networked_out_of_area, to_char(closed_on, 'YYYY-MM-DD') as closed_on
           from institutions where id = any(?)`,
        [ids],
      );
      const map = new Map(
        rows.map((r) => [
          r.id,
          {
            id: r.id,
            name: r.name,
            level: r.level,
            districtCode: r.district_code,
            cityCode: r.city_code,
            consortiumId: r.consortium_id,
            canTreatTwoDiseases: r.can_treat_two_diseases,
            insuranceDesignated: r.insurance_designated,
            streetCode: r.street_code,
            networkedOutOfArea: r.networked_out_of_area,
            closedOn: r.closed_on,
          },
        ]),
      );
      return ids.map((id) => map.get(id) ?? null);
    }),
    claimDecision: new DataLoader(async (keys: readonly string[]) => {
      const found = new Map<string, Decision>();
      for (const [district, ids] of byDistrict(keys)) {
        const rows = await exec<{ id: string; decision: Decision }>(
          em,
          `select claim_id as id, decision from claim_documents where district_code = ? and claim_id = any(?::uuid[])`,
          [district, ids],
        );
        for (const r of rows) found.set(`${district}|${r.id}`, r.decision);
      }
      return keys.map((k) => found.get(k) ?? null);
    }),
    patientDetails: new DataLoader(async (keys: readonly string[]) => {
      const found = new Map<string, PatientDetails>();
      for (const [district, ids] of byDistrict(keys)) for (const [k, d] of await patientDetails(em, district, ids)) found.set(k, d);
      return keys.map((k) => found.get(k) ?? null);
    }),
    claimLines: new DataLoader(async (keys: readonly string[]) => {
      const found = new Map<string, StoredLine[]>();
      for (const [district, ids] of byDistrict(keys)) {
        for (const [id, lines] of await linesOf(em, district, ids)) found.set(`${district}|${id}`, lines);
      }
      return keys.map((k) => found.get(k) ?? []);
    }),
    claimDelivery: new DataLoader(async (keys: readonly string[]) => {
      const found = new Map<string, StoredDelivery>();
      for (const [district, ids] of byDistrict(keys)) {
        for (const [id, d] of await deliveriesOf(em, district, ids)) found.set(`${district}|${id}`, d);
      }
      return keys.map((k) => found.get(k) ?? null);
    }),
  };
}

/** `district|id` keys grouped by district. */
function byDistrict(keys: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const k of keys) {
    const [district, id] = k.split('|') as [string, string];
    out.set(district, [...(out.get(district) ?? []), id]);
  }
  return out;
}
