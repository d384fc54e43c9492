/**
 * Catalogue versions (G-6: 目录第一版, adjusted by the expert panel). A new version is a whole list
 * with its effective date; it is stored in catalogue_versions and handed to the policy core as a
 * named override with `from` = its date (see policy-overrides.ts), so a claim is judged by the
 * version in force on its service date. Versions that ship with a rule set (第一版) are listed and
 * compared alongside the loaded ones.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DRUG_FACTS, findRuleSet, isIsoDate, RULE_SETS, type CatalogueRow, type CatalogueVersion, type RestrictionCondition } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { badInput, conflict, InputProblems, notFound } from '../../errors';
import { audit } from '../audit/audit';
import type { RegionDirectory } from '../regions/region.directory';
import { claimsOnOrAfter, insertVersion, lockCity, versionOn, versionsOfCity } from './catalogue-version.repository';
import type { PolicyOverrides } from './policy-overrides';

export const MAX_ROWS = 500;

export interface VersionSummary {
  id: string;
  cityCode: string;
  title: string;
  effectiveFrom: string;
  sourceDocument: string;
  sourceSection: string;
  rowCount: number;
  /** false for a version that ships with the rule set */
  loaded: boolean;
  loadedBy: string | null;
  loadedAt: Date | null;
  rows: readonly CatalogueRow[];
}

export interface LoadRequest {
  cityCode: string;
  effectiveFrom: string;
  title?: string | null;
  sourceDocument?: string | null;
  sourceSection?: string | null;
  rows: CatalogueRow[];
}

export interface RowChange {
  key: string;
  before: CatalogueRow;
  after: CatalogueRow;
  fields: string[];
}

export interface CatalogueDiff {
  from: VersionSummary;
  to: VersionSummary;
  added: CatalogueRow[];
  removed: CatalogueRow[];
  changed: RowChange[];
}

/** A row is one drug for one disease under its corrected name; two strengths of one combination are two rows (附件3 36/37). */
const rowKey = (r: CatalogueRow) => `${r.disease}|${r.name}`;

/** The fields compared between versions; the row number is not one (inserting a row renumbers those after it). */
const COMPARED: readonly (keyof CatalogueRow)[] = ['drugCode', 'formsAsPrinted', 'forms', 'essential', 'insuranceClass', 'restriction', 'scopeAsPrinted'];

export class CatalogueVersionService {
  constructor(
    private readonly regions: RegionDirectory,
    private readonly policy: PolicyOverrides,
  ) {}

  async versions(em: EntityManager, scope: Scope, cityCode: string): Promise<VersionSummary[]> {
    if (cityCode !== scope.viewer.cityCode) throw notFound('city', cityCode);
    const builtIn: VersionSummary[] = [];
    for (const rs of RULE_SETS) {
      if (rs.cityCode !== cityCode || rs.catalogue.kind !== 'list') continue;
      for (const v of rs.catalogue.versions) builtIn.push(summaryOf(v, null));
    }
    const loaded = (await versionsOfCity(em, cityCode)).map((v) =>
      summaryOf(
        {
          id: v.id,
          city: v.cityCode,
          title: v.title,
          effectiveFrom: v.effectiveFrom,
          source: { document: v.sourceDocument, section: v.sourceSection },
          rows: v.rows,
        },
        { by: v.loadedBy, at: v.loadedAt },
      ),
    );
    return [...builtIn, ...loaded].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  }

