/**
 * Bulk import of institutions from a bureau's list (CSV or .xlsx). Each row says what the
 * institution is: a new one is created, a known one brought to the row's values, its 两病
 * qualification granted (可开展两病诊疗 = 是 and none open) or withdrawn (否 and one open) on the row's
 * 诊疗资格日期 (today when empty). The same file again changes nothing. All or nothing: any row
 * with a problem refuses the file, every problem listed by row and column — unless acceptValidRows,
 * when the good rows are stored and the bad ones reported. One transaction either way.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { InstitutionLevel } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { badInput, InputProblems } from '../../errors';
import type { RegionDirectory } from '../regions/region.directory';
import { audit } from '../audit/audit';
import { grantsOf, insertInstitution, institutionsById, updateInstitution, type InstitutionRecord, type TreatmentGrant } from './institution.repository';
import { HEADERS, parseInstitutionCsv, parseInstitutionXlsx, parseYesNo, type InstitutionColumn, type RawInstitutionRow } from './institution.parse';
import { changes, grantRefusal, openGrant, withdrawalRefusal, type InstitutionFields, type InstitutionService } from './institution.service';
import { checkDate, checkText, LEVEL_NAMES } from './masterdata.validation';

export interface ImportInstitutionsRequest {
  csv?: string | null;
  excelBase64?: string | null;
  acceptValidRows?: boolean | null;
}

export interface ImportProblem {
  rowNo: number;
  /** the column's header as the file should name it (机构编码 …), or 'row' */
  column: string;
  code: string;
  messageEn: string;
  messageZh: string;
}

export interface ImportResult {
  /** false when problems refused the file (nothing stored) */
  applied: boolean;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  granted: number;
  withdrawn: number;
  problems: ImportProblem[];
  contentHash: string;
}

interface ParsedRow {
  rowNo: number;
  fields: InstitutionFields;
  canTreat: boolean;
  treatmentDate: string;
  treatmentSource: string | null;
}

const FIELD_COLUMN: Record<keyof InstitutionFields, InstitutionColumn> = {
  id: 'id',
  name: 'name',
  level: 'level',
  districtCode: 'districtCode',
  streetCode: 'streetCode',
  consortiumId: 'consortiumId',
  insuranceDesignated: 'insuranceDesignated',
  networkedOutOfArea: 'networkedOutOfArea',
};

export class InstitutionImport {
  constructor(
    private readonly institutions: InstitutionService,
    private readonly regions: RegionDirectory,
    private readonly today: () => string,
  ) {}

  async run(em: EntityManager, scope: Scope, req: ImportInstitutionsRequest): Promise<ImportResult> {
    if ((req.csv == null) === (req.excelBase64 == null)) throw badInput('input', 'send either csv or excelBase64', '须提供 csv 或 excelBase64 之一');
    const bytes = req.csv != null ? Buffer.from(req.csv, 'utf8') : Buffer.from(req.excelBase64!, 'base64');
    const contentHash = createHash('sha256').update(bytes).digest('hex');
    const raw = req.csv != null ? parseInstitutionCsv(req.csv) : await parseInstitutionXlsx(bytes);
    const problems: ImportProblem[] = [];
    const parsed: ParsedRow[] = [];
    const seen = new Map<string, number>();
    for (const r of raw) {
      const row = this.parseRow(scope, r, problems);
      if (row === null) continue;
      const earlier = seen.get(row.fields.id);
      if (earlier !== undefined) {
        problems.push({
          rowNo: r.rowNo,
          column: HEADERS.id[0]!,
          code: 'DUPLICATE_ROW',
          messageEn: `institution ${row.fields.id} is also on row ${earlier}`,
          messageZh: `机构${row.fields.id}与第${earlier}行重复`,
        });
        continue;
      }
      seen.set(row.fields.id, r.rowNo);
      parsed.push(row);
    }
    const empty = { totalRows: raw.length, created: 0, updated: 0, unchanged: 0, granted: 0, withdrawn: 0, contentHash };
    if (problems.length > 0 && req.acceptValidRows !== true) return { applied: false, ...empty, problems: sorted(problems) };

    return em.transactional(async (tem) => {
      const ids = parsed.map((r) => r.fields.id);
      const existing = await institutionsById(tem, ids, true);
      const grants = await grantsOf(tem, ids);
      // Every refusal is found before anything is written, so a refused row (or file) leaves nothing behind.
      const good = parsed.filter((row) => {
        const refusal = this.refusal(row, existing.get(row.fields.id), grants.get(row.fields.id));
        if (refusal !== null) problems.push(refusal);
        return refusal === null;
      });
      if (problems.length > 0 && req.acceptValidRows !== true) return { applied: false, ...empty, problems: sorted(problems) };
      const out = { ...empty };
      for (const row of good) {
        const before = existing.get(row.fields.id);
        const cityCode = before?.cityCode ?? this.regions.get(row.fields.districtCode)!.cityCode;
        const record: InstitutionRecord = {
          ...row.fields,
          level: row.fields.level as InstitutionLevel,
          cityCode,
          canTreatTwoDiseases: before?.canTreatTwoDiseases ?? false,
          closedOn: null,
        };
        if (before === undefined) {
          await insertInstitution(tem, record);
          await audit(tem, scope.viewer, record.districtCode, 'institution.import.create', 'institution', record.id, { rowNo: row.rowNo, contentHash });
          out.created += 1;
        } else if (Object.keys(changes(before, record)).length > 0) {
          await updateInstitution(tem, record);
          await audit(tem, scope.viewer, record.districtCode, 'institution.import.update', 'institution', record.id, {
            rowNo: row.rowNo,
            contentHash,
            changed: changes(before, record),
          });
          out.updated += 1;
        } else out.unchanged += 1;

        const source = row.treatmentSource ?? `institution list ${contentHash.slice(0, 12)}, row ${row.rowNo}`;
        const open = openGrant(grants.get(record.id), record.canTreatTwoDiseases);
        if (row.canTreat && open === null) {
          await this.institutions.applyGrant(tem, scope, record, grants.get(record.id), row.treatmentDate, source);
          out.granted += 1;
        } else if (!row.canTreat && open !== null) {
          await this.institutions.applyWithdrawal(tem, scope, record, grants.get(record.id), row.treatmentDate, `${source}: 可开展两病诊疗 = 否`);
          out.withdrawn += 1;
        }
      }
      return { applied: true, ...out, problems: sorted(problems), totalRows: raw.length };
    });
  }

