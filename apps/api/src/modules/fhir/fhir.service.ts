/**
 * What the FHIR routes read, through the same Scope and rules as GraphQL: a claim of a district the
 * viewer cannot read, or of another institution for an institution operator, is NOT_FOUND (as
 * `claim(id)` answers); a patient likewise (as `patient(id)`); the patient is shown masked as
 * present() masks it, and every unmasked read is audited there.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, isIsoDate, resolveRuleSet, type Decision } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { exec } from '../../db/sql';
import { AppError, badInput, notFound } from '../../errors';
import { findClaimById, linesOf, type StoredLine } from '../claims/claim.repository';
import { encodeCursor, listClaims } from '../claims/claim.queries';
import { findPatient, present } from '../patients/patient.queries';
import type { Services } from '../../services';
import type { ClaimExport, CoverageExport, Insurer, PatientExport } from './fhir.map';

export class FhirReader {
  constructor(private readonly services: Services) {}

  today(): string {
    return this.services.patients.today();
  }

  private insurerOf(districtCode: string): Insurer {
    const cityCode = this.services.regions.get(districtCode)?.cityCode ?? districtCode;
    return { cityCode, cityName: this.services.regions.get(cityCode)?.name ?? cityCode };
  }

  private async institutionNames(em: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await exec<{ id: string; name: string }>(em, `select id, name from institutions where id = any(?)`, [[...new Set(ids)]]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async claim(em: EntityManager, scope: Scope, id: string): Promise<ClaimExport> {
    const c = await findClaimById(em, id, scope.readableDistricts());
    if (c === null || (scope.institutionOnly !== null && c.institutionId !== scope.institutionOnly)) throw notFound('claim', id);
    const [lines, names] = await Promise.all([linesOf(em, c.districtCode, [c.id]), this.institutionNames(em, [c.institutionId])]);
    return {
      claim: c,
      decision: c.decision,
      lines: lines.get(c.id) ?? [],
      institutionName: names.get(c.institutionId) ?? null,
      insurer: this.insurerOf(c.districtCode),
    };
  }

  /** A page of the viewer's claims of a period, newest first (the order and cursor of `claims`), each with its lines and decision. */
  async claims(em: EntityManager, scope: Scope, q: ClaimSearch): Promise<{ claims: ClaimExport[]; total: number; next: string | null }> {
    let page;
    try {
      page = await listClaims(
        em,
        { districts: scope.readableDistricts(), institutionId: scope.institutionOnly, patientId: q.patientId, from: q.from, to: q.to },
        q.count,
        q.page,
        { count: true, decision: true },
      );
    } catch (e) {
      if (e instanceof AppError && e.extensions.field === 'after') throw badInput('_page', 'is not a next link of this server', '翻页参数无效');
      throw e;
    }
    const byDistrict = new Map<string, string[]>();
    for (const c of page.nodes) byDistrict.set(c.districtCode, [...(byDistrict.get(c.districtCode) ?? []), c.id]);
    const lines = new Map<string, StoredLine[]>();
    for (const [district, ids] of byDistrict) for (const [id, l] of await linesOf(em, district, ids)) lines.set(id, l);
    const names = await this.institutionNames(
      em,
      page.nodes.map((c) => c.institutionId),
    );
    const claims = page.nodes.map((c): ClaimExport => {
      if (c.decision === null) throw new Error(`claim ${c.id} has no stored decision`);
      return {
        claim: c,
        decision: c.decision as Decision,
        lines: lines.get(c.id) ?? [],
        institutionName: names.get(c.institutionId) ?? null,
        insurer: this.insurerOf(c.districtCode),
      };
    });
    const last = page.nodes.at(-1);
    return { claims, total: page.totalCount ?? claims.length, next: page.hasNextPage && last !== undefined ? encodeCursor(last) : null };
  }

  private async visiblePatient(em: EntityManager, scope: Scope, id: string) {
    const found = await findPatient(em, scope.readableDistricts(), id);
    if (found === null || (scope.institutionOnly !== null && found.designatedInstitutionId !== scope.institutionOnly)) throw notFound('patient', id);
    return found;
  }

  async patient(em: EntityManager, scope: Scope, id: string): Promise<PatientExport> {
    const found = await this.visiblePatient(em, scope, id);
    const [shown] = await present(em, scope, [found], 'patient.read', this.today());
    const p = shown!;
    return {
      id: p.id,
      residentId: p.residentId,
      name: p.name,
      phone: p.phone,
      sex: p.sex,
      birthDate: p.birthDate,
      ageBand: p.ageBand,
      identityMasked: !scope.unmasked,
    };
  }

  /** The patient's 两病 benefit: the latest certificate (认定), the city's rule set in force today. */
  async coverage(em: EntityManager, scope: Scope, id: string): Promise<CoverageExport> {
    const p = await this.visiblePatient(em, scope, id);
    const today = this.today();
    const [cert] = await exec<{ certificate_no: string; certified_on: string; revoked_on: string | null; diseases: string[] }>(
      em,
      `select certificate_no, to_char(certified_on, 'YYYY-MM-DD') as certified_on, to_char(revoked_on, 'YYYY-MM-DD') as revoked_on, diseases
         from certifications where district_code = ? and patient_id = ? order by (revoked_on is null) desc, certified_on desc limit 1`,
      [p.districtCode, p.id],
    );
    const insurer = this.insurerOf(p.districtCode);
    const resolution = resolveRuleSet(insurer.cityCode, today, { overrides: this.services.overrides });
    const status =
      cert === undefined ? 'draft' : cert.revoked_on !== null && cert.revoked_on <= today ? 'cancelled' : cert.certified_on <= today ? 'active' : 'draft';
    return {
      patientId: p.id,
      certificateNo: cert?.certificate_no ?? null,
      certifiedOn: cert?.certified_on ?? null,
      revokedOn: cert?.revoked_on ?? null,
      diseases: cert?.diseases ?? [],
      status,
      insurer,
      ruleSet: resolution.status === 'in_force' ? { id: resolution.ruleSet.definition.id, nameZh: resolution.ruleSet.definition.nameZh } : null,
    };
  }
}

