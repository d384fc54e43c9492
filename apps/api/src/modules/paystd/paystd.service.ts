/**
 * Payment standard versions (W 四(一) 按照国家和省对“两病”用药确定的支付标准，进行动态维护): the city bureau
 * loads a whole list with its effective date and source (rows through GraphQL, CSV text or an Excel
 * workbook; every row's problems reported by row, column and code, nothing stored while there is one);
 * everyone of the city reads the versions and compares two. A loaded version is handed to the policy
 * core as a named override from its date (paystd.override.ts, read by PolicyOverrides), like a
 * catalogue version (../catalogue, whose design this follows): a claim is judged by the version in
 * force on its service date, and a version may not be dated before claims already decided.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { findRuleSet, isIsoDate, normaliseStrength, type PaymentStandardRow } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { badInput, conflict, InputProblems, notFound } from '../../errors';
import { audit } from '../audit/audit';
import { claimsOnOrAfter } from '../catalogue/catalogue-version.repository';
import type { PolicyOverrides } from '../catalogue/policy-overrides';
import type { RegionDirectory } from '../regions/region.directory';
import { checkStandardRows, parseStandardCsv, parseStandardXlsx, type RawStandardRow, type StandardColumn, type StandardProblem } from './paystd.parse';
import { standardContentHash } from './paystd.override';
import { insertStandardVersion, lockStandardsOfCity, standardVersionOn, standardVersionsOfCity, type StoredStandardVersion } from './paystd.repository';

export interface StandardRowRequest {
  drugCode: string;
  form: string;
  strength: string;
  unitPriceFen: number;
}

export interface LoadStandardRequest {
  cityCode: string;
  effectiveFrom: string;
  title?: string | null;
  sourceDocument: string;
  sourceSection: string;
  rows?: StandardRowRequest[] | null;
  csv?: string | null;
  excelBase64?: string | null;
}

export interface StandardVersionSummary {
  id: string;
  cityCode: string;
  title: string;
  effectiveFrom: string;
  sourceDocument: string;
  sourceSection: string;
  rowCount: number;
  loadedBy: string;
  loadedAt: Date;
  contentHash: string;
  rows: readonly PaymentStandardRow[];
}

export interface LoadStandardResult {
  /** false when problems refused the list: nothing stored */
  applied: boolean;
  /** the same version had been loaded before: nothing changed */
  replayed: boolean;
  version: StandardVersionSummary | null;
  problems: StandardProblem[];
}

export interface StandardChange {
  key: string;
  before: PaymentStandardRow;
  after: PaymentStandardRow;
  /** after − before, fen a unit */
  differenceFen: number;
}

export interface StandardDiff {
  from: StandardVersionSummary;
  to: StandardVersionSummary;
  added: PaymentStandardRow[];
  removed: PaymentStandardRow[];
  changed: StandardChange[];
}

const TEXT = /^[^\p{Cc}]+$/u;
const rowKey = (r: PaymentStandardRow) => `${r.drugCode}|${r.form}|${normaliseStrength(r.strength)}`;

const GRAPHQL_FIELD: Record<StandardColumn, string> = {
  drug: 'drugCode',
  form: 'form',
  strength: 'strength',
  priceFen: 'unitPriceFen',
  priceYuan: 'unitPriceFen',
};

function summaryOf(v: StoredStandardVersion): StandardVersionSummary {
  return {
    id: v.id,
    cityCode: v.cityCode,
    title: v.title,
    effectiveFrom: v.effectiveFrom,
    sourceDocument: v.sourceDocument,
    sourceSection: v.sourceSection,
    rowCount: v.rows.length,
    loadedBy: v.loadedBy,
    loadedAt: v.loadedAt,
    contentHash: v.contentHash,
    rows: v.rows,
  };
}

export class PaymentStandardService {
  constructor(
    private readonly regions: RegionDirectory,
    private readonly policy: PolicyOverrides,
  ) {}

  /** The city's versions, oldest first; any viewer of the city. Another city is not found. */
  async versions(em: EntityManager, scope: Scope, cityCode: string): Promise<StandardVersionSummary[]> {
    if (cityCode !== scope.viewer.cityCode) throw notFound('city', cityCode);
    return (await standardVersionsOfCity(em, cityCode)).map(summaryOf);
  }

