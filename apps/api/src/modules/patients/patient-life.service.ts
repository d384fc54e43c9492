/**
 * What changes in a patient's life after registration: demographics, the insurance scheme (dated),
 * 异地长期居住 (W-7, dated), death and moving away, and undoing a wrongly recorded one. Each write is
 * one transaction that takes the patient's statistics lock first (trackPatientStats — the claim
 * path takes the same lock before it reads the patient, so a claim is decided either wholly before
 * or wholly after the change), keeps a history row per change, moves the rollups when a figure
 * depends on what changed, and is audited. See LIVES.md beside this file.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { isIsoDate } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { exec } from '../../db/sql';
import { badInput, conflict, InputProblems } from '../../errors';
import { audit } from '../audit/audit';
import type { RegionDirectory } from '../regions/region.directory';
import { trackPatientStats } from '../statistics/rollup.tracker';
import { schemeOn, type Scheme } from './patient-life.dates';
import * as repo from './patient-life.repository';
import type { PatientService } from './patient.service';

export interface DemographicChanges {
  name?: string | null;
  sex?: 'male' | 'female' | null;
  birthDate?: string | null;
  /** null clears the number */
  phone?: string | null;
  streetCode?: string | null;
}

const SCHEMES: readonly Scheme[] = ['resident', 'employee', 'uninsured'];

export function checkReason(p: InputProblems, field: string, reason: string | null | undefined, required = true): void {
  if (reason == null) {
    if (required) p.add(field, 'is required', '须填写原因');
    return;
  }
  if (reason.trim().length === 0 || reason.length > 500) p.add(field, 'must be 1–500 characters', '须为1–500个字符');
}

export function checkPastDate(p: InputProblems, field: string, value: string, today: string): void {
  if (!isIsoDate(value) || value > today) p.add(field, 'must be a past calendar date (YYYY-MM-DD)', '须为已过去的有效日期');
}

export class PatientLifeService {
  constructor(
    private readonly patients: PatientService,
    private readonly regions: RegionDirectory,
    private readonly today: () => string,
  ) {}

  /** Corrects name, sex, birth date, phone or street; one history row per field that differs. */
  async updateDemographics(em: EntityManager, scope: Scope, patientId: string, changes: DemographicChanges, reason: string): Promise<string[]> {
    const p = new InputProblems();
    const c = changes;
    if (c.name != null && (c.name.trim().length === 0 || c.name.length > 50)) p.add('changes.name', 'must be 1–50 characters', '姓名须为1–50个字符');
    if (c.sex != null && c.sex !== 'male' && c.sex !== 'female') p.add('changes.sex', 'must be male or female', '性别无效');
    if (c.birthDate != null) checkPastDate(p, 'changes.birthDate', c.birthDate, this.today());
    if (c.phone != null && !/^1\d{10}$/.test(c.phone)) p.add('changes.phone', 'must be an 11-digit mobile number', '须为11位手机号');
    const street = c.streetCode == null ? null : this.regions.get(c.streetCode);
    if (c.streetCode != null && (street === undefined || street?.level !== 'street'))
      p.add('changes.streetCode', 'unknown street or township', '未知街道/乡镇');
    if (c.name == null && c.sex == null && c.birthDate == null && c.phone === undefined && c.streetCode == null)
      p.add('changes', 'name at least one field to change', '至少填写一项更改');
    checkReason(p, 'reason', reason);
    p.throwIfAny();
    const districtCode = await this.patients.districtOf(em, scope, patientId);
    scope.assertWrite(districtCode, 'patient');
    // The patient's district leads every key of their records: another district's street is a move away there and a registration here.
    if (street != null && street.districtCode !== districtCode)
      throw badInput(
        'changes.streetCode',
        `the street is not in the patient's district ${districtCode}: record a move away and register the patient in the new district`,
        `该街道不在患者所属辖区${districtCode}：请登记迁出，并在新辖区重新登记`,
      );
    return em.transactional(async (tem) => {
      // Street and age (35+, 65+) are in the statistics; name, sex and phone are not. The lock is taken either way.
      const movesStats = c.streetCode != null || c.birthDate != null;
      const stats = await trackPatientStats(tem, districtCode, patientId, { eventDate: null, years: movesStats ? 'all' : [] });
      const row = (await repo.lockPatient(tem, districtCode, patientId))!;
      if (c.birthDate != null && c.birthDate > (await this.earliestRecord(tem, districtCode, patientId, c.birthDate))) {
        throw badInput('changes.birthDate', 'is after a diagnosis, certification or follow-up of the patient', '晚于患者的诊断、办证或随访日期');
      }
      const next = {
        name: c.name ?? row.name,
        sex: c.sex ?? row.sex,
        birth_date: c.birthDate ?? row.birth_date,
        phone: c.phone === undefined ? row.phone : c.phone,
        street_code: c.streetCode ?? row.street_code,
      };
      const fields: [keyof typeof next, string][] = [
        ['name', 'name'],
        ['sex', 'sex'],
        ['birth_date', 'birthDate'],
        ['phone', 'phone'],
        ['street_code', 'streetCode'],
      ];
      const entries = fields
        .filter(([col]) => next[col] !== row[col])
        .map(([col, field]): repo.HistoryEntry => ({ action: 'update', field, old: row[col], new: next[col], reason }));
      if (entries.length === 0) throw badInput('changes', 'every field given already has this value', '所填内容与现有信息相同');
      await repo.updatePatientColumns(tem, districtCode, patientId, next);
      await repo.addHistory(tem, scope.viewer, districtCode, patientId, entries);
      await stats.finish(tem);
      // The audit names the fields, not their values: the history holds those, masked on read.
      await audit(tem, scope.viewer, districtCode, 'patient.update', 'patient', patientId, { fields: entries.map((e) => e.field), reason });
      return entries.map((e) => e.field!);
    });
  }

