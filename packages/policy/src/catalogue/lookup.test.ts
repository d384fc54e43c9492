import { describe, expect, it } from 'vitest';
import { DRUGS } from './drugs';
import { drugByCode, findDrug } from './lookup';

describe('the drug reference as the input check', () => {
  it('finds every drug by its code and by its Chinese generic name, and nothing else', () => {
    for (const d of DRUGS) {
      expect(findDrug(d.code)).toBe(d);
      expect(findDrug(d.nameZh)).toBe(d);
    }
    expect(findDrug(' 氨氯地平 ')?.code).toBe('amlodipine');
    expect(findDrug('amlodipin')).toBeUndefined();
    expect(drugByCode('氨氯地平')).toBeUndefined();
  });

  it('Chinese generic names are unique, so a name names one drug', () => {
    expect(new Set(DRUGS.map((d) => d.nameZh)).size).toBe(DRUGS.length);
  });
});