  async load(em: EntityManager, scope: Scope, req: LoadRequest): Promise<{ version: VersionSummary; replayed: boolean }> {
    scope.assertCityWrite(req.cityCode, 'catalogue');
    if (!isIsoDate(req.effectiveFrom)) throw badInput('effectiveFrom', 'must be YYYY-MM-DD', '须为有效日期');
    const ruleSet = findRuleSet(req.cityCode, req.effectiveFrom);
    if (ruleSet === null)
      throw badInput('effectiveFrom', `no rule set of city ${req.cityCode} is in force on ${req.effectiveFrom}`, '该日期该市无生效的“两病”规则');
    if (ruleSet.catalogue.kind !== 'list') {
      throw badInput(
        'cityCode',
        `${ruleSet.id} defines its drugs by ATC group of the national list (W-2), not by a published catalogue`,
        '该市按国家医保目录ATC类别确定用药范围，无分版目录',
      );
    }
    const shipped = ruleSet.catalogue.versions.find((v) => v.effectiveFrom === req.effectiveFrom);
    if (shipped !== undefined) throw conflict(`${shipped.id} already takes effect on ${req.effectiveFrom}`, '该日期已有生效的目录版本');
    validateRows(req.rows);
    const rows = [...req.rows].sort((a, b) => (a.disease === b.disease ? a.sourceRow - b.sourceRow : a.disease === 'hypertension' ? -1 : 1));
    const contentHash = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
    const id = `${req.cityCode}-${req.effectiveFrom}`;
    const districts = this.regions.districtsOf(req.cityCode).map((d) => d.code);

    const result = await em.transactional(async (tem) => {
      await lockCity(tem, req.cityCode);
      const existing = await versionOn(tem, req.cityCode, req.effectiveFrom);
      if (existing !== null) {
        if (existing.contentHash !== contentHash)
          throw conflict(`a different version ${existing.id} already takes effect on ${req.effectiveFrom}`, '该日期已载入内容不同的目录版本', {
            versionId: existing.id,
          });
        return { stored: existing, replayed: true };
      }
      // Claims already decided on or after the date were judged by the earlier version; a version
      // dated before them would make the record say one thing and the rules another.
      const decided = await claimsOnOrAfter(tem, districts, req.effectiveFrom);
      if (decided > 0) {
        throw conflict(
          `${decided} claims on or after ${req.effectiveFrom} were already decided under the earlier version; choose a later effective date`,
          `已有${decided}笔该日期及以后的结算按原目录审核，请选择更晚的生效日期`,
          { claims: decided },
        );
      }
      const stored = await insertVersion(tem, {
        id,
        cityCode: req.cityCode,
        ruleSetId: ruleSet.id,
        title: req.title?.trim() || `${ruleSet.nameZh} 用药目录（${req.effectiveFrom} 起）`,
        effectiveFrom: req.effectiveFrom,
        sourceDocument: req.sourceDocument?.trim() || '专家组目录调整',
        sourceSection: req.sourceSection?.trim() || '—',
        rows,
        contentHash,
        loadedBy: scope.viewer.userId,
      });
      const [first] = districts;
      if (first !== undefined)
        await audit(tem, scope.viewer, first, 'catalogue.load', 'catalogue_version', id, { effectiveFrom: req.effectiveFrom, rows: rows.length, contentHash });
      return { stored, replayed: false };
    });
    await this.policy.refresh(em);
    const v = result.stored;
    return {
      version: summaryOf(
        {
          id: v.id,
          city: v.cityCode,
          title: v.title,
          effectiveFrom: v.effectiveFrom,
          source: { document: v.sourceDocument, section: v.sourceSection },
          rows: v.rows,
        },
        { by: v.loadedBy, at: v.loadedAt },
      ),
      replayed: result.replayed,
    };
  }

  async diff(em: EntityManager, scope: Scope, cityCode: string, fromId: string, toId: string): Promise<CatalogueDiff> {
    const all = await this.versions(em, scope, cityCode);
    const from = all.find((v) => v.id === fromId);
    const to = all.find((v) => v.id === toId);
    if (from === undefined) throw notFound('catalogue version', fromId);
    if (to === undefined) throw notFound('catalogue version', toId);
    return { from, to, ...diffRows(from.rows, to.rows) };
  }
}