  async load(em: EntityManager, scope: Scope, req: LoadStandardRequest): Promise<LoadStandardResult> {
    scope.assertCityWrite(req.cityCode, 'payment_standard');
    const p = new InputProblems();
    if (!isIsoDate(req.effectiveFrom)) p.add('input.effectiveFrom', 'must be a calendar date YYYY-MM-DD', '须为有效日期 YYYY-MM-DD');
    const doc = req.sourceDocument.trim();
    const section = req.sourceSection.trim();
    if (doc === '' || doc.length > 200 || !TEXT.test(doc))
      p.add('input.sourceDocument', 'the document that sets the standard, 1–200 characters', '须填写确定支付标准的文件（1–200个字符）');
    if (section === '' || section.length > 60 || !TEXT.test(section))
      p.add('input.sourceSection', 'its section, 1–60 characters', '须填写文件条款（1–60个字符）');
    const title = req.title?.trim() ?? '';
    if (title.length > 120 || (title !== '' && !TEXT.test(title))) p.add('input.title', 'at most 120 characters', '最多120个字符');
    const sources = [req.rows, req.csv, req.excelBase64].filter((x) => x != null).length;
    if (sources !== 1) p.add('input', 'send exactly one of rows, csv or excelBase64', '须提供 rows、csv、excelBase64 之一');
    p.throwIfAny();
    const ruleSet = findRuleSet(req.cityCode, req.effectiveFrom);
    if (ruleSet === null)
      throw badInput('input.effectiveFrom', `no rule set of city ${req.cityCode} is in force on ${req.effectiveFrom}`, '该日期该市无生效的“两病”规则');
    if (!ruleSet.paymentStandard.applies) {
      throw badInput(
        'input.cityCode',
        `${ruleSet.id} sets no per-drug payment standard (${ruleSet.paymentStandard.citation.document} ${ruleSet.paymentStandard.citation.section})`,
        '该市“两病”政策未规定按药品支付标准结算',
      );
    }

    const { rows, problems } = await this.rowsOf(req);
    if (problems.length > 0) return { applied: false, replayed: false, version: null, problems };
    const contentHash = standardContentHash(rows, doc, section);
    const id = `${req.cityCode}-${req.effectiveFrom}`;
    const districts = this.regions.districtsOf(req.cityCode).map((d) => d.code);

    const result = await em.transactional(async (tem) => {
      await lockStandardsOfCity(tem, req.cityCode);
      const existing = await standardVersionOn(tem, req.cityCode, req.effectiveFrom);
      if (existing !== null) {
        if (existing.contentHash !== contentHash)
          throw conflict(`a different payment standard ${existing.id} already takes effect on ${req.effectiveFrom}`, '该日期已载入内容不同的支付标准', {
            versionId: existing.id,
          });
        return { stored: existing, replayed: true };
      }
      // Claims already decided on or after the date were paid against the earlier standard (or the submitted price).
      const decided = await claimsOnOrAfter(tem, districts, req.effectiveFrom);
      if (decided > 0) {
        throw conflict(
          `${decided} claims on or after ${req.effectiveFrom} were already decided under the earlier standard; choose a later effective date`,
          `已有${decided}笔该日期及以后的结算按原支付标准审核，请选择更晚的生效日期`,
          { claims: decided },
        );
      }
      const stored = await insertStandardVersion(tem, {
        id,
        cityCode: req.cityCode,
        ruleSetId: ruleSet.id,
        title: title || `${ruleSet.cityName.zh}“两病”用药医保支付标准（${req.effectiveFrom}起）`,
        effectiveFrom: req.effectiveFrom,
        sourceDocument: doc,
        sourceSection: section,
        rows,
        contentHash,
        loadedBy: scope.viewer.userId,
      });
      const [first] = districts;
      if (first !== undefined)
        await audit(tem, scope.viewer, first, 'payment_standard.load', 'payment_standard_version', id, {
          effectiveFrom: req.effectiveFrom,
          rows: rows.length,
          contentHash,
          source: `${doc} ${section}`,
        });
      return { stored, replayed: false };
    });
    await this.policy.refresh(em);
    return { applied: true, replayed: result.replayed, version: summaryOf(result.stored), problems: [] };
  }

  async diff(em: EntityManager, scope: Scope, cityCode: string, fromId: string, toId: string): Promise<StandardDiff> {
    const all = await this.versions(em, scope, cityCode);
    const from = all.find((v) => v.id === fromId);
    const to = all.find((v) => v.id === toId);
    if (from === undefined) throw notFound('payment standard version', fromId);
    if (to === undefined) throw notFound('payment standard version', toId);
    return { from, to, ...diffStandardRows(from.rows, to.rows) };
  }

  private async rowsOf(req: LoadStandardRequest): Promise<{ rows: PaymentStandardRow[]; problems: StandardProblem[] }> {
    if (req.rows != null) {
      const raw: RawStandardRow[] = req.rows.map((r, i) => ({
        rowNo: i + 1,
        cells: { drug: r.drugCode.trim(), form: r.form, strength: r.strength, priceFen: String(r.unitPriceFen), priceYuan: '' },
      }));
      // A row sent through GraphQL names its problems by the field.
      return checkStandardRows(raw, (rowNo, c) => `input.rows[${rowNo - 1}].${GRAPHQL_FIELD[c]}`);
    }
    const raw = req.csv != null ? parseStandardCsv(req.csv) : await parseStandardXlsx(Buffer.from(req.excelBase64!, 'base64'));
    return checkStandardRows(raw);
  }
}

export function diffStandardRows(
  before: readonly PaymentStandardRow[],
  after: readonly PaymentStandardRow[],
): Pick<StandardDiff, 'added' | 'removed' | 'changed'> {
  const old = new Map(before.map((r) => [rowKey(r), r]));
  const now = new Map(after.map((r) => [rowKey(r), r]));
  const added = after.filter((r) => !old.has(rowKey(r)));
  const removed = before.filter((r) => !now.has(rowKey(r)));
  const changed: StandardChange[] = [];
  for (const r of after) {
    const o = old.get(rowKey(r));
    if (o !== undefined && o.unitPriceFen !== r.unitPriceFen)
      changed.push({ key: rowKey(r), before: o, after: r, differenceFen: r.unitPriceFen - o.unitPriceFen });
  }
  return { added, removed, changed };
}