  /** One row's values, or null with its problems added (each naming its column). */
  private parseRow(scope: Scope, r: RawInstitutionRow, problems: ImportProblem[]): ParsedRow | null {
    const c = r.cells;
    const before = problems.length;
    const add = (column: InstitutionColumn, code: string, en: string, zh: string) =>
      problems.push({ rowNo: r.rowNo, column: HEADERS[column][0]!, code, messageEn: en, messageZh: zh });
    const level = LEVEL_NAMES[c.level] ?? LEVEL_NAMES[c.level.toLowerCase()];
    if (level === undefined) add('level', 'INVALID_LEVEL', `unknown level “${c.level}”`, `机构级别“${c.level}”无效`);
    const yes = (column: InstitutionColumn, required: boolean): boolean => {
      const v = parseYesNo(c[column]);
      if (v === null && (required || c[column] !== '')) add(column, 'INVALID_YES_NO', 'must be 是 or 否', '须为“是”或“否”');
      return v ?? false;
    };
    const canTreat = yes('canTreat', true);
    const insuranceDesignated = yes('insuranceDesignated', true);
    const networkedOutOfArea = yes('networkedOutOfArea', false);
    const fields: InstitutionFields = {
      id: c.id,
      name: c.name,
      level: level ?? c.level,
      districtCode: c.districtCode,
      streetCode: c.streetCode === '' ? null : c.streetCode,
      consortiumId: c.consortiumId === '' ? null : c.consortiumId,
      insuranceDesignated,
      networkedOutOfArea,
    };
    const p = new InputProblems();
    const cityCode = this.institutions.checkFields(p, level === undefined ? { ...fields, level: 'village_clinic' } : fields, (k) => FIELD_COLUMN[k]);
    const treatmentDate = c.treatmentDate === '' ? this.today() : c.treatmentDate;
    checkDate(p, 'treatmentDate', treatmentDate);
    if (c.treatmentSource !== '') checkText(p, 'treatmentSource', c.treatmentSource, 500);
    for (const x of p.list) add(x.field as InstitutionColumn, 'INVALID_VALUE', x.en, x.zh);
    if (cityCode !== null) {
      try {
        scope.assertMasterDataWrite(fields.districtCode, cityCode);
      } catch {
        add('districtCode', 'FORBIDDEN', `district ${fields.districtCode} is not yours to write`, `无权维护区县${fields.districtCode}的机构`);
      }
    }
    if (problems.length > before) return null;
    return { rowNo: r.rowNo, fields, canTreat, treatmentDate, treatmentSource: c.treatmentSource === '' ? null : c.treatmentSource };
  }

  /** What only the stored institution can refuse: a move to another district, a closed institution, a new one in a closed region. */
  private refusal(row: ParsedRow, before: InstitutionRecord | undefined, grants: TreatmentGrant[] | undefined): ImportProblem | null {
    const at = (column: InstitutionColumn, code: string, en: string, zh: string): ImportProblem => ({
      rowNo: row.rowNo,
      column: HEADERS[column][0]!,
      code,
      messageEn: en,
      messageZh: zh,
    });
    if (before === undefined) {
      const p = new InputProblems();
      this.institutions.checkOpen(p, row.fields, (k) => FIELD_COLUMN[k]);
      const first = p.list[0];
      return first === undefined ? null : at(first.field as InstitutionColumn, 'REGION_CLOSED', first.en, first.zh);
    }
    if (before.districtCode !== row.fields.districtCode)
      return at(
        'districtCode',
        'DISTRICT_CHANGED',
        `institution ${before.id} is in district ${before.districtCode}; an institution does not move district`,
        `机构${before.id}属于区县${before.districtCode}，不能改属其他区县`,
      );
    if (before.closedOn !== null)
      return at('id', 'INSTITUTION_CLOSED', `institution ${before.id} closed on ${before.closedOn}`, `机构${before.id}已于${before.closedOn}关闭`);
    // Checked before anything of the row is written, so that a refused row leaves nothing behind.
    const open = openGrant(grants, before.canTreatTwoDiseases);
    const treatment =
      row.canTreat && open === null
        ? grantRefusal(before, grants, row.treatmentDate)
        : !row.canTreat && open !== null
          ? withdrawalRefusal(before, grants, row.treatmentDate)
          : null;
    return treatment === null ? null : at('treatmentDate', treatment.code, treatment.en, treatment.zh);
  }
}

const sorted = (problems: ImportProblem[]) => [...problems].sort((a, b) => a.rowNo - b.rowNo);
