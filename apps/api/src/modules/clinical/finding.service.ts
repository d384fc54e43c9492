/**
 * Clinical findings that catalogue restrictions check (附件3 rows 33/44/45, 附件4 rows 5/10, 限二线用药),
 * with their dated history: a finding is in force from recordedOn through validUntil and stops the
 * day it is retracted. Claims read what is in force on their service date; a claim already decided
 * keeps its decision (a retraction dated before it does not re-decide it — the what-if shows the
 * difference). Also the read of a patient's clinical record.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, isIsoDate, resolveRuleSet, type ClinicalFinding } from '@liangbing/policy';
import { exec } from '../../db/sql';
import type { Scope } from '../../auth/scope';
import { badInput, conflict, InputProblems, notFound } from '../../errors';
import { audit } from '../audit/audit';
import type { PolicyOverrides } from '../catalogue/policy-overrides';
import { findPatient } from '../patients/patient.queries';
import { entriesUsing, FINDING_CODES, findingCode } from './finding-codes';
import {
  findingByKey,
  findingById,
  findingsList,
  insertFinding,
  institutionsById,
  prescriptionsOf,
  referralsList,
  retract,
  type FindingRow,
  type PrescriptionRow,
  type ReferralRow,
} from './clinical.repository';
import type { ClinicalService } from './clinical.service';
import { findingsOn } from './in-force';
import { ID, pastDate, text, UUID } from './clinical.validation';

export interface FindingRequest {
  patientId: string;
  code: string;
  recordedOn: string;
  institutionId: string;
  source: string;
  validUntil?: string | null;
}

export interface ClinicalRecord {
  districtCode: string;
  patientId: string;
  prescriptions: PrescriptionRow[];
  referrals: ReferralRow[];
  findings: FindingRow[];
  /** the codes in force on `on` */
  findingsInForce: readonly ClinicalFinding[];
  on: string;
}

export interface FindingCodeUse {
  code: ClinicalFinding;
  labelZh: string;
  labelEn: string;
  source: string;
  /** the catalogue entries in force whose restriction the finding can meet */
  drugs: { drugCode: string; nameZh: string; restriction: string }[];
}

const ALLOWED = FINDING_CODES.map((f) => f.code).join(', ');

export class FindingService {
  constructor(
    private readonly clinical: ClinicalService,
    private readonly policy: PolicyOverrides,
    private readonly today: () => string,
  ) {}

  async record(em: EntityManager, scope: Scope, req: FindingRequest): Promise<{ finding: FindingRow; replayed: boolean }> {
    const p = new InputProblems();
    if (findingCode(req.code) === undefined) {
      // Diabetes type is the diagnosis's (registerPatient diseases[].diabetesType), not a finding.
      p.add(
        'input.code',
        `unknown finding ${req.code.slice(0, 60)}; allowed: ${ALLOWED} (type 1 / type 2 diabetes is the diagnosis's diabetesType)`,
        `未知临床所见；可用：${ALLOWED}（糖尿病分型见诊断的 diabetesType）`,
      );
    }
    const dated = pastDate(p, 'input.recordedOn', req.recordedOn, this.today());
    const validUntil = req.validUntil ?? null;
    if (validUntil !== null && !isIsoDate(validUntil)) p.add('input.validUntil', 'must be a calendar date YYYY-MM-DD', '须为有效日期');
    else if (validUntil !== null && dated && validUntil < req.recordedOn) p.add('input.validUntil', 'is before recordedOn', '早于记录日期');
    if (!ID.test(req.institutionId)) p.add('input.institutionId', 'is not a valid id', '不是有效的编号');
    text(p, 'input.source', req.source, 200);
    p.throwIfAny();

    const patient = await this.clinical.patientFor(em, scope, req.patientId);
    scope.assertClinicalWrite(patient.districtCode, patient.cityCode, req.institutionId);
    if (!(await institutionsById(em, [req.institutionId])).has(req.institutionId)) throw badInput('input.institutionId', 'unknown institution', '未知机构');
    const row = {
      districtCode: patient.districtCode,
      patientId: req.patientId,
      code: req.code,
      recordedOn: req.recordedOn,
      validUntil,
      institutionId: req.institutionId,
      source: req.source,
      recordedBy: scope.viewer.userId,
    };
    return em.transactional(async (tem) => {
      const stored = await insertFinding(tem, row);
      if (stored === null) {
        const found = (await findingByKey(tem, patient.districtCode, req.patientId, req.code, req.recordedOn))!;
        if (found.validUntil !== validUntil || found.institutionId !== req.institutionId || found.source !== req.source) {
          throw conflict('This finding was recorded on that day with different content', '该日已登记内容不同的同一临床所见', { findingId: found.id });
        }
        return { finding: found, replayed: true };
      }
      await audit(tem, scope.viewer, patient.districtCode, 'finding.record', 'clinical_finding', stored.id, {
        code: req.code,
        recordedOn: req.recordedOn,
        validUntil,
        institutionId: req.institutionId,
      });
      return { finding: stored, replayed: false };
    });
  }

