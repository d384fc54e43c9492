/**
 * From query rows to candidate alerts: pure, so that each pattern's rule reads in one place.
 * `claimIds` are the claims behind a case — the ones confirming it with reverseClaims reverses;
 * claims that only give context (the earlier fill of a refill) are in the evidence.
 */
import { addDays, DRUG_FACTS, HITS, resolveRuleSet, type HitCode, type RuleSetOverride } from '@liangbing/policy';
import type { Citation } from '@liangbing/policy';
import type { HitRow, InstitutionFigures, OutsideTeamRow, OverStandardRow, RefillRow, SupplyRow } from './detect.queries';
import type { MonitoringConfig } from './monitoring.config';

export interface Candidate {
  districtCode: string;
  kind: string;
  evidenceKey: string;
  patientId: string | null;
  institutionId: string | null;
  claimIds: string[];
  evidence: Record<string, unknown>;
  occurredOn: string;
}

const drugName = (code: string) => DRUG_FACTS.get(code)?.drug.nameZh ?? code;

export function fromRuleHits(rows: readonly HitRow[]): Candidate[] {
  return rows.map((r) => {
    const h = HITS[r.code as HitCode];
    return {
      districtCode: r.district_code,
      kind: r.code,
      evidenceKey: `RULE:${r.code}:${r.claim_id}`,
      patientId: r.patient_id,
      institutionId: r.institution_id,
      claimIds: [r.claim_id],
      evidence: {
        code: r.code,
        ruleId: h?.ruleId ?? null,
        section: h?.section ?? null,
        messageZh: h?.zh ?? r.code,
        messageEn: h?.en ?? r.code,
        serviceDate: r.service_date,
        amountFen: Number(r.amount_fen),
        fundFen: Number(r.fund_fen),
      },
      occurredOn: r.service_date,
    };
  });
}

/** The duplicate-dispensing rule's tolerance on a day: the days a refill may overlap the supply on hand (a rule-set parameter), with its citation. */
export type OverlapTolerance = (serviceDate: string) => { days: number; citation: string };

/** The duplicate-dispensing rule's tolerance of the rule set in force in the city on a day, under the deployment's overrides. */
export function overlapTolerance(cityCode: string, overrides: readonly RuleSetOverride[]): OverlapTolerance {
  return (date) => {
    const r = resolveRuleSet(cityCode, date, { overrides });
    if (r.status !== 'in_force') return { days: 0, citation: r.reason };
    const p = r.ruleSet.parameters.earlyRefillToleranceDays;
    return {
      days: p.value ?? 0,
      citation: `${r.ruleSet.definition.id} earlyRefillToleranceDays (${p.kind}): ${p.citation.document} ${p.citation.section}${p.citation.note ? ` — ${p.citation.note}` : ''}`,
    };
  };
}

/**
 * Refills against the previous fill of the same drug. At another institution a case opens only
 * when the overlap is more than the duplicate-dispensing rule tolerates (the rule set's
 * earlyRefillToleranceDays, the same number the adjudication's DUPLICATE_DISPENSING uses): a day
 * or two of overlap is an ordinary refill, not a case. At the same institution: the early-refill
 * threshold of the monitoring configuration.
 */
export function fromRefills(rows: readonly RefillRow[], cfg: MonitoringConfig, tolerance: OverlapTolerance): Candidate[] {
  const byKey = new Map<string, Candidate>();
  for (const r of rows) {
    const elsewhere = r.prev_institution_id !== r.institution_id;
    const kind = elsewhere ? 'CROSS_INSTITUTION_DUPLICATE' : 'EARLY_REFILL';
    const tolerated = elsewhere ? tolerance(r.service_date) : null;
    if (tolerated !== null ? r.days_left <= tolerated.days : r.days_left <= cfg.earlyRefillDaysLeft) continue;
    const key = `${kind}:${r.claim_id}`;
    let c = byKey.get(key);
    if (c === undefined) {
      const evidence: Record<string, unknown> = { serviceDate: r.service_date, drugs: [] };
      if (tolerated !== null) Object.assign(evidence, { toleranceDays: tolerated.days, toleranceSource: tolerated.citation });
      c = {
        districtCode: r.district_code,
        kind,
        evidenceKey: key,
        patientId: r.patient_id,
        institutionId: r.institution_id,
        claimIds: [r.claim_id],
        evidence,
        occurredOn: r.service_date,
      };
      byKey.set(key, c);
    }
    (c.evidence.drugs as unknown[]).push({
      drugCode: r.drug_code,
      drugName: drugName(r.drug_code),
      daysSupply: r.days_supply,
      daysLeft: r.days_left,
      previousClaimId: r.prev_claim_id,
      previousDate: r.prev_date,
      previousDaysSupply: r.prev_days,
      previousInstitutionId: r.prev_institution_id,
    });
  }
  return [...byKey.values()];
}

