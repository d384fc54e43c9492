/**
 * The same checks written for json-rules-engine, the generic rules engine a team would otherwise
 * reach for: facts (static, and dynamic facts computed from the claim, the patient and the
 * reference data) and rules with JSONPath conditions and events. It uses the same reference data
 * as the core (rule-set parameters, the compiled catalogue, the drug table) and covers what the
 * benchmark mix exercises: eligibility, certification, the general-outpatient-first rule, the
 * designated / authorised institution, referral and extension prescriptions, catalogue membership
 * and village scope, the disease certified, the chronic-programme exclusion, restrictions,
 * duplicate dispensing, long prescriptions, over-quantity, ACEI + ARB, and the ratio and cap.
 *
 * The engine runs once for the claim-level rules, once per line for the line rules, and once for
 * the cap; the amounts follow from the events exactly as in the core, so that the benchmark can
 * check that both agree on what the fund pays before it compares their speed.
 */
import { Engine, type Almanac, type RuleProperties } from 'json-rules-engine';
import {
  addMonths,
  DRUG_FACTS,
  isPrimaryLevel,
  isVillageLevel,
  proRata,
  resolveRuleSet,
  shareOf,
  toDay,
  type ClaimInput,
  type ClaimLineInput,
  type CompiledRuleSet,
  type PatientYear,
  type RuleSetOverride,
} from '../src/index';
import type { CatalogueEntry } from '../src/catalogue/compile';

export interface JreDecision {
  readonly fundFen: number;
  readonly compliantFen: number;
  readonly codes: readonly string[];
}

type Facts = Record<string, unknown>;
const fact = <T>(almanac: Almanac, id: string) => almanac.factValue<T>(id);

const reject = (code: string, conditions: RuleProperties['conditions'], priority = 1): RuleProperties => ({
  name: code,
  priority,
  conditions,
  event: { type: 'reject', params: { code } },
});
const reduce = (code: string, conditions: RuleProperties['conditions']): RuleProperties => ({
  name: code,
  conditions,
  event: { type: 'reduce', params: { code } },
});
const warn = (code: string, conditions: RuleProperties['conditions']): RuleProperties => ({
  name: code,
  conditions,
  event: { type: 'warning', params: { code } },
});
const is = (f: string, path: string, value: unknown) => ({ fact: f, path, operator: 'equal', value });