  /** Ends a finding from `retractedOn` (on the day it was recorded: it was never in force). History is kept. */
  async retract(em: EntityManager, scope: Scope, findingId: string, retractedOn: string, reason: string): Promise<FindingRow> {
    const p = new InputProblems();
    pastDate(p, 'retractedOn', retractedOn, this.today());
    text(p, 'reason', reason, 500);
    p.throwIfAny();
    const found = UUID.test(findingId) ? await findingById(em, scope.clinicalWriteDistricts(), findingId) : null;
    if (found === null) throw notFound('finding', findingId);
    const [home] = await exec<{ city_code: string }>(em, `select city_code from regions where code = ?`, [found.districtCode]);
    scope.assertClinicalWrite(found.districtCode, home!.city_code, found.institutionId);
    return em.transactional(async (tem) => {
      const current = (await findingById(tem, [found.districtCode], findingId, true))!;
      if (current.retractedOn !== null) throw conflict('The finding is already retracted', '该临床所见已撤销', { findingId, retractedOn: current.retractedOn });
      if (retractedOn < current.recordedOn) throw badInput('retractedOn', `is before the finding was recorded (${current.recordedOn})`, '早于记录日期');
      const after = await retract(tem, current, retractedOn, reason, scope.viewer.userId);
      await audit(tem, scope.viewer, current.districtCode, 'finding.retract', 'clinical_finding', findingId, {
        code: current.code,
        recordedOn: current.recordedOn,
        retractedOn,
        reason,
      });
      return after;
    });
  }

  /** A patient's prescriptions, referrals and findings, read as the patient is (an operator: its designated patients). */
  async recordOf(em: EntityManager, scope: Scope, patientId: string, on: string | null): Promise<ClinicalRecord> {
    const date = on ?? this.today();
    if (!isIsoDate(date)) throw badInput('on', 'must be a calendar date YYYY-MM-DD', '须为有效日期');
    const found = ID.test(patientId) ? await findPatient(em, scope.readableDistricts(), patientId) : null;
    if (found === null || (scope.institutionOnly !== null && found.designatedInstitutionId !== scope.institutionOnly)) throw notFound('patient', patientId);
    const [prescriptions, referrals, findings] = await Promise.all([
      prescriptionsOf(em, found.districtCode, patientId),
      referralsList(em, found.districtCode, patientId),
      findingsList(em, found.districtCode, patientId),
    ]);
    const spans = findings
      .filter((f) => f.retractedOn === null || f.retractedOn > f.recordedOn)
      .map((f) => ({
        code: f.code as ClinicalFinding,
        from: f.recordedOn,
        to: minDate(f.validUntil, f.retractedOn === null ? null : addDays(f.retractedOn, -1)),
      }));
    return { districtCode: found.districtCode, patientId, prescriptions, referrals, findings, findingsInForce: findingsOn(spans, date), on: date };
  }

  /** The finding codes, each with the drugs of the city's catalogue in force on `date` whose restriction it can meet. */
  async codes(em: EntityManager, cityCode: string, date: string): Promise<FindingCodeUse[]> {
    if (!isIsoDate(date)) throw badInput('date', 'must be a calendar date YYYY-MM-DD', '须为有效日期');
    const r = resolveRuleSet(cityCode, date, { overrides: await this.policy.current(em) });
    if (r.status !== 'in_force') throw badInput('cityCode', `no rule set of city ${cityCode} is in force on ${date}`, '该市当日无在施政策');
    return FINDING_CODES.map((f) => ({
      ...f,
      drugs: entriesUsing(r.ruleSet, f.code).map((e) => ({ drugCode: e.drugCode, nameZh: e.drug.nameZh, restriction: e.restriction!.text })),
    }));
  }
}

function minDate(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}
