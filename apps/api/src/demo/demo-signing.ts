/**
 * The demo's family-doctor signings and third-party deliveries (issue 20 parts 4 and 5), derived
 * from each demo patient and claim by a hash of its id, so that a reload gives the same rows and
 * the generator (packages/demo) and its figures stay as they were. Signings are with a team of the
 * patient's designated institution (Wuxi) or managing institution (Guiyang), from the day the
 * patient came under management: about 55 % in force, about 10 % ended early (解约). Deliveries:
 * about one Wuxi claim in twenty (Wuxi 四(二); Guiyang's plan has no delivery), by one of two
 * demo enterprises with well-formed 统一社会信用代码.
 */
import { createHash } from 'node:crypto';
import { addDays } from '@liangbing/policy';
import type { Patient as DemoPatient } from '@liangbing/demo';
import { creditCodeCheck, type DeliveryRequest } from '../modules/claims/delivery';

export interface DemoSigning {
  institutionId: string;
  teamCode: string;
  teamName: string;
  validFrom: string;
  validTo: string | null;
  endedReason: string | null;
}

const bucket = (name: string, n: number) => parseInt(createHash('sha1').update(`liangbing-demo-20:${name}`).digest('hex').slice(0, 8), 16) % n;
const TEAM = ['一', '二', '三'] as const;

export function demoSignings(p: Pick<DemoPatient, 'id' | 'managed' | 'managedFrom' | 'designations' | 'homeInstitutionId'>): DemoSigning[] {
  if (!p.managed || p.managedFrom === null) return [];
  const h = bucket(p.id, 100);
  if (h >= 65) return [];
  const designation = p.designations.at(-1);
  const institutionId = designation?.institutionId ?? p.homeInstitutionId;
  const validFrom = designation !== undefined && designation.from > p.managedFrom ? designation.from : p.managedFrom;
  const team = h % 3;
  const base = { institutionId, teamCode: `${institutionId}-T${team + 1}`, teamName: `家庭医生第${TEAM[team]}团队`, validFrom };
  if (h < 55) return [{ ...base, validTo: null, endedReason: null }];
  return [{ ...base, validTo: addDays(validFrom, 200), endedReason: '患者申请解约' }];
}

const PROVIDERS: readonly DeliveryRequest[] = [
  { providerCode: `91320200MA1WXD0A1${creditCodeCheck('91320200MA1WXD0A1')}`, providerName: '无锡市医药物流配送有限公司（演示）' },
  { providerCode: `91320200MA1WXD0A2${creditCodeCheck('91320200MA1WXD0A2')}`, providerName: '锡城药房连锁配送中心（演示）' },
];

export function demoDelivery(cityCode: string, claimId: string): DeliveryRequest | null {
  if (cityCode !== '320200') return null;
  const h = bucket(claimId, 40);
  return h < 2 ? PROVIDERS[h]! : null;
}
