/** The registry against the code it seeds from: every seed fits its own type, every module field has its key. */
import { describe, expect, it } from 'vitest';
import { GUIYANG_2021, WUXI_2019 } from '@liangbing/policy';
import { InputProblems } from '../../errors';
import { CAPITATION_CONFIG } from '../capitation/capitation.config';
import { CREDIT_RULES_V1 } from '../credit/credit.config';
import { MONITORING_CONFIG } from '../monitoring/monitoring.config';
import { CitySettings } from './settings.reader';
import { SETTINGS, SETTINGS_BY_KEY } from './settings.registry';
import type { StoredSetting } from './settings.repository';
import { validateValue } from './settings.types';

const problems = (key: string, value: unknown) => {
  const p = new InputProblems();
  validateValue(p, 'value', SETTINGS_BY_KEY.get(key)!.type, value);
  try {
    p.throwIfAny();
    return [];
  } catch (e) {
    return ((e as { extensions: { detail: { field: string }[] } }).extensions.detail ?? []).map((d) => d.field);
  }
};

describe('settings registry', () => {
  it('declares each key once, and each seed passes its own validation', () => {
    expect(SETTINGS_BY_KEY.size).toBe(SETTINGS.length);
    for (const d of SETTINGS) expect(problems(d.key, d.seed.value), d.key).toEqual([]);
  });

  it('has a key for every monitoring threshold and every credit alert kind of the code', () => {
    for (const field of Object.keys(MONITORING_CONFIG)) expect(SETTINGS_BY_KEY.has(`monitoring.${field}`), field).toBe(true);
    for (const kind of Object.keys(CREDIT_RULES_V1.alertConfirmed.byKind))
      expect(SETTINGS_BY_KEY.get(`credit.points.alertConfirmed.${kind}`)!.seed.value).toEqual(CREDIT_RULES_V1.alertConfirmed.byKind[kind]);
  });

  it('marks the capitation rate and the overspend share, which no source gives, as placeholders, and cites W-8 for them', () => {
    for (const k of ['perHeadMonthlyFen', 'overspendCompensationBp'] as const) {
      const d = SETTINGS_BY_KEY.get(`capitation.${k}`)!;
      expect(d.seed).toMatchObject({ basis: 'placeholder', value: CAPITATION_CONFIG['320200']![k].value, section: '四(一)' });
      expect(d.cities).toEqual(['320200']);
    }
  });

  it('cites each city’s own section for a seed, from its rule set’s programme (Wuxi asks for monitoring in 五(四), not 四(三))', () => {
    expect(SETTINGS_BY_KEY.get('monitoring.earlyRefillDaysLeft')!.seed).toMatchObject({
      section: '五(四)；五(四)9',
      document: `${WUXI_2019.source.document}；${GUIYANG_2021.source.document}`,
    });
    expect(SETTINGS_BY_KEY.get('scorecard.weights')!.seed.section).toBe('四(三)；五(三)8');
    // a tool only one city's text asks for cites that city alone
    expect(SETTINGS_BY_KEY.get('credit.windowDays')!.seed).toMatchObject({ section: '五(四)', document: WUXI_2019.source.document });
    expect(SETTINGS_BY_KEY.get('availability.coverageThreshold')!.seed).toMatchObject({ section: '五(三)7', document: GUIYANG_2021.source.document });
    expect(SETTINGS_BY_KEY.get('capitation.perHeadMonthlyFen')!.seed.note).toContain(WUXI_2019.id);
  });

  it('names the wrong part of a value', () => {
    expect(problems('credit.reviewThreshold', { institution: 1.5, patient: 3 })).toEqual(['value.institution']);
    expect(problems('credit.reviewThreshold', { institution: 1, patient: 3, other: 1 })).toEqual(['value.other']);
    expect(problems('monitoring.oversupplyFactor', '1.5')).toEqual(['value']);
    expect(problems('monitoring.ruleHitCodes', ['OVER_QUANTITY', 'OVER_QUANTITY'])).toEqual(['value.1']);
    expect(
      problems('scorecard.targets', {
        standardisedManagement: 1.2,
        rationalMedication: 0.9,
        bloodPressureControl: 0.5,
        glucoseControl: 0.5,
        centrallyProcuredShareByAmount: 0.5,
        classAShareByAmount: 0.6,
        ruleHitsPer100Claims: 5,
      }),
    ).toEqual(['value.standardisedManagement']);
  });
});

const row = (over: Partial<StoredSetting>): StoredSetting => ({
  id: '1',
  cityCode: '320200',
  districtCode: null,
  key: 'dashboard.target.awareness',
  validFrom: '2000-01-01',
  value: 0.6,
  source: { kind: 'seed', document: 'd', section: 's', note: null },
  setBy: 'seed',
  setAt: '2025-01-01T00:00:00.000Z',
  ...over,
});

describe('CitySettings', () => {
  const rows = [
    row({}),
    row({ id: '2', validFrom: '2025-07-01', value: 0.65, source: { kind: 'bureau', document: null, section: null, note: 'n' } }),
    row({ id: '3', validFrom: '2025-07-01', value: 0.66, source: { kind: 'bureau', document: null, section: null, note: 'correction' } }),
    row({ id: '4', districtCode: '320213', validFrom: '2025-01-01', value: 0.8, source: { kind: 'bureau', document: null, section: null, note: 'n' } }),
  ];

  it('takes the latest value on or before the date, the later entry of the same date, a district’s own first', () => {
    const s = new CitySettings('320200', rows, false);
    expect(s.get('dashboard.target.awareness', '2025-06-30')?.value).toBe(0.6);
    expect(s.get('dashboard.target.awareness', '2025-07-01')?.value).toBe(0.66);
    expect(s.get('dashboard.target.awareness', '2025-07-01', '320281')?.value).toBe(0.66);
    expect(s.get('dashboard.target.awareness', '2024-12-31', '320213')?.value).toBe(0.6);
    expect(s.get('dashboard.target.awareness', '2025-08-01', '320213')).toMatchObject({ value: 0.8, districtCode: '320213' });
  });

  it('in production never uses a placeholder seed, written or not', () => {
    const s = new CitySettings('320200', [rows[0]!], true);
    expect(s.get('dashboard.target.awareness', '2025-06-30')).toBeNull();
    expect(() => s.require('capitation.perHeadMonthlyFen', '2025-06-30')).toThrow(/set capitation\.perHeadMonthlyFen via setConfigurationValue/);
    // A default (not a placeholder) applies from the registry even before the city was seeded.
    expect(s.get('monitoring.earlyRefillDaysLeft', '2025-06-30')).toMatchObject({
      value: MONITORING_CONFIG.earlyRefillDaysLeft,
      source: { kind: 'seed' },
      setBy: null,
    });
    expect(new CitySettings('520100', [], true).get('capitation.perHeadMonthlyFen', '2025-06-30')).toBeNull();
  });
});
