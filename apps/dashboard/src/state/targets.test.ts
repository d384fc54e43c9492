import { describe, expect, it } from 'vitest';
import { targetParts, targetsByIndicator, type HeadlineTargetLike } from './targets';

const target = (over: Partial<HeadlineTargetLike['setting'] & object> = {}, value: number | null = 0.7): HeadlineTargetLike => ({
  indicator: 'standardisedManagement',
  key: 'dashboard.target.standardisedManagement',
  value,
  setting: {
    validFrom: '2025-01-01',
    districtCode: null,
    source: { kind: 'seed', document: '筑医保发〔2021〕13号', section: '二；五(三)6', note: 'the plan fixes no figure' },
    ...over,
  },
});

describe('targetParts', () => {
  it('names a document source by its document and section', () => {
    const p = targetParts(
      target({ source: { kind: 'document', document: '梁溪区2025年目标责任书', section: '二(1)', note: null }, districtCode: '320213' }, 0.8),
    );
    expect(p).toEqual({
      value: '80.0%',
      kind: 'document',
      sourceText: '梁溪区2025年目标责任书 二(1)',
      detail: ['梁溪区2025年目标责任书 二(1)'],
      validFrom: '2025-01-01',
      districtOwn: true,
    });
  });

  it('names a seed or a bureau decision by its kind, the citation and note in the detail', () => {
    const seed = targetParts(target());
    expect(seed).toMatchObject({ value: '70.0%', kind: 'seed', sourceText: null, districtOwn: false });
    expect(seed.detail).toEqual(['筑医保发〔2021〕13号 二；五(三)6', 'the plan fixes no figure']);
    expect(targetParts(target({ source: { kind: 'bureau', document: null, section: null, note: '局长办公会决定' } }))).toMatchObject({
      kind: 'bureau',
      sourceText: null,
      detail: ['局长办公会决定'],
    });
  });

  it('says nothing is set when the API has no target (production before the leadership sets one)', () => {
    expect(targetParts({ indicator: 'awareness', key: 'dashboard.target.awareness', value: null, setting: null })).toMatchObject({ value: null, kind: null });
    expect(targetParts(undefined).value).toBeNull();
  });

  it('indexes the targets by indicator', () => {
    expect(Object.keys(targetsByIndicator([target(), { ...target(), indicator: 'awareness' }]))).toEqual(['standardisedManagement', 'awareness']);
    expect(targetsByIndicator(null)).toEqual({});
  });
});
