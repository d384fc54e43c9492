/**
 * Smart monitoring (G-9, W-10): alerts are cases raised from stored claims — their rule hits and
 * patterns over time — each with its evidence, a status, an assignee and a history. Running the
 * monitoring again over the same (or an overlapping) period opens nothing twice: each finding has
 * an evidence key, and a 90-day over-supply seen through another window is recognised by its claims.
 * Confirming a case with reverseClaims reverses the claims behind it through ClaimService.reverse,
 * in the same transaction as the status change, so the ledger is restored or nothing changes.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { isIsoDate, ruleSetOfCity } from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { badInput, conflict, forbidden, notFound } from '../../errors';
import { audit } from '../audit/audit';
import type { ClaimService } from '../claims/claim.service';
import type { StatisticsService } from '../statistics/statistics.service';
import {
  acceptedClaims,
  claimsUnderCases,
  findAlert,
  fundOfClaims,
  historyOf,
  insertCandidates,
  listAlerts,
  updateAlert,
  type AlertFilter,
  type AlertStatus,
  type HistoryEntry,
  type StoredAlert,
} from './alert.repository';
import { fromOutsideSignedTeam, fromOverStandard, fromRefills, fromRuleHits, fromSupply, outliers, overlapTolerance, type Candidate } from './detect';
import { institutionFigures, outsideSignedTeam, overStandardFigures, refills, ruleHits, supplyWindows } from './detect.queries';
import { MONITORING_CONFIG, type MonitoringConfig } from './monitoring.config';
import { monitoringConfig } from '../settings/settings.apply';
import type { ResolvedSetting, SettingsReader } from '../settings/settings.reader';

/** Where a case may go from each status; recovered (money recovered) is final. */
const TRANSITIONS: Readonly<Record<AlertStatus, readonly AlertStatus[]>> = {
  open: ['under_review', 'confirmed', 'dismissed'],
  under_review: ['open', 'confirmed', 'dismissed'],
  confirmed: ['under_review', 'recovered'],
  dismissed: ['under_review'],
  recovered: [],
};

const MAX_DAYS = 366;

export interface RunResult {
  from: string;
  to: string;
  districts: string[];
  raised: { kind: string; count: number }[];
  /** candidates found again that were already open as cases */
  alreadyKnown: number;
  /** the thresholds the run used: the city's values in force at the period's end, each with its source */
  thresholds: ResolvedSetting[];
}