function claimEngine(): Engine {
  const e = new Engine([], { allowUndefinedFacts: true });
  e.addRule(reject('SCHEME_NOT_RESIDENT', { all: [{ fact: 'patient', path: '$.scheme', operator: 'notEqual', value: 'resident' }] }));
  e.addRule(reject('NOT_CERTIFIED', { all: [{ fact: 'certified', operator: 'equal', value: false }] }));
  e.addRule(
    reject('GENERAL_OUTPATIENT_NOT_EXHAUSTED', {
      all: [is('params', '$.generalOutpatientFirst', true), is('patient', '$.generalOutpatient.exhausted', false)],
    }),
  );
  e.addRule(
    reject('PARAMETER_NOT_CONFIGURED', {
      all: [
        { fact: 'pathwayProvided', operator: 'equal', value: true },
        { fact: 'configured', operator: 'equal', value: false },
      ],
    }),
  );
  e.addRule(reject('PATHWAY_NOT_AVAILABLE', { all: [{ fact: 'pathwayProvided', operator: 'equal', value: false }] }));
  e.addRule(
    reject('INSTITUTION_NOT_INSURANCE_DESIGNATED', {
      all: [{ fact: 'pathwayProvided', operator: 'equal', value: true }, is('claim', '$.institution.insuranceDesignated', false)],
    }),
  );
  e.addRule(
    reject('INSTITUTION_OUT_OF_CITY', {
      all: [
        { fact: 'pathwayProvided', operator: 'equal', value: true },
        { fact: 'claim', path: '$.pathway', operator: 'notIn', value: ['out_of_area', 'emergency'] },
        { fact: 'institutionInCity', operator: 'equal', value: false },
      ],
    }),
  );
  e.addRule(
    reject('NOT_DESIGNATED_INSTITUTION', {
      all: [
        is('params', '$.designatedInstitutionRequired', true),
        is('claim', '$.pathway', 'designated'),
        { fact: 'atDesignated', operator: 'equal', value: false },
      ],
    }),
  );
  e.addRule(
    reject('INSTITUTION_NOT_AUTHORISED', {
      all: [
        is('params', '$.designatedInstitutionRequired', false),
        is('claim', '$.pathway', 'designated'),
        is('claim', '$.institution.canTreatTwoDiseases', false),
      ],
    }),
  );
  e.addRule(
    reject('REFERRAL_MISSING', {
      all: [{ fact: 'pathwayProvided', operator: 'equal', value: true }, is('claim', '$.pathway', 'referral'), is('claim', '$.referral', null)],
    }),
  );
  e.addRule(
    reject('REFERRAL_AFTER_SERVICE', { all: [is('claim', '$.pathway', 'referral'), { fact: 'referralAfterService', operator: 'equal', value: true }] }),
  );
  e.addRule(
    reject('REFERRAL_NOT_FROM_DESIGNATED', {
      all: [
        is('params', '$.designatedInstitutionRequired', true),
        is('claim', '$.pathway', 'referral'),
        { fact: 'referralFromDesignated', operator: 'equal', value: false },
      ],
    }),
  );
  e.addRule(
    reject('REFERRAL_TARGET_LEVEL', {
      all: [
        is('params', '$.designatedInstitutionRequired', false),
        { fact: 'pathwayProvided', operator: 'equal', value: true },
        is('claim', '$.pathway', 'referral'),
        { fact: 'institutionPrimary', operator: 'equal', value: true },
      ],
    }),
  );
  const extension = (code: string, condition: Record<string, unknown>) =>
    reject(code, { all: [{ fact: 'pathwayProvided', operator: 'equal', value: true }, is('claim', '$.pathway', 'extension'), condition as never] });
  e.addRule(extension('EXTENSION_NOT_PRIMARY', { fact: 'institutionPrimary', operator: 'equal', value: false }));
  e.addRule(extension('EXTENSION_UNSTABLE', { fact: 'claim', path: '$.conditionStable', operator: 'equal', value: false }));
  e.addRule(extension('EXTENSION_NO_SOURCE', { fact: 'claim', path: '$.sourcePrescription', operator: 'equal', value: null }));
  e.addRule(extension('EXTENSION_SOURCE_LEVEL', { fact: 'sourceLevelPrimary', operator: 'equal', value: true }));
  e.addRule(extension('EXTENSION_SOURCE_FUTURE', { fact: 'sourceAge', operator: 'equal', value: 'future' }));
  e.addRule(extension('EXTENSION_SOURCE_EXPIRED', { fact: 'sourceAge', operator: 'equal', value: 'expired' }));

  e.addFact('certified', async (_p, a) => {
    const claim = await fact<ClaimInput>(a, 'claim');
    const c = (await fact<PatientYear>(a, 'patient')).certification;
    return c !== null && c.certifiedOn <= claim.serviceDate && (c.revokedOn === null || c.revokedOn > claim.serviceDate);
  });
  e.addFact('pathwayProvided', async (_p, a) => {
    const rs = await fact<CompiledRuleSet>(a, 'ruleSet');
    return rs.definition.pathways[(await fact<ClaimInput>(a, 'claim')).pathway] !== undefined;
  });
  e.addFact('configured', async (_p, a) => {
    const p = await fact<Facts>(a, 'params');
    const ratio = p[`ratio_${(await fact<ClaimInput>(a, 'claim')).pathway}`];
    return ratio !== null && p['capOneDiseaseFen'] !== null && p['capBothDiseasesFen'] !== null && p['deductibleFen'] !== null;
  });
  e.addFact('institutionInCity', async (_p, a) => {
    const claim = await fact<ClaimInput>(a, 'claim');
    return claim.institution.cityCode === claim.cityCode;
  });
  e.addFact('institutionPrimary', async (_p, a) => isPrimaryLevel((await fact<ClaimInput>(a, 'claim')).institution.level));
  e.addFact('atDesignated', async (_p, a) => {
    const claim = await fact<ClaimInput>(a, 'claim');
    const patient = await fact<PatientYear>(a, 'patient');
    const d = patient.designations.find((x) => x.from <= claim.serviceDate && (x.to === null || x.to >= claim.serviceDate));
    return d !== undefined && (d.institutionId === claim.institution.id || (d.consortiumId !== null && d.consortiumId === claim.institution.consortiumId));
  });
  e.addFact('referralAfterService', async (_p, a) => {
    const claim = await fact<ClaimInput>(a, 'claim');
    return claim.referral !== null && claim.referral.issuedOn > claim.serviceDate;
  });
  e.addFact('referralFromDesignated', async (_p, a) => {
    const claim = await fact<ClaimInput>(a, 'claim');
    const patient = await fact<PatientYear>(a, 'patient');
    const ref = claim.referral;
    if (ref === null) return true;
    const d = patient.designations.find((x) => x.from <= ref.issuedOn && (x.to === null || x.to >= ref.issuedOn));
    return d !== undefined && d.institutionId === ref.fromInstitutionId;
  });
  e.addFact('sourceLevelPrimary', async (_p, a) => {
    const src = (await fact<ClaimInput>(a, 'claim')).sourcePrescription;
    return src !== null && isPrimaryLevel(src.institutionLevel);
  });
  e.addFact('sourceAge', async (_p, a) => {
    const claim = await fact<ClaimInput>(a, 'claim');
    const months = (await fact<Facts>(a, 'params'))['extensionPrescriptionValidMonths'] as number | null;
    const src = claim.sourcePrescription;
    if (src === null) return 'none';
    if (src.issuedOn > claim.serviceDate) return 'future';
    return months !== null && addMonths(src.issuedOn, months) < claim.serviceDate ? 'expired' : 'valid';
  });
  return e;
}

