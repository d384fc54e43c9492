import { describe, expect, it } from 'vitest';
import { emptyWhatIfForm, parseWhatIfQuery, percentToBp, whatIfParameters, whatIfQuery } from './whatIf';

describe('what-if form', () => {
  it('asks "what if the cap were 1,000 yuan for everyone" in fen', () => {
    const form = { ...emptyWhatIfForm, name: 'cap-1000', capOneDisease: '1000', capBothDiseases: '1000' };
    expect(whatIfParameters(form)).toEqual({ parameters: { capOneDiseaseFen: 100_000, capBothDiseasesFen: 100_000 }, problems: [] });
  });

  it('takes the ratio in percent and the long-prescription limit in days', () => {
    const form = { ...emptyWhatIfForm, name: 'r', ratioDesignated: '70', longPrescriptionDays: '90' };
    expect(whatIfParameters(form).parameters).toEqual({ ratioDesignatedBp: 7000, longPrescriptionMaxDays: 90 });
    expect(percentToBp('55.5')).toBe(5550);
    expect(percentToBp('101')).toBeNull();
  });

  it('names each problem: no name, a bad amount, nothing changed', () => {
    expect(whatIfParameters({ ...emptyWhatIfForm, capOneDisease: '1e3' }).problems).toEqual([
      { field: 'name', key: 'required' },
      { field: 'capOneDisease', key: 'amount' },
    ]);
    expect(whatIfParameters({ ...emptyWhatIfForm, name: 'x' }).problems).toEqual([{ field: 'capOneDisease', key: 'nothingChanged' }]);
    expect(whatIfParameters({ ...emptyWhatIfForm, name: 'x', longPrescriptionDays: '0' }).problems[0]?.key).toBe('days');
  });

  it('round-trips the form through the URL, empty fields left out', () => {
    const form = { ...emptyWhatIfForm, name: '限额1000元', capOneDisease: '1000', capBothDiseases: '1000' };
    const query = whatIfQuery(form);
    expect(query).toEqual({ wiName: '限额1000元', cap1: '1000', cap2: '1000', ratio: null, longRx: null });
    expect(parseWhatIfQuery(query)).toEqual(form);
    expect(parseWhatIfQuery({ wiName: '<script>', cap1: '-1' })).toEqual(emptyWhatIfForm);
  });
});