  /** The earliest diagnosis, certification or follow-up date (or `fallback` when none): a birth date may not come after it. */
  private async earliestRecord(em: EntityManager, districtCode: string, patientId: string, fallback: string): Promise<string> {
    const [r] = await exec<{ d: string | null }>(
      em,
      `select to_char(least((select min(diagnosed_on) from patient_diseases where district_code = ? and patient_id = ?),
                            (select min(certified_on) from certifications where district_code = ? and patient_id = ?),
                            (select min(follow_up_date) from follow_ups where district_code = ? and patient_id = ?)), 'YYYY-MM-DD') as d`,
      [districtCode, patientId, districtCode, patientId, districtCode, patientId],
    );
    return r?.d ?? fallback;
  }

  /**
   * 参保类型变更: the scheme from a date on. Dates are never in the future (patients.scheme is the
   * scheme in force today) and each change comes after the last one (a mistaken change is
   * corrected by a further change), so the timeline is a plain sequence.
   */
  async changeScheme(
    em: EntityManager,
    scope: Scope,
    patientId: string,
    scheme: Scheme,
    effectiveFrom: string,
    reason: string,
    uninsuredReason: string | null,
  ): Promise<void> {
    const p = new InputProblems();
    if (!SCHEMES.includes(scheme)) p.add('scheme', 'unknown scheme', '参保类型无效');
    checkPastDate(p, 'effectiveFrom', effectiveFrom, this.today());
    checkReason(p, 'reason', reason);
    if (uninsuredReason != null && scheme !== 'uninsured') p.add('uninsuredReason', 'only for the uninsured', '仅适用于未参保');
    if (uninsuredReason != null && (uninsuredReason.trim().length === 0 || uninsuredReason.length > 100))
      p.add('uninsuredReason', 'must be 1–100 characters', '须为1–100个字符');
    p.throwIfAny();
    const districtCode = await this.patients.districtOf(em, scope, patientId);
    scope.assertWrite(districtCode, 'patient');
    await em.transactional(async (tem) => {
      // Coverage (保障覆盖率) is judged on the scheme at each period end: every period from the date on may move.
      const stats = await trackPatientStats(tem, districtCode, patientId, { eventDate: effectiveFrom, years: 'all' });
      const row = (await repo.lockPatient(tem, districtCode, patientId))!;
      const changes = await repo.schemeChanges(tem, districtCode, patientId);
      const last = changes.at(-1);
      if (last !== undefined && effectiveFrom <= last[0]) {
        throw conflict(
          `A scheme change already takes effect on ${last[0]}: a new change must come after it`,
          `已有${last[0]}生效的参保变更，新的变更须晚于该日期`,
          { code: 'SCHEME_CHANGE_ORDER', lastEffectiveFrom: last[0] },
        );
      }
      const previous = schemeOn(row.scheme, changes, effectiveFrom);
      if (previous === scheme) throw badInput('scheme', `the patient is already in the ${scheme} scheme on ${effectiveFrom}`, '该日期已是此参保类型');
      await repo.insertSchemeChange(tem, districtCode, patientId, { from: effectiveFrom, scheme, previous, uninsuredReason, reason, by: scope.viewer.userId });
      await repo.addHistory(tem, scope.viewer, districtCode, patientId, [
        { action: 'scheme_change', field: 'scheme', old: previous, new: scheme, effectiveOn: effectiveFrom, reason },
      ]);
      await stats.finish(tem);
      await audit(tem, scope.viewer, districtCode, 'patient.scheme_change', 'patient', patientId, { from: previous, to: scheme, effectiveFrom, reason });
    });
  }

