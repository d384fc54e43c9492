/**
 * The insured person's notices (#20 part 1): a claim's, from its stored decision and trace, and
 * the year's, from its claims and the ledger. The wording is the policy core's (renderClaimNotice,
 * renderYearNotice); here the inputs are read: the claim's lines, the year's position by the
 * core's cap arithmetic (capStanding, as year-summary.ts), and the person as the viewer may see
 * them (present(): masked unless unmasked for the role, and every unmasked read audited).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  capStanding,
  renderClaimNotice,
  renderYearNotice,
  resolveRuleSet,
  type Decision,
  type Notice,
  type NoticePerson,
  type RuleSetOverride,
  type YearPosition,
} from '@liangbing/policy';
import type { Scope } from '../../auth/scope';
import { exec } from '../../db/sql';
import { badInput } from '../../errors';
import { findPatient, present, yearRecords, type PatientRecord } from '../patients/patient.queries';
import type { StoredLine } from './claim.repository';
import { asOfDay } from './year-summary';

export interface YearStanding {
  position: YearPosition;
  ruleSetId: string | null;
  toleranceDays: number | null;
  supplyLastsUntil: string | null;
}

/** The patient's standing in a year as of its day (today within it), by the rule set and overrides in force that day. */
export async function yearStanding(
  em: EntityManager,
  overrides: readonly RuleSetOverride[],
  districtCode: string,
  patientId: string,
  year: number,
  today: string,
): Promise<YearStanding> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', 'must be a year 2000–2100', '年份须在2000–2100之间');
  const asOf = asOfDay(year, today);
  const r = await yearRecords(em, districtCode, patientId, year, asOf);
  const resolution = r.cityCode === null ? null : resolveRuleSet(r.cityCode, asOf, { overrides });
  const rs = resolution?.status === 'in_force' ? resolution.ruleSet : null;
  const cap = rs === null ? null : capStanding(rs, r.certifiedDiseases, r.fundPaidFen, r.generalOutpatientFundFen);
  const both = r.certifiedDiseases.includes('hypertension') && r.certifiedDiseases.includes('diabetes');
  const capParam = rs === null ? null : both ? rs.parameters.capBothDiseasesFen : rs.parameters.capOneDiseaseFen;
  return {
    position: {
      year,
      asOf,
      capFen: cap?.capFen ?? null,
      usedFen: cap?.usedFen ?? r.fundPaidFen,
      remainingFen: cap?.remainingFen ?? null,
      fundPaidFen: r.fundPaidFen,
      generalOutpatientFundFen: r.generalOutpatientFundFen,
      capIncludesGeneralOutpatient: rs?.parameters.capIncludesGeneralOutpatient.value === true,
      capCitation: capParam === null || capParam.value === null ? null : capParam.citation,
    },
    ruleSetId: rs?.definition.id ?? null,
    toleranceDays: rs?.parameters.earlyRefillToleranceDays.value ?? null,
    supplyLastsUntil: r.nextRefillDate,
  };
}

async function person(em: EntityManager, scope: Scope, districtCode: string, patientId: string, action: string, today: string): Promise<NoticePerson | null> {
  const found = await findPatient(em, [districtCode], patientId);
  if (found === null) return null;
  const [shown] = await present(em, scope, [found], action, today);
  return shown === undefined ? null : { name: shown.name, residentId: shown.residentId };
}

export interface NoticeClaimRow {
  id: string;
  districtCode: string;
  patientId: string;
  serviceDate: string;
  reversedAt: string | null;
}

export async function claimNotice(
  em: EntityManager,
  scope: Scope,
  overrides: readonly RuleSetOverride[],
  claim: NoticeClaimRow,
  decision: Decision,
  lines: readonly StoredLine[],
  institutionName: string | null,
  today: string,
): Promise<Notice> {
  const year = Number(claim.serviceDate.slice(0, 4));
  const [standing, shown] = [
    await yearStanding(em, overrides, claim.districtCode, claim.patientId, year, today),
    await person(em, scope, claim.districtCode, claim.patientId, 'claim.notice', today),
  ];
  return renderClaimNotice({
    decision,
    claim: {
      serviceDate: claim.serviceDate,
      institutionName,
      lines: lines.map((l) => ({ lineNo: l.lineNo, drugCode: l.drugCode, quantity: l.quantity, daysSupply: l.daysSupply })),
      reversedOn: claim.reversedAt === null ? null : claim.reversedAt.slice(0, 10),
    },
    year: standing.position,
    person: shown,
  });
}

/** The year's notice of a patient already read (and presented) by the patient query. */
export async function yearNotice(
  em: EntityManager,
  overrides: readonly RuleSetOverride[],
  p: Pick<PatientRecord, 'districtCode' | 'id' | 'name' | 'residentId'>,
  year: number,
  today: string,
): Promise<Notice> {
  const standing = await yearStanding(em, overrides, p.districtCode, p.id, year, today);
  const claims = await exec<{ service_date: string; amount_fen: string; fund_fen: string; patient_fen: string; status: string }>(
    em,
    `select to_char(service_date, 'YYYY-MM-DD') as service_date, amount_fen, fund_fen, patient_fen, status
       from claims where district_code = ? and patient_id = ? and service_date >= ?::date and service_date <= ?::date order by service_date, id`,
    [p.districtCode, p.id, `${year}-01-01`, `${year}-12-31`],
  );
  return renderYearNotice({
    year,
    ruleSetId: standing.ruleSetId,
    position: standing.position,
    claims: claims.map((c) => ({
      serviceDate: c.service_date,
      amountFen: Number(c.amount_fen),
      fundFen: Number(c.fund_fen),
      patientFen: Number(c.patient_fen),
      reversed: c.status === 'reversed',
    })),
    supplyLastsUntil: standing.supplyLastsUntil,
    earlyRefillToleranceDays: standing.toleranceDays,
    person: { name: p.name, residentId: p.residentId },
  });
}