function lineEngine(): Engine {
  const e = new Engine([], { allowUndefinedFacts: true });
  e.addRule(reject('DRUG_NOT_IN_CATALOGUE', { all: [{ fact: 'entry', operator: 'equal', value: null }] }));
  e.addRule(
    reject('FORM_NOT_IN_CATALOGUE', {
      all: [
        { fact: 'entry', operator: 'notEqual', value: null },
        { fact: 'formListed', operator: 'equal', value: false },
      ],
    }),
  );
  e.addRule(
    reject('VILLAGE_SCOPE', {
      all: [
        { fact: 'formListed', operator: 'equal', value: true },
        { fact: 'village', operator: 'equal', value: true },
        { fact: 'formVillage', operator: 'equal', value: false },
      ],
    }),
  );
  e.addRule(reject('DISEASE_NOT_CERTIFIED', { all: [{ fact: 'diseaseCertified', operator: 'equal', value: false }] }));
  e.addRule(
    reject('COVERED_BY_CHRONIC_PROGRAMME', {
      all: [is('params', '$.chronicProgrammeMembersExcluded', true), { fact: 'inChronicProgramme', operator: 'equal', value: true }],
    }),
  );
  e.addRule(reject('RESTRICTION_NOT_MET', { all: [{ fact: 'restrictionMet', operator: 'equal', value: false }] }));
  e.addRule(reject('EXTENSION_DRUG_NOT_PRESCRIBED', { all: [{ fact: 'onSourcePrescription', operator: 'equal', value: false }] }));
  e.addRule(
    reject('DUPLICATE_DISPENSING', {
      any: [
        { fact: 'overlapDays', operator: 'greaterThan', value: { fact: 'params', path: '$.earlyRefillToleranceDays' } },
        { fact: 'sameSubstanceEarlierInClaim', operator: 'equal', value: true },
      ],
    }),
  );
  e.addRule(
    reduce('LONG_PRESCRIPTION_EXCEEDED', {
      all: [{ fact: 'line', path: '$.daysSupply', operator: 'greaterThan', value: { fact: 'params', path: '$.longPrescriptionMaxDays' } }],
    }),
  );
  e.addRule(reduce('OVER_QUANTITY', { all: [{ fact: 'line', path: '$.quantity', operator: 'greaterThan', value: { fact: 'allowedUnits' } }] }));
  e.addRule(warn('IRRATIONAL_COMBINATION', { all: [{ fact: 'raasConflict', operator: 'equal', value: true }] }));

  const entryOf = async (a: Almanac) => fact<CatalogueEntry | null>(a, 'entry');
  e.addFact(
    'entry',
    async (_p, a) => (await fact<CompiledRuleSet>(a, 'ruleSet')).catalogue.entries.get((await fact<ClaimLineInput>(a, 'line')).drugCode) ?? null,
  );
  e.addFact('form', async (_p, a) => {
    const entry = await entryOf(a);
    if (entry === null) return null;
    return (await fact<ClaimLineInput>(a, 'line')).form === 'oral' ? entry.oral : entry.injection;
  });
  e.addFact('formListed', async (_p, a) => (await fact(a, 'form')) !== null);
  e.addFact('formVillage', async (_p, a) => (await fact<{ villageLevel: boolean } | null>(a, 'form'))?.villageLevel === true);
  e.addFact('diseaseCertified', async (_p, a) => {
    const entry = await entryOf(a);
    const certified = await fact<readonly string[]>(a, 'certifiedDiseases');
    return entry === null || certified.length === 0 || certified.includes(entry.disease);
  });
  e.addFact('inChronicProgramme', async (_p, a) => {
    const entry = await entryOf(a);
    return entry !== null && (await fact<PatientYear>(a, 'patient')).chronicProgrammeDiseases.includes(entry.disease);
  });
  e.addFact('restrictionMet', async (_p, a) => {
    const entry = await entryOf(a);
    if (entry === null || entry.restriction === null) return true;
    const patient = await fact<PatientYear>(a, 'patient');
    const claim = await fact<ClaimInput>(a, 'claim');
    const index = await fact<number>(a, 'index');
    const firstLine = (code: string) => {
      if (code === entry.drugCode) return false;
      const d = DRUG_FACTS.get(code)?.drug;
      return d !== undefined && d.firstLine === true && d.disease === entry.disease;
    };
    return entry.restriction.anyOf.some((all) =>
      all.every((c) => {
        switch (c.kind) {
          case 'diabetes_type':
            return patient.diseases.some((d) => d.disease === 'diabetes' && d.diabetesType === c.type);
          case 'finding':
            return patient.findings.includes(c.finding);
          case 'at_first_fill':
            return patient.priorDrugCodes.includes(entry.drugCode) || patient.findings.includes(c.finding);
          case 'second_line':
            return (
              patient.findings.includes('first_line_contraindicated') ||
              patient.priorDrugCodes.some(firstLine) ||
              claim.lines.some((l, j) => j !== index && firstLine(l.drugCode))
            );
        }
      }),
    );
  });
  e.addFact('onSourcePrescription', async (_p, a) => {
    const claim = await fact<ClaimInput>(a, 'claim');
    const rs = await fact<CompiledRuleSet>(a, 'ruleSet');
    if (claim.pathway !== 'extension' || rs.definition.pathways.extension === undefined || claim.sourcePrescription === null) return true;
    return claim.sourcePrescription.drugCodes.includes((await fact<ClaimLineInput>(a, 'line')).drugCode);
  });
  const components = (code: string) => DRUG_FACTS.get(code)?.drug.components ?? [code];
  const shares = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));
  e.addFact('overlapDays', async (_p, a) => {
    const claim = await fact<ClaimInput>(a, 'claim');
    const patient = await fact<PatientYear>(a, 'patient');
    const line = await fact<ClaimLineInput>(a, 'line');
    const day = toDay(claim.serviceDate);
    const mine = components(line.drugCode);
    let worst = 0;
    for (const h of patient.history) {
      const start = toDay(h.date);
      if (start <= day && start + h.daysSupply - day > worst && shares(mine, components(h.drugCode))) worst = start + h.daysSupply - day;
    }
    return worst;
  });
  e.addFact('sameSubstanceEarlierInClaim', async (_p, a) => {
    const claim = await fact<ClaimInput>(a, 'claim');
    const index = await fact<number>(a, 'index');
    const mine = components(claim.lines[index]!.drugCode);
    return claim.lines.slice(0, index).some((l) => shares(mine, components(l.drugCode)));
  });
  e.addFact('allowedUnits', async (_p, a) => {
    const line = await fact<ClaimLineInput>(a, 'line');
    const d = DRUG_FACTS.get(line.drugCode)?.drug;
    return d === undefined ? Number.POSITIVE_INFINITY : Math.floor(d.maxUnitsPerDay * line.daysSupply + 1e-9);
  });
  e.addFact('raasConflict', async (_p, a) => {
    const claim = await fact<ClaimInput>(a, 'claim');
    const patient = await fact<PatientYear>(a, 'patient');
    const index = await fact<number>(a, 'index');
    const rs = await fact<CompiledRuleSet>(a, 'ruleSet');
    const day = toDay(claim.serviceDate);
    let seen =
      patient.history
        .map((h) => ({ raas: DRUG_FACTS.get(h.drugCode)?.raas ?? null, on: toDay(h.date) + h.daysSupply > day }))
        .find((x) => x.raas !== null && x.on)?.raas ?? null;
    let conflict = false;
    for (let j = 0; j <= index; j++) {
      const code = claim.lines[j]!.drugCode;
      const raas = rs.catalogue.entries.has(code) ? (DRUG_FACTS.get(code)?.raas ?? null) : null;
      if (raas === null) continue;
      const here = seen !== null && seen !== raas && !conflict;
      if (here) {
        if (j === index) return true;
        conflict = true;
      }
      seen ??= raas;
    }
    return false;
  });
  return e;
}