  /** 异地长期居住 (W-7) from a date, to an inclusive last day or open; periods do not overlap. */
  async recordResidence(em: EntityManager, scope: Scope, patientId: string, from: string, to: string | null, place: string, note: string): Promise<string> {
    const p = new InputProblems();
    if (!isIsoDate(from)) p.add('from', 'must be YYYY-MM-DD', '须为有效日期');
    if (to != null && !isIsoDate(to)) p.add('to', 'must be YYYY-MM-DD', '须为有效日期');
    else if (to != null && isIsoDate(from) && to < from) p.add('to', 'must not be before from', '不得早于开始日期');
    if (place.trim().length === 0 || place.length > 100) p.add('place', 'must be 1–100 characters', '须为1–100个字符');
    checkReason(p, 'note', note);
    p.throwIfAny();
    const districtCode = await this.patients.districtOf(em, scope, patientId);
    scope.assertWrite(districtCode, 'patient');
    return em.transactional(async (tem) => {
      await trackPatientStats(tem, districtCode, patientId, { eventDate: null, years: [] });
      const overlap = (await repo.residences(tem, districtCode, patientId)).find(
        (r) => r.valid_from <= (to ?? '9999-12-31') && (r.valid_to === null || r.valid_to >= from),
      );
      if (overlap !== undefined) {
        throw conflict(
          `It overlaps the residence elsewhere from ${overlap.valid_from}${overlap.valid_to ? ` to ${overlap.valid_to}` : ''}: end that one first`,
          `与${overlap.valid_from}起的异地居住登记重叠，请先结束该登记`,
          { code: 'RESIDENCE_OVERLAP', residenceId: overlap.id },
        );
      }
      const id = await repo.insertResidence(tem, districtCode, patientId, { from, to, place, note, by: scope.viewer.userId });
      await repo.addHistory(tem, scope.viewer, districtCode, patientId, [
        { action: 'residence_elsewhere', field: 'residenceElsewhere', old: null, new: `${from}–${to ?? ''} ${place}`, effectiveOn: from, reason: note },
      ]);
      await audit(tem, scope.viewer, districtCode, 'patient.residence_elsewhere', 'patient', patientId, { residenceId: id, from, to });
      return id;
    });
  }

