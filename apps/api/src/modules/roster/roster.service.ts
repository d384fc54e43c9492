/**
 * Roster matching (G-1, G-2): import the health commission's managed-patient list for a district,
 * match it against the insurance rolls, certify the insured-but-uncertified in one action, and keep
 * the ledger of those legitimately not insured.
 *
 * All or nothing: an import is one transaction. A file with any bad row imports nothing and
 * reports every bad row with its reason — unless the caller passes acceptValidRows, in which case
 * the good rows are imported and the bad ones are kept on the import as its problems (a district
 * that has checked the report may want the good rows matched while it corrects the rest). The same
 * file (same bytes, by SHA-256) imported again changes nothing and returns the earlier import.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Scope } from '../../auth/scope';
import { badInput, conflict, notFound } from '../../errors';
import { audit } from '../audit/audit';
import type { RegionDirectory } from '../regions/region.directory';
import { trackPatientStats } from '../statistics/rollup.tracker';
import { exemptReasonOf, matchRoster, shownId } from './roster.match';

/** Names are personal data like resident IDs: masked as patients' are (王**), except for auditors. */
const shownName = (name: string, unmasked: boolean) => (unmasked || name.length <= 1 ? name : `${name[0]}${'*'.repeat(name.length - 1)}`);
import { parseCsv, parseXlsx } from './roster.parse';
import {
  certifyingCentres,
  importByHash,
  importById,
  importsOf,
  insertImport,
  insertRows,
  institutionsOfDistrict,
  issueCertificates,
  ledgerEntries,
  listRows,
  lockDistrictRoster,
  markExempt,
  markImportCertified,
  markRowsCertified,
  outcomeCounts,
  patientsByResidentId,
  rowOf,
  upsertLedger,
  type ExemptReason,
  type Issue,
  type Outcome,
  type RosterProblem,
  type StoredImport,
  type StoredRow,
} from './roster.repository';

/** Base64 of a 10 MB workbook, or 10 MB of CSV text. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface ImportRequest {
  districtCode: string;
  csv?: string | null;
  excelBase64?: string | null;
  fileName?: string | null;
  acceptValidRows?: boolean | null;
}

export interface ImportResult {
  /** null when nothing was imported (bad rows without acceptValidRows) */
  import: StoredImport | null;
  problems: RosterProblem[];
  replayed: boolean;
}

export interface CertifyResult {
  import: StoredImport;
  certified: number;
  /** certified in the meantime by other means: marked, not certified again */
  alreadyCertified: number;
}

export class RosterService {
  constructor(
    private readonly regions: RegionDirectory,
    private readonly today: () => string,
  ) {}