function capEngine(): Engine {
  const e = new Engine([], { allowUndefinedFacts: true });
  e.addRule({
    name: 'CAP_REACHED',
    conditions: { all: [{ fact: 'totalShare', operator: 'greaterThan', value: { fact: 'capLeft' } }] },
    event: { type: 'reduce', params: { code: 'CAP_REACHED' } },
  });
  e.addFact('capLeft', async (_p, a) => {
    const p = await fact<Facts>(a, 'params');
    const patient = await fact<PatientYear>(a, 'patient');
    const certified = await fact<readonly string[]>(a, 'certifiedDiseases');
    const cap = (certified.includes('hypertension') && certified.includes('diabetes') ? p['capBothDiseasesFen'] : p['capOneDiseaseFen']) as number | null;
    const used = patient.fundPaidFen + (p['capIncludesGeneralOutpatient'] === true ? patient.generalOutpatient.fundPaidFen : 0);
    return Math.max(0, (cap ?? 0) - used);
  });
  e.addFact('totalShare', async (_p, a) => (await fact<readonly number[]>(a, 'shares')).reduce((x, y) => x + y, 0));
  return e;
}

/** The rule-set parameters as plain facts, with the pathway ratios by pathway name. */
function paramsOf(rs: CompiledRuleSet): Facts {
  const p = rs.parameters;
  const out: Facts = {};
  for (const [name, r] of Object.entries(p)) out[name] = r.value;
  out['ratio_designated'] = p.ratioDesignatedBp.value;
  out['ratio_referral'] = p.ratioReferralBp.value;
  out['ratio_emergency'] = p.ratioEmergencyBp.value;
  out['ratio_out_of_area'] = p.ratioOutOfAreaBp.value;
  out['ratio_extension'] = p.ratioExtensionBp.value;
  return out;
}