  /** Ends an open residence elsewhere on its last day. */
  async endResidence(em: EntityManager, scope: Scope, patientId: string, residenceId: string, to: string, reason: string): Promise<void> {
    const p = new InputProblems();
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(residenceId)) p.add('residenceId', 'is not a residence id', '登记编号无效');
    if (!isIsoDate(to)) p.add('to', 'must be YYYY-MM-DD', '须为有效日期');
    checkReason(p, 'reason', reason);
    p.throwIfAny();
    const districtCode = await this.patients.districtOf(em, scope, patientId);
    scope.assertWrite(districtCode, 'patient');
    await em.transactional(async (tem) => {
      await trackPatientStats(tem, districtCode, patientId, { eventDate: null, years: [] });
      const all = await repo.residences(tem, districtCode, patientId);
      const r = all.find((x) => x.id === residenceId);
      if (r === undefined) throw badInput('residenceId', 'no such residence of this patient', '该患者无此异地居住登记');
      if (r.valid_to !== null) throw conflict(`This residence already ended on ${r.valid_to}`, `该登记已于${r.valid_to}结束`, { code: 'RESIDENCE_ENDED' });
      if (to < r.valid_from) throw badInput('to', `must not be before the residence's start ${r.valid_from}`, '不得早于开始日期');
      await repo.endResidence(tem, districtCode, patientId, residenceId, to);
      await repo.addHistory(tem, scope.viewer, districtCode, patientId, [
        {
          action: 'residence_elsewhere_end',
          field: 'residenceElsewhere',
          old: `${r.valid_from}– ${r.place}`,
          new: `${r.valid_from}–${to} ${r.place}`,
          effectiveOn: to,
          reason,
        },
      ]);
      await audit(tem, scope.viewer, districtCode, 'patient.residence_elsewhere_end', 'patient', patientId, { residenceId, to, reason });
    });
  }

  /**
   * Death or moving away on a date. From that day the patient leaves every patient figure of a
   * period ending on or after it (presentOn), and a claim dated after it is refused. A report that
   * arrives late still counts: rows of closed quarters keep their published figures.
   */
  async recordDeparture(
    em: EntityManager,
    scope: Scope,
    patientId: string,
    kind: 'death' | 'moved_away',
    on: string,
    movedTo: string | null,
    note: string | null,
  ): Promise<{ paidClaimsAfter: string[] }> {
    const p = new InputProblems();
    checkPastDate(p, 'on', on, this.today());
    if (movedTo != null && (movedTo.trim().length === 0 || movedTo.length > 100)) p.add('toRegion', 'must be 1–100 characters', '须为1–100个字符');
    checkReason(p, 'note', note, false);
    p.throwIfAny();
    const districtCode = await this.patients.districtOf(em, scope, patientId);
    scope.assertWrite(districtCode, 'patient');
    return em.transactional(async (tem) => {
      const stats = await trackPatientStats(tem, districtCode, patientId, { eventDate: null, years: 'all' });
      const row = (await repo.lockPatient(tem, districtCode, patientId))!;
      if (row.left_on !== null) {
        throw conflict(
          `The patient's ${row.left_reason === 'death' ? 'death' : 'move away'} on ${row.left_on} is already recorded: undo it first if it was wrong`,
          `已登记患者于${row.left_on}${row.left_reason === 'death' ? '死亡' : '迁出'}；如有误请先撤销`,
          { code: 'ALREADY_LEFT', leftOn: row.left_on },
        );
      }
      if (on < row.birth_date) throw badInput('on', 'is before the patient was born', '早于出生日期');
      await repo.setDeparture(tem, districtCode, patientId, { on, reason: kind, movedTo });
      await repo.addHistory(tem, scope.viewer, districtCode, patientId, [
        {
          action: kind === 'death' ? 'death' : 'move_away',
          field: kind === 'death' ? 'diedOn' : 'movedAwayOn',
          old: null,
          new: movedTo === null ? on : `${on} → ${movedTo}`,
          effectiveOn: on,
          reason: note,
        },
      ]);
      await stats.finish(tem);
      // Claims already paid for dates after it were paid before the news arrived: listed for review, not reversed here.
      const paidClaimsAfter = await repo.paidClaimsAfter(tem, districtCode, patientId, on);
      await audit(tem, scope.viewer, districtCode, kind === 'death' ? 'patient.death' : 'patient.move_away', 'patient', patientId, {
        on,
        movedTo,
        paidClaimsAfter,
      });
      return { paidClaimsAfter };
    });
  }

  /** Undoes a wrongly recorded death or move: the patient counts again from the day it said; the record of it stays in the history. */
  async undoDeparture(em: EntityManager, scope: Scope, patientId: string, reason: string): Promise<void> {
    const p = new InputProblems();
    checkReason(p, 'reason', reason);
    p.throwIfAny();
    const districtCode = await this.patients.districtOf(em, scope, patientId);
    scope.assertWrite(districtCode, 'patient');
    await em.transactional(async (tem) => {
      const stats = await trackPatientStats(tem, districtCode, patientId, { eventDate: null, years: 'all' });
      const row = (await repo.lockPatient(tem, districtCode, patientId))!;
      if (row.left_on === null) throw conflict('No death or move away is recorded for this patient', '该患者未登记死亡或迁出', { code: 'NOT_LEFT' });
      await repo.setDeparture(tem, districtCode, patientId, { on: null, reason: null, movedTo: null });
      const what = row.left_reason === 'death' ? 'death' : 'move_away';
      await repo.addHistory(tem, scope.viewer, districtCode, patientId, [
        {
          action: `undo_${what}`,
          field: what === 'death' ? 'diedOn' : 'movedAwayOn',
          old: row.moved_to === null ? row.left_on : `${row.left_on} → ${row.moved_to}`,
          new: null,
          effectiveOn: row.left_on,
          reason,
        },
      ]);
      await stats.finish(tem);
      await audit(tem, scope.viewer, districtCode, `patient.undo_${what}`, 'patient', patientId, { leftOn: row.left_on, reason });
    });
  }
}
