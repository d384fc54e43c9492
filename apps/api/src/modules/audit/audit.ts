/** The audit log: every write, and every read of unmasked personal data, with who and where. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';
import type { Viewer } from '../../auth/tokens';

export async function audit(
  em: EntityManager,
  viewer: Viewer,
  districtCode: string,
  action: string,
  entity: string,
  entityId: string | null,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await exec(em, `insert into audit_log (district_code, user_id, role, action, entity, entity_id, detail) values (?, ?, ?, ?, ?, ?, ?::jsonb)`, [
    districtCode,
    viewer.userId,
    viewer.role,
    action,
    entity,
    entityId,
    JSON.stringify(detail),
  ]);
}
