/** Every hit code, trace step kind and parameter has its Chinese; a new one without fails here. */
import { describe, expect, it } from 'vitest';
import { adjudicate } from '../adjudicate/adjudicate';
import { fill, guiyangClaim, guiyangPatient, lines, TEST_GUIYANG, TEST_WUXI_STANDARD, wuxiClaim, wuxiPatient } from '../fixtures';
import { HITS, type HitCode } from '../hits';
import { RULE_SETS } from '../resolve';
import type { ParameterTable } from '../params';
import { HIT_SENTENCES, hitZh } from './hits';
import { noteZh, PARAMETER_NAME_ZH } from './parameters';
import { STEP_KINDS, traceStepZh } from './trace';

const CJK = /[\u4e00-\u9fff]/;
const FACTS = {
  lineNo: 1,
  drug: '氨氯地平',
  drugEn: 'Amlodipine',
  amountFen: 10_000,
  compliantFen: 5_000,
  daysSupply: 90,
  quantity: 90,
  maxDays: 60,
  onHandDays: 10,
  allowedUnits: 60,
  overStandardFen: 4_000,
  standardUnitFen: 200,
};

describe('hits in Chinese', () => {
  for (const code of Object.keys(HITS) as HitCode[]) {
    it(`${code} has a plain sentence in both languages and a Chinese citation in each rule set`, () => {
      const s = HIT_SENTENCES[code];
      expect(s, code).toBeDefined();
      expect(s.zh(FACTS)).toMatch(CJK);
      expect(s.en(FACTS)).toMatch(/[a-z]/);
      for (const rs of RULE_SETS) {
        const local = rs.ruleIds[code] ?? HITS[code];
        const z = hitZh(
          {
            code,
            ruleId: local.ruleId,
            section: local.section,
            severity: HITS[code].severity,
            lineNo: null,
            messageZh: HITS[code].zh,
            messageEn: HITS[code].en,
            failsRationalUse: false,
          },
          rs.id,
        );
        expect(z.textZh).toMatch(/^按《(无锡市…意见|贵阳贵安…实施方案)》/);
      }
    });
  }
});

describe('parameters in Chinese', () => {
  for (const rs of RULE_SETS) {
    for (const [name, history] of Object.entries(rs.parameters as ParameterTable)) {
      it(`${rs.id} ${name}`, () => {
        expect(PARAMETER_NAME_ZH[name as keyof typeof PARAMETER_NAME_ZH]).toMatch(CJK);
        for (const v of history) if (v.citation.note !== undefined) expect(noteZh(v.citation.note), v.citation.note).toMatch(CJK);
      });
    }
  }
});

describe('trace steps in Chinese', () => {
  // Claims that between them write every kind of step the core writes.
  const decisions = [
    adjudicate(
      wuxiClaim({ lines: lines({ daysSupply: 90, quantity: 400 }, { drugCode: 'atorvastatin' }) }),
      wuxiPatient({ history: [fill('2020-02-20', 'amlodipine', 30)] }),
      { trace: true },
    ),
    adjudicate(wuxiClaim({ pathway: 'referral', referral: { fromInstitutionId: 'wx-chc-1', issuedOn: '2020-03-01' } }), wuxiPatient(), { trace: true }),
    adjudicate(wuxiClaim({ pathway: 'emergency' }), wuxiPatient(), { trace: true }),
    adjudicate(wuxiClaim({ pathway: 'out_of_area' }), wuxiPatient(), { trace: true }),
    adjudicate(wuxiClaim({ pathway: 'extension' }), wuxiPatient({ scheme: 'employee', certification: null }), { trace: true }),
    adjudicate(wuxiClaim({ serviceDate: '2019-01-01' }), wuxiPatient(), { trace: true }),
    adjudicate(wuxiClaim({ lines: lines({ strength: '5mg' }, { drugCode: 'nifedipine' }) }), wuxiPatient(), { trace: true, overrides: [TEST_WUXI_STANDARD] }),
    adjudicate(guiyangClaim(), guiyangPatient(), { trace: true }),
    adjudicate(guiyangClaim({ lines: lines({ drugCode: 'insulin-glargine', form: 'injection', quantity: 3, daysSupply: 30 }) }), guiyangPatient(), {
      trace: true,
      overrides: [TEST_GUIYANG],
    }),
    adjudicate(
      guiyangClaim({ pathway: 'extension', sourcePrescription: { issuedOn: '2021-08-01', institutionLevel: 'level2_hospital', drugCodes: ['amlodipine'] } }),
      guiyangPatient(),
      { trace: true, overrides: [TEST_GUIYANG] },
    ),
  ];
  const steps = decisions.flatMap((d) => (d.trace ?? []).map((s) => ({ s, z: traceStepZh(s, d.ruleSetId) })));

  it('every step is recognised and reads in Chinese, without the English words of its result', () => {
    for (const { s, z } of steps) {
      expect(z.kind, s.step).not.toBeNull();
      expect(z.stepZh, s.step).toMatch(CJK);
      expect(z.resultZh, `${s.step} → ${s.result}`).not.toMatch(/\b(days|fen|units|used|left|cap|not|from|issued|certified|checked|none|networked)\b/);
    }
  });

  it('every kind is written by some claim above and has its Chinese', () => {
    const seen = new Set(steps.map(({ z }) => z.kind));
    expect(STEP_KINDS.map((k) => k.kind).filter((k) => !seen.has(k))).toEqual([]);
  });
});
