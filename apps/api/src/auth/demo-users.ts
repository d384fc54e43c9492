/** Demo users, one per role and scope, and tokens for them (development only; `pnpm --filter @liangbing/api tokens`). */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../db/sql';
import { signToken, type Role } from './tokens';

export interface DemoToken {
  userId: string;
  name: string;
  /** a human label for a sign-in list */
  label: string;
  /** the GraphQL Role enum name (CITY_LEADERSHIP …), as the viewer query returns it */
  role: string;
  cityCode: string;
  districtCode: string | null;
  institutionId: string | null;
  token: string;
}

export async function demoTokens(em: EntityManager, secret: Uint8Array): Promise<DemoToken[]> {
  const users = await exec<{ id: string; name: string; role: Role; city_code: string; district_code: string | null; institution_id: string | null }>(
    em,
    `select id, name, role, city_code, district_code, institution_id from app_users order by id`,
  );
  const out: DemoToken[] = [];
  for (const u of users) {
    const viewer = { userId: u.id, role: u.role, cityCode: u.city_code, districtCode: u.district_code, institutionId: u.institution_id };
    out.push({
      userId: u.id,
      name: u.name,
      label: u.name,
      role: u.role.toUpperCase(),
      cityCode: u.city_code,
      districtCode: u.district_code,
      institutionId: u.institution_id,
      token: await signToken(secret, viewer),
    });
  }
  return out;
}