export class JsonRulesEngineAdjudicator {
  private readonly claims = claimEngine();
  private readonly lines = lineEngine();
  private readonly cap = capEngine();
  private readonly params = new WeakMap<CompiledRuleSet, Facts>();

  async adjudicate(claim: ClaimInput, patient: PatientYear, overrides: readonly RuleSetOverride[]): Promise<JreDecision | null> {
    const r = resolveRuleSet(claim.cityCode, claim.serviceDate, { overrides });
    if (r.status !== 'in_force') return null;
    const ruleSet = r.ruleSet;
    let params = this.params.get(ruleSet);
    if (params === undefined) {
      params = paramsOf(ruleSet);
      this.params.set(ruleSet, params);
    }
    const c = patient.certification;
    const certifiedDiseases = c !== null && c.certifiedOn <= claim.serviceDate && (c.revokedOn === null || c.revokedOn > claim.serviceDate) ? c.diseases : [];
    const base = { claim, patient, ruleSet, params, certifiedDiseases };

    const claimResult = await this.claims.run(base);
    const codes = claimResult.events.map((e) => String(e.params?.['code']));
    const payable = codes.length === 0;
    const village = ruleSet.definition.villageScope && isVillageLevel(claim.institution.level);

    const compliant: number[] = [];
    for (let i = 0; i < claim.lines.length; i++) {
      const line = claim.lines[i]!;
      const { events } = await this.lines.run({ ...base, line, index: i, village });
      let lineCompliant = line.amountFen;
      for (const ev of events) {
        const code = String(ev.params?.['code']);
        codes.push(code);
        if (ev.type === 'reject') lineCompliant = 0;
      }
      for (const ev of events) {
        if (ev.params?.['code'] === 'LONG_PRESCRIPTION_EXCEEDED')
          lineCompliant = proRata(lineCompliant, params['longPrescriptionMaxDays'] as number, line.daysSupply);
      }
      for (const ev of events) {
        if (ev.params?.['code'] === 'OVER_QUANTITY') {
          const d = DRUG_FACTS.get(line.drugCode)!.drug;
          const allowed = Math.floor(d.maxUnitsPerDay * line.daysSupply + 1e-9);
          lineCompliant = proRata(lineCompliant, allowed, line.quantity);
        }
      }
      compliant.push(payable ? lineCompliant : 0);
    }

    const ratio = (params[`ratio_${claim.pathway}`] as number | null) ?? 0;
    const shares = compliant.map((x) => shareOf(x, ratio));
    const capResult = await this.cap.run({ ...base, shares });
    let remaining = await capResult.almanac.factValue<number>('capLeft');
    let fund = 0;
    for (const s of shares) {
      const paid = Math.min(s, remaining);
      remaining -= paid;
      fund += paid;
    }
    for (const ev of capResult.events) codes.push(String(ev.params?.['code']));
    return { fundFen: payable ? fund : 0, compliantFen: compliant.reduce((x, y) => x + y, 0), codes };
  }
}