export class MonitoringService {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly claims: ClaimService,
    private readonly settings: SettingsReader,
    private readonly config: MonitoringConfig = MONITORING_CONFIG,
  ) {}

  async run(em: EntityManager, scope: Scope, regionCode: string, from: string, to: string): Promise<RunResult> {
    if (!isIsoDate(from)) throw badInput('from', 'must be YYYY-MM-DD', '须为有效日期');
    if (!isIsoDate(to)) throw badInput('to', 'must be YYYY-MM-DD', '须为有效日期');
    if (to < from) throw badInput('to', 'is before from', '结束日期早于开始日期');
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) throw badInput('to', `a run covers at most ${MAX_DAYS} days`, `每次最多${MAX_DAYS}天`);
    const { region, districts } = this.statistics.scopedRegion(scope, regionCode);
    for (const d of districts) scope.assertWrite(d, 'alert');
    // The thresholds in force at the period's end: the same period run again later uses the same ones.
    const { config: cfg, used: thresholds } = monitoringConfig(await this.settings.city(em, region.cityCode), to, this.config);

    return em.transactional(async (tem) => {
      const tolerance = overlapTolerance(region.cityCode, await this.claims.policyOverrides(tem));
      // Refill patterns first: the rule-hit pass leaves out a DUPLICATE_DISPENSING already opened as one.
      // Every overlap of a day or more is read; fromRefills applies the tolerances.
      const refillCandidates = fromRefills(await refills(tem, districts, from, to, 1), cfg, tolerance);
      const total = new Map<string, number>();
      const merge = (m: Map<string, number>) => m.forEach((n, k) => total.set(k, (total.get(k) ?? 0) + n));
      merge(await insertCandidates(tem, refillCandidates, scope.viewer.userId));

      const hitCandidates = fromRuleHits(await ruleHits(tem, districts, from, to, cfg.ruleHitCodes));
      const supply = await this.newSupplyCases(
        tem,
        districts,
        fromSupply(await supplyWindows(tem, districts, from, to, Math.floor(90 * cfg.oversupplyFactor)), cfg),
      );
      const outlierCandidates = outliers(await institutionFigures(tem, districts, from, to, cfg.ruleHitCodes), cfg, from, to);
      // The signed family doctor as gatekeeper: only where the city's text makes it one (the rule set says where).
      const ruleSet = ruleSetOfCity(region.cityCode, to);
      const gatekeeper = ruleSet?.familyDoctorGatekeeper ?? null;
      const outsideTeam = gatekeeper === null ? [] : fromOutsideSignedTeam(await outsideSignedTeam(tem, districts, from, to), gatekeeper);
      // Lines over the payment standard: only where the city's text sets one (W 四(一); Guiyang's does not).
      const standard = ruleSet?.paymentStandard.applies ? ruleSet.paymentStandard.citation : null;
      const overStandard = standard === null ? [] : fromOverStandard(await overStandardFigures(tem, districts, from, to), cfg, standard, from, to);
      merge(await insertCandidates(tem, [...hitCandidates, ...supply.fresh, ...outlierCandidates, ...outsideTeam, ...overStandard], scope.viewer.userId));

      const found =
        refillCandidates.length +
        hitCandidates.length +
        supply.fresh.length +
        supply.known +
        outlierCandidates.length +
        outsideTeam.length +
        overStandard.length;
      const raised = [...total].map(([kind, count]) => ({ kind, count })).sort((a, b) => a.kind.localeCompare(b.kind));
      const raisedCount = raised.reduce((s, r) => s + r.count, 0);
      const used = Object.fromEntries(thresholds.map((t) => [t.key, t.value]));
      for (const d of districts) await audit(tem, scope.viewer, d, 'monitoring.run', 'alert', null, { from, to, raised: raisedCount, thresholds: used });
      return { from, to, districts, raised, alreadyKnown: found - raisedCount, thresholds };
    });
  }

  /**
   * The amount recovered, required when a case becomes recovered and accepted only then: at most
   * what the fund paid on the claims behind the case, or — for an institution's case without
   * claims — the fund paid to it in the period compared (its evidence). Money the fund never paid
   * cannot be recovered.
   */
  private async recoveredAmount(em: EntityManager, a: StoredAlert, status: AlertStatus, recoveredFen: number | null): Promise<number | null> {
    const becomesRecovered = status === 'recovered' && a.status !== 'recovered';
    if (!becomesRecovered) {
      if (recoveredFen !== null) throw badInput('recoveredFen', 'is recorded only when the case is marked recovered', '仅在标记为已追回时填写追回金额');
      return null;
    }
    if (recoveredFen === null) throw badInput('recoveredFen', 'a recovered case needs the amount recovered (fen)', '标记为已追回须填写追回金额（分）');
    const paid = a.claimIds.length > 0 ? await fundOfClaims(em, a.districtCode, a.claimIds) : typeof a.evidence.fundFen === 'number' ? a.evidence.fundFen : 0;
    if (recoveredFen > paid)
      throw badInput('recoveredFen', `is more than the fund paid behind the case (${paid} fen)`, `超过该案件涉及的基金支付（${paid}分）`);
    return recoveredFen;
  }

  /** An over-supply whose claims are already under a case of the same kind is that case, seen through another window. */
  private async newSupplyCases(em: EntityManager, districts: readonly string[], candidates: Candidate[]): Promise<{ fresh: Candidate[]; known: number }> {
    if (candidates.length === 0) return { fresh: [], known: 0 };
    const known = await claimsUnderCases(em, districts, 'OVERSUPPLY_90D', [...new Set(candidates.map((c) => c.patientId!))]);
    const fresh = candidates.filter((c) => !c.claimIds.some((id) => known.get(c.patientId!)?.has(id)));
    return { fresh, known: candidates.length - fresh.length };
  }

  private readable(scope: Scope): readonly string[] {
    // Cases name institutions under suspicion: they are the bureau's, not the institutions'.
    if (scope.institutionOnly !== null) throw forbidden('Alerts are reviewed by the bureau', '监控预警仅由医保部门处理');
    return scope.readableDistricts();
  }

  async list(em: EntityManager, scope: Scope, filter: Omit<AlertFilter, 'districts'> & { regionCode?: string | null }, first: number, after: string | null) {
    let districts = this.readable(scope);
    if (filter.regionCode != null) districts = this.statistics.scopedRegion(scope, filter.regionCode).districts;
    return listAlerts(em, { ...filter, districts }, first, after);
  }

  async find(em: EntityManager, scope: Scope, id: string): Promise<StoredAlert> {
    const a = await findAlert(em, id, this.readable(scope));
    if (a === null) throw notFound('alert', id);
    return a;
  }

  history(em: EntityManager, a: StoredAlert): Promise<HistoryEntry[]> {
    return historyOf(em, a.districtCode, a.id);
  }

  async update(
    em: EntityManager,
    scope: Scope,
    id: string,
    change: { status?: AlertStatus | null; assignee?: string | null; note?: string | null; reverseClaims?: boolean | null; recoveredFen?: number | null },
  ): Promise<{ alert: StoredAlert; reversedClaimIds: string[] }> {
    if (change.note != null && change.note.length > 1000) throw badInput('note', 'at most 1000 characters', '最多1000个字符');
    if (change.recoveredFen != null && (!Number.isSafeInteger(change.recoveredFen) || change.recoveredFen < 1))
      throw badInput('recoveredFen', 'must be a positive whole number of fen', '追回金额须为正整数（分）');
    if (change.assignee != null && (change.assignee.trim() === '' || change.assignee.length > 64))
      throw badInput('assignee', 'must be 1–64 characters', '须为1–64个字符');
    const found = await findAlert(em, id, this.readable(scope));
    if (found === null) throw notFound('alert', id);
    scope.assertWrite(found.districtCode, 'alert');
    return em.transactional(async (tem) => {
      const a = (await findAlert(tem, id, [found.districtCode], true))!;
      const status = change.status ?? a.status;
      if (status !== a.status && !TRANSITIONS[a.status].includes(status)) {
        throw conflict(`A case cannot go from ${a.status} to ${status}`, `预警状态不能从 ${a.status} 变为 ${status}`, {
          from: a.status,
          to: status,
          allowed: TRANSITIONS[a.status],
        });
      }
      let reversed: string[] = [];
      if (change.reverseClaims === true) {
        if (status !== 'confirmed') throw badInput('reverseClaims', 'claims are reversed only when the case is confirmed', '仅在确认违规时冲正结算');
        if (a.claimIds.length === 0) throw badInput('reverseClaims', `a ${a.kind} case has no claims behind it to reverse`, '该预警没有可冲正的结算');
        reversed = await acceptedClaims(tem, a.districtCode, a.claimIds);
        for (const claimId of reversed) await this.claims.reverse(tem, scope, claimId, `监控预警确认 alert ${a.id} (${a.kind})`);
      }
      const recoveredFen = await this.recoveredAmount(tem, a, status, change.recoveredFen ?? null);
      const assignee = change.assignee === undefined ? a.assignee : change.assignee;
      await updateAlert(tem, a, status, assignee, change.note ?? null, scope.viewer.userId, reversed, recoveredFen);
      await audit(tem, scope.viewer, a.districtCode, 'alert.update', 'alert', a.id, {
        from: a.status,
        to: status,
        assignee,
        reversed: reversed.length,
        recoveredFen,
      });
      return { alert: (await findAlert(tem, id, [a.districtCode]))!, reversedClaimIds: reversed };
    });
  }
}