  async importRoster(em: EntityManager, scope: Scope, req: ImportRequest): Promise<ImportResult> {
    const district = this.regions.get(req.districtCode);
    if (district === undefined || district.level !== 'district') throw badInput('districtCode', 'not a district', '不是区（市、县）代码');
    scope.assertWrite(district.code, 'roster');
    if ((req.csv == null) === (req.excelBase64 == null))
      throw badInput('csv', 'give the list either as csv text or as excelBase64', '请提供 CSV 文本或 Excel 文件之一');
    const format = req.csv != null ? 'csv' : 'xlsx';
    const bytes = req.csv != null ? Buffer.from(req.csv, 'utf8') : Buffer.from(req.excelBase64!, 'base64');
    if (bytes.length === 0) throw badInput(format === 'csv' ? 'csv' : 'excelBase64', 'the file is empty', '文件为空');
    if (bytes.length > MAX_FILE_BYTES)
      throw badInput(format === 'csv' ? 'csv' : 'excelBase64', 'the file is larger than 10 MB: split it', '文件超过10MB，请拆分');
    const hash = createHash('sha256').update(bytes).digest('hex');

    const earlier = await importByHash(em, district.code, hash);
    if (earlier !== null) return { import: earlier, problems: earlier.problems, replayed: true };
    const raw = format === 'csv' ? parseCsv(req.csv!) : await parseXlsx(bytes);
    const cityDistricts = this.regions.districtsOf(district.cityCode).map((d) => d.code);

    return em.transactional(async (tem) => {
      await lockDistrictRoster(tem, district.code);
      const raced = await importByHash(tem, district.code, hash);
      if (raced !== null) return { import: raced, problems: raced.problems, replayed: true };
      const ids = [...new Set(raw.map((r) => r.residentId))];
      const [patients, institutions, ledger] = await Promise.all([
        patientsByResidentId(tem, cityDistricts, ids),
        institutionsOfDistrict(tem, district.code),
        ledgerEntries(tem, district.code, ids),
      ]);
      const { rows, problems } = matchRoster({ districtCode: district.code, rows: raw, patients, institutions, ledger });
      if (problems.length > 0 && req.acceptValidRows !== true) return { import: null, problems, replayed: false };
      if (rows.length === 0) return { import: null, problems, replayed: false };
      const stored = await insertImport(tem, {
        districtCode: district.code,
        contentHash: hash,
        fileName: req.fileName?.slice(0, 200) ?? null,
        format,
        acceptValidRows: req.acceptValidRows === true,
        totalRows: raw.length,
        acceptedRows: rows.length,
        rejectedRows: new Set(problems.map((p) => p.rowNo)).size,
        problems,
        importedBy: scope.viewer.userId,
      });
      await insertRows(tem, district.code, stored.id, rows);
      await audit(tem, scope.viewer, district.code, 'roster.import', 'roster_import', stored.id, {
        rows: rows.length,
        problems: problems.length,
        contentHash: hash,
      });
      return { import: stored, problems, replayed: false };
    });
  }

  async findImport(em: EntityManager, scope: Scope, importId: string): Promise<StoredImport> {
    const found = await importById(em, importId, scope.readableDistricts());
    if (found === null || scope.institutionOnly !== null) throw notFound('roster import', importId);
    return found;
  }

  async imports(em: EntityManager, scope: Scope, districtCode: string | null): Promise<StoredImport[]> {
    if (scope.institutionOnly !== null) return [];
    const districts = districtCode === null ? scope.readableDistricts() : scope.readableDistricts().filter((d) => d === districtCode);
    return importsOf(em, districts);
  }

  counts(em: EntityManager, imp: StoredImport): Promise<Map<Outcome, number>> {
    return outcomeCounts(em, imp.districtCode, imp.id);
  }

  async rows(
    em: EntityManager,
    scope: Scope,
    imp: StoredImport,
    outcome: Outcome | null,
    first: number,
    after: number | null,
  ): Promise<{ rows: StoredRow[]; hasNextPage: boolean }> {
    if (!Number.isInteger(first) || first < 1 || first > 500) throw badInput('first', 'must be 1–500', '须为1–500');
    const rows = await listRows(em, imp.districtCode, imp.id, outcome, after ?? 0, first + 1);
    const page = rows.slice(0, first);
    if (scope.unmasked && page.length > 0)
      await audit(em, scope.viewer, imp.districtCode, 'roster.read_unmasked', 'roster_import', imp.id, { rows: page.length });
    return {
      rows: page.map((r) => ({ ...r, residentId: shownId(r.residentId, scope.unmasked), name: shownName(r.name, scope.unmasked) })),
      hasNextPage: rows.length > first,
    };
  }