export function diffRows(before: readonly CatalogueRow[], after: readonly CatalogueRow[]): Pick<CatalogueDiff, 'added' | 'removed' | 'changed'> {
  const old = new Map(before.map((r) => [rowKey(r), r]));
  const now = new Map(after.map((r) => [rowKey(r), r]));
  const added = after.filter((r) => !old.has(rowKey(r)));
  const removed = before.filter((r) => !now.has(rowKey(r)));
  const changed: RowChange[] = [];
  for (const r of after) {
    const o = old.get(rowKey(r));
    if (o === undefined) continue;
    const fields = COMPARED.filter((f) => JSON.stringify(o[f] ?? null) !== JSON.stringify(r[f] ?? null));
    if (fields.length > 0) changed.push({ key: rowKey(r), before: o, after: r, fields: fields as string[] });
  }
  return { added, removed, changed };
}

function summaryOf(v: CatalogueVersion, loaded: { by: string; at: Date } | null): VersionSummary {
  return {
    id: v.id,
    cityCode: v.city,
    title: v.title,
    effectiveFrom: v.effectiveFrom,
    sourceDocument: v.source.document,
    sourceSection: v.source.section,
    rowCount: v.rows.length,
    loaded: loaded !== null,
    loadedBy: loaded?.by ?? null,
    loadedAt: loaded?.at ?? null,
    rows: v.rows,
  };
}

function validateRows(rows: readonly CatalogueRow[]): void {
  const p = new InputProblems();
  if (rows.length === 0 || rows.length > MAX_ROWS) p.add('rows', `must hold 1–${MAX_ROWS} rows`, `须为1–${MAX_ROWS}行`);
  const numbers = new Set<string>();
  const keys = new Set<string>();
  rows.forEach((r, i) => {
    const f = (name: string) => `rows[${i}].${name}`;
    // each disease has its own list (附件3, 附件4), numbered from 1
    const numberKey = `${r.disease}|${r.sourceRow}`;
    if (!Number.isInteger(r.sourceRow) || r.sourceRow < 1) p.add(f('sourceRow'), 'must be a positive row number', '序号须为正整数');
    else if (numbers.has(numberKey)) p.add(f('sourceRow'), `${r.disease} row number ${r.sourceRow} appears twice`, '序号重复');
    numbers.add(numberKey);
    const facts = DRUG_FACTS.get(r.drugCode);
    if (facts === undefined) p.add(f('drugCode'), `unknown drug ${r.drugCode.slice(0, 40)} (not in the drug reference table)`, '药品不在药品字典中');
    else if (facts.drug.disease !== r.disease) p.add(f('disease'), `${r.drugCode} treats ${facts.drug.disease}`, '药品所治疗的病种不符');
    if (r.name.trim() === '' || r.name.length > 60) p.add(f('name'), 'must be 1–60 characters', '药品名称须为1–60个字符');
    if (keys.has(rowKey(r))) p.add(f('name'), `${r.name} is listed twice for ${r.disease}`, '同一病种药品名称重复');
    keys.add(rowKey(r));
    if (r.forms.length === 0) p.add(f('forms'), 'at least one dosage form', '至少一种剂型');
    if (new Set(r.forms.map((x) => x.form)).size !== r.forms.length) p.add(f('forms'), 'a dosage form is listed twice', '剂型重复');
    for (const form of r.forms)
      if (facts !== undefined && !facts.drug.forms.includes(form.form)) p.add(f('forms'), `${r.drugCode} is not marketed as ${form.form}`, '该药品无此剂型');
    if (r.restriction !== null) {
      if (r.restriction.text.trim() === '') p.add(f('restriction.text'), 'the remark as printed is required', '须填写备注原文');
      if (r.restriction.anyOf.length === 0 || r.restriction.anyOf.some((alt) => alt.length === 0)) {
        p.add(f('restriction.anyOf'), 'a restriction needs its conditions, or it cannot be checked', '限定支付条件须列明，否则无法审核');
      }
      r.restriction.anyOf.flat().forEach((c: RestrictionCondition) => {
        if ((c.kind === 'finding' || c.kind === 'at_first_fill') && !c.finding) p.add(f('restriction.anyOf'), `${c.kind} needs a finding`, '须指明临床情形');
        if (c.kind === 'diabetes_type' && !c.type) p.add(f('restriction.anyOf'), 'diabetes_type needs a type', '须指明糖尿病类型');
      });
    }
  });
  p.throwIfAny();
}
