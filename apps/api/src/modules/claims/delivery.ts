/**
 * Third-party delivery of a claim's drugs (第三方配送): Wuxi 四(二) “有条件的区域可探索第三方配送机制”.
 * The provider is named by its 统一社会信用代码 (unified social credit code, GB 32100-2015) and its
 * name, not picked from a list the bureau keeps: neither text names providers or asks a bureau to
 * approve them (the Wuxi text only lets districts explore the mechanism), so there is no list to
 * keep, while every provider, being a registered enterprise, has this code, and its check character
 * catches a mistyped one. Stored in claim_deliveries, keyed like the claim, in the claim's
 * transaction (claim.batch.ts), so claim_write is unchanged.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { exec } from '../../db/sql';
import type { InputProblems } from '../../errors';

export interface DeliveryRequest {
  /** 统一社会信用代码 of the delivering enterprise */
  providerCode: string;
  providerName: string;
}

/** GB 32100-2015: the 31 characters of the code (no I, O, S, V, Z) and the weights of its first 17 positions. */
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export const MAX_PROVIDER_NAME = 100;

/** Whether `code` is a unified social credit code with a correct check character. */
export function isCreditCode(code: string): boolean {
  if (typeof code !== 'string' || code.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARS.indexOf(code[i]!);
    if (v < 0) return false;
    sum += v * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return code[17] === CHARS[check];
}

/** The check character that completes the first 17 characters of a code (for fixtures and the demo). */
export function creditCodeCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CHARS[(31 - (sum % 31)) % 31]!;
}

export function validateDelivery(p: InputProblems, field: (name: string) => string, d: DeliveryRequest | null | undefined): void {
  if (d == null) return;
  if (!isCreditCode(d.providerCode))
    p.add(
      field('delivery.providerCode'),
      'must be the provider’s 18-character unified social credit code (GB 32100-2015) with its check character',
      '须为配送企业的18位统一社会信用代码（校验位正确）',
    );
  if (typeof d.providerName !== 'string' || d.providerName.trim().length === 0 || d.providerName.length > MAX_PROVIDER_NAME)
    p.add(field('delivery.providerName'), `must be 1–${MAX_PROVIDER_NAME} characters`, `须为1–${MAX_PROVIDER_NAME}个字符`);
}

export interface DeliveryRecord {
  district_code: string;
  claim_id: string;
  provider_code: string;
  provider_name: string;
}

/** The batch's deliveries, in the batch's transaction, after claim_write stored their claims. */
export async function insertDeliveries(em: EntityManager, rows: readonly DeliveryRecord[]): Promise<void> {
  if (rows.length === 0) return;
  await exec(
    em,
    `insert into claim_deliveries (district_code, claim_id, provider_code, provider_name)
     select d.district_code, d.claim_id, d.provider_code, d.provider_name
       from jsonb_to_recordset(?::jsonb) d(district_code text, claim_id uuid, provider_code text, provider_name text) order by 1, 2`,
    [JSON.stringify(rows)],
  );
}

export interface StoredDelivery {
  providerCode: string;
  providerName: string;
}

/** The deliveries of a district's claims, by claim id. */
export async function deliveriesOf(em: EntityManager, districtCode: string, claimIds: readonly string[]): Promise<Map<string, StoredDelivery>> {
  const rows = await exec<{ claim_id: string; provider_code: string; provider_name: string }>(
    em,
    `select claim_id::text as claim_id, provider_code, provider_name from claim_deliveries where district_code = ? and claim_id = any(?::uuid[])`,
    [districtCode, claimIds],
  );
  return new Map(rows.map((r) => [r.claim_id, { providerCode: r.provider_code, providerName: r.provider_name }]));
}