  /**
   * 附件2 item 3 一: certify everyone of the import who is insured but not certified, in one
   * transaction. Certificate numbers are RC-<district>-<import no.>-<row no.>, so the same import
   * always yields the same numbers; the certifying institution is the managing institution when it
   * may certify (township or community health centre, G-3), else the district's first such centre.
   */
  async certifyInBulk(em: EntityManager, scope: Scope, importId: string): Promise<CertifyResult> {
    const found = await importById(em, importId, scope.readableDistricts());
    if (found === null) throw notFound('roster import', importId);
    scope.assertWrite(found.districtCode, 'roster');
    const today = this.today();
    return em.transactional(async (tem) => {
      const imp = (await importById(tem, importId, [found.districtCode], true))!;
      const d = imp.districtCode;
      const pending = await listRows(tem, d, imp.id, 'to_certify', 0, 1_000_000, true);
      const centres = await certifyingCentres(tem, d);
      const centreIds = new Set(centres.map((c) => c.id));
      if (pending.length > 0 && centres.length === 0)
        throw conflict('The district has no township or community health centre to certify (G-3)', '本辖区没有可办证的乡镇卫生院或社区卫生服务中心（G-3）');
      // the patients' state now: a certificate may have been issued since the import
      const current = await patientsByResidentId(
        tem,
        [d],
        pending.map((r) => r.residentId),
      );
      const byPatient = new Map(current.map((p) => [p.id, p]));
      const issues: Issue[] = [];
      const already: number[] = [];
      for (const r of pending) {
        const p = byPatient.get(r.patientId!);
        if (p === undefined) continue;
        const certified = p.certified_diseases ?? [];
        if (r.certifyDiseases.every((x) => certified.includes(x))) {
          already.push(r.rowNo);
          continue;
        }
        const diseases = [...new Set([...certified, ...r.certifyDiseases])].filter((x) => p.diseases.includes(x)).sort();
        issues.push({
          rowNo: r.rowNo,
          patientId: r.patientId!,
          certificateNo: `RC-${d}-${String(imp.seq).padStart(4, '0')}-${String(r.rowNo).padStart(6, '0')}`,
          institutionId: centreIds.has(r.institutionId) ? r.institutionId : centres[0]!.id,
          diseases,
        });
      }
      // the statistics' rollups follow every certification in the same transaction (rollup.tracker.ts)
      const stats = [];
      for (const i of issues) stats.push(await trackPatientStats(tem, d, i.patientId, { eventDate: today, years: 'all' }));
      await issueCertificates(tem, d, imp.id, today, issues);
      for (const s of stats) await s.finish(tem);
      await markRowsCertified(tem, d, imp.id, already);
      await markImportCertified(tem, d, imp.id, scope.viewer.userId);
      await audit(tem, scope.viewer, d, 'roster.certify', 'roster_import', imp.id, {
        certified: issues.length,
        alreadyCertified: already.length,
        certifiedOn: today,
      });
      const after = (await importById(tem, importId, [d]))!;
      return { import: after, certified: issues.length, alreadyCertified: already.length };
    });
  }

  /** 附件2 item 3 二: a person on the list not insured for a legitimate reason gets a ledger entry. */
  async recordUninsuredReason(em: EntityManager, scope: Scope, importId: string, rowNo: number, reason: ExemptReason, note: string | null): Promise<StoredRow> {
    // type-graphql passes an omitted nullable argument as undefined, not null.
    if (note != null && note.length > 500) throw badInput('note', 'at most 500 characters', '最多500个字符');
    if (exemptReasonOf(reason) === null) throw badInput('reason', 'serving a sentence, in the army or insured elsewhere', '须为服刑、参军或外地参保');
    const found = await importById(em, importId, scope.readableDistricts());
    if (found === null) throw notFound('roster import', importId);
    scope.assertWrite(found.districtCode, 'roster');
    return em.transactional(async (tem) => {
      const d = found.districtCode;
      const row = await rowOf(tem, d, found.id, rowNo);
      if (row === null) throw notFound('roster row', String(rowNo));
      if (row.outcome !== 'to_mobilise' && row.outcome !== 'exempt') {
        throw conflict(`The person is ${row.outcome.replace('_', ' ')}, not uninsured`, '该人员已参保，无需登记未参保原因', { outcome: row.outcome });
      }
      await upsertLedger(tem, d, row.residentId, reason, note ?? null, scope.viewer.userId);
      await markExempt(tem, d, row.residentId, reason);
      await audit(tem, scope.viewer, d, 'roster.uninsured_reason', 'roster_import', found.id, { rowNo, reason });
      const after = (await rowOf(tem, d, found.id, rowNo))!;
      return { ...after, residentId: shownId(after.residentId, scope.unmasked), name: shownName(after.name, scope.unmasked) };
    });
  }
}