/** One case per patient and drug: the 90-day window from a fill in which the most days were drawn. */
export function fromSupply(rows: readonly SupplyRow[], cfg: MonitoringConfig): Candidate[] {
  const groups = new Map<string, SupplyRow[]>();
  for (const r of rows) {
    const k = `${r.district_code}|${r.patient_id}|${r.drug_code}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out: Candidate[] = [];
  for (const fills of groups.values()) {
    const peak = fills.reduce((a, b) => (Number(b.window_days) > Number(a.window_days) ? b : a));
    const factor = Number(peak.window_days) / 90;
    if (factor <= cfg.oversupplyFactor) continue;
    const end = addDays(peak.service_date, 89);
    const inWindow = fills.filter((f) => f.service_date >= peak.service_date && f.service_date <= end);
    out.push({
      districtCode: peak.district_code,
      kind: 'OVERSUPPLY_90D',
      evidenceKey: `OVERSUPPLY_90D:${peak.patient_id}:${peak.drug_code}:${peak.service_date}`,
      patientId: peak.patient_id,
      institutionId: null,
      claimIds: [...new Set(inWindow.map((f) => f.claim_id))],
      evidence: {
        drugCode: peak.drug_code,
        drugName: drugName(peak.drug_code),
        windowStart: peak.service_date,
        windowEnd: end,
        daysSupplied: Number(peak.window_days),
        factor: Math.round(factor * 100) / 100,
        threshold: cfg.oversupplyFactor,
        fundFen: inWindow.reduce((s, f) => s + Number(f.fund_fen), 0),
        fills: inWindow.map((f) => ({ claimId: f.claim_id, date: f.service_date, daysSupply: f.days_supply })),
      },
      occurredOn: inWindow.at(-1)!.service_date,
    });
  }
  return out;
}

interface Figure {
  row: InstitutionFigures;
  hitRate: number;
  fundPerPatient: number;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** the sample standard deviation: the peers are a sample of how such institutions behave */
const sd = (xs: readonly number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
};

/**
 * An institution stands out when its figure exceeds mean + k·sd of its peers — the other
 * institutions of the same level in the same district — and is well above their mean (outlierMinRatio). Leaving it out of its own comparison keeps
 * one extreme institution from raising the bar it is measured against (with itself included, a
 * group of five could never show a z-score above 1.8).
 */
export function outliers(rows: readonly InstitutionFigures[], cfg: MonitoringConfig, from: string, to: string): Candidate[] {
  const groups = new Map<string, Figure[]>();
  for (const row of rows) {
    if (Number(row.claims) < cfg.outlierMinClaims) continue;
    const k = `${row.district_code}|${row.level}`;
    const f = { row, hitRate: Number(row.hit_claims) / Number(row.claims), fundPerPatient: Number(row.fund_fen) / Math.max(1, Number(row.patients)) };
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  const out: Candidate[] = [];
  for (const group of groups.values()) {
    if (group.length - 1 < cfg.outlierMinPeers) continue;
    for (const me of group) {
      const peers = group.filter((g) => g !== me);
      for (const [kind, metric] of [
        ['INSTITUTION_HIT_RATE_OUTLIER', 'hitRate'],
        ['INSTITUTION_FUND_OUTLIER', 'fundPerPatient'],
      ] as const) {
        const values = peers.map((p) => p[metric]);
        const m = mean(values);
        const s = sd(values);
        const threshold = m + cfg.outlierSd * s;
        if (!(me[metric] > threshold && me[metric] >= m * cfg.outlierMinRatio && me[metric] > 0)) continue;
        const r = me.row;
        out.push({
          districtCode: r.district_code,
          kind,
          evidenceKey: `${kind}:${r.institution_id}:${from}:${to}`,
          patientId: null,
          institutionId: r.institution_id,
          claimIds: [],
          evidence: {
            metric,
            value: round(me[metric]),
            peerMean: round(m),
            peerSd: round(s),
            threshold: round(threshold),
            sdFactor: cfg.outlierSd,
            peers: peers.map((p) => p.row.institution_id),
            level: r.level,
            from,
            to,
            claims: Number(r.claims),
            hitClaims: Number(r.hit_claims),
            patients: Number(r.patients),
            fundFen: Number(r.fund_fen),
          },
          occurredOn: to,
        });
      }
    }
  }
  return out;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * A claim outside the signed family-doctor team's institution (OUTSIDE_SIGNED_TEAM), one case per
 * claim, citing the passage that makes the family doctor the gatekeeper.
 */
export function fromOutsideSignedTeam(rows: readonly OutsideTeamRow[], gatekeeper: Citation): Candidate[] {
  return rows.map((r) => ({
    districtCode: r.district_code,
    kind: 'OUTSIDE_SIGNED_TEAM',
    evidenceKey: `OUTSIDE_SIGNED_TEAM:${r.claim_id}`,
    patientId: r.patient_id,
    institutionId: r.institution_id,
    claimIds: [r.claim_id],
    evidence: {
      serviceDate: r.service_date,
      pathway: r.pathway,
      fundFen: Number(r.fund_fen),
      signingId: r.signing_id,
      signedInstitutionId: r.signed_institution_id,
      teamCode: r.team_code,
      teamName: r.team_name,
      citation: `${gatekeeper.document} ${gatekeeper.section}${gatekeeper.note ? `：${gatekeeper.note}` : ''}`,
      messageZh: `在签约家庭医生团队（${r.team_name}）所在机构以外就医配药`,
      messageEn: `dispensed outside the institution of the signed family-doctor team (${r.team_code})`,
    },
    occurredOn: r.service_date,
  }));
}

const yuan = (fen: number) => (fen / 100).toFixed(2);
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/**
 * An institution whose claim lines of the period went over the payment standard in more than the
 * configured share of its lines (OVER_PAYMENT_STANDARD_SHARE), one case per institution and period,
 * citing the section that sets the standard (W 四(一)). The share and the minimum of lines are the
 * bureau's (monitoring.overStandardShare, monitoring.overStandardMinLines): the text gives neither.
 * No claims are behind the case (its claims were paid on the standard already; the excess was the
 * patient's): they are counted in the evidence, and a confirmed case reverses nothing.
 */
export function fromOverStandard(rows: readonly OverStandardRow[], cfg: MonitoringConfig, standard: Citation, from: string, to: string): Candidate[] {
  const out: Candidate[] = [];
  for (const r of rows) {
    const lines = Number(r.lines);
    const over = Number(r.over_lines);
    if (lines < cfg.overStandardMinLines || over === 0) continue;
    const share = over / lines;
    if (!(share > cfg.overStandardShare)) continue;
    const overAmountFen = Number(r.over_amount_fen);
    out.push({
      districtCode: r.district_code,
      kind: 'OVER_PAYMENT_STANDARD_SHARE',
      evidenceKey: `OVER_PAYMENT_STANDARD_SHARE:${r.institution_id}:${from}:${to}`,
      patientId: null,
      institutionId: r.institution_id,
      claimIds: [],
      evidence: {
        from,
        to,
        lines,
        overLines: over,
        overClaims: Number(r.over_claims),
        share: round(share),
        threshold: cfg.overStandardShare,
        minLines: cfg.overStandardMinLines,
        overAmountFen,
        fundFen: Number(r.over_fund_fen),
        citation: `${standard.document} ${standard.section}`,
        thresholdSource: 'set by the bureau (monitoring.overStandardShare): the text sets the payment standard and no share',
        messageZh: `${from}至${to}，本机构${lines}条结算明细中有${over}条（${percent(share)}）的价格高于医保支付标准，超过预警比例${percent(cfg.overStandardShare)}（比例由医保部门设定）；这些明细申报${yuan(overAmountFen)}元，基金按支付标准支付，超出部分由患者负担`,
        messageEn: `${over} of ${lines} claim lines (${percent(share)}) went over the payment standard, more than the configured ${percent(cfg.overStandardShare)}`,
      },
      occurredOn: to,
    });
  }
  return out;
}