export interface ClaimSearch {
  from: string | null;
  to: string | null;
  patientId: string | null;
  count: number;
  page: string | null;
}

export const MAX_COUNT = 100;
const DEFAULT_COUNT = 50;
const KNOWN = new Set(['created', 'patient', '_count', '_page', '_format']);

/**
 * ExplanationOfBenefit's search parameters, from the query string: `created` (the service date) with
 * ge/le/gt/lt/eq, repeated for a period; `patient`; `_count`; `_page` (the cursor of a next link).
 * An unknown parameter is refused, naming it, rather than silently ignored.
 */
export function parseSearch(query: Record<string, unknown>): ClaimSearch {
  for (const k of Object.keys(query))
    if (!KNOWN.has(k)) throw badInput(k, 'is not a search parameter of ExplanationOfBenefit here (created, patient, _count, _page)', '不是支持的检索参数');
  const one = (k: string): string | null => {
    const v = query[k];
    if (v === undefined) return null;
    if (typeof v !== 'string') throw badInput(k, 'must be given once', '只能给出一次');
    return v;
  };
  const format = one('_format');
  if (format !== null && !['json', 'application/fhir+json', 'application/json'].includes(format))
    throw badInput('_format', 'only JSON is served', '仅支持JSON');
  let from: string | null = null;
  let to: string | null = null;
  const created = query.created === undefined ? [] : Array.isArray(query.created) ? query.created : [query.created];
  for (const v of created) {
    const m = typeof v === 'string' ? /^(eq|ge|le|gt|lt)?(\d{4}-\d{2}-\d{2})$/.exec(v) : null;
    if (m === null || !isIsoDate(m[2]!))
      throw badInput('created', 'must be a date YYYY-MM-DD, prefixed by eq, ge, le, gt or lt', '须为日期（可带 eq、ge、le、gt、lt 前缀）');
    const [prefix, date] = [m[1] ?? 'eq', m[2]!];
    const lo = prefix === 'gt' ? addDays(date, 1) : prefix === 'ge' || prefix === 'eq' ? date : null;
    const hi = prefix === 'lt' ? addDays(date, -1) : prefix === 'le' || prefix === 'eq' ? date : null;
    if (lo !== null && (from === null || lo > from)) from = lo;
    if (hi !== null && (to === null || hi < to)) to = hi;
  }
  const patient = one('patient');
  const patientId = patient === null ? null : patient.replace(/^Patient\//, '');
  if (patientId === '') throw badInput('patient', 'must name a patient', '须给出患者');
  const countText = one('_count');
  const count = countText === null ? DEFAULT_COUNT : Number(countText);
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT || !/^\d+$/.test(countText ?? '1'))
    throw badInput('_count', `must be 1–${MAX_COUNT}`, `须为1–${MAX_COUNT}`);
  return { from, to, patientId, count, page: one('_page') };
}
