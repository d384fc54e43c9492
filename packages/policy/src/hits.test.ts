/**
 * Every hit code of every rule set cites a section of that rule set's own city's text. The
 * sections of each text are transcribed here from its headings (policy-sources/, the source text):
 * a citation passes only if each of its parts (split at 、) is one of them.
 */
import { describe, expect, it } from 'vitest';
import { canChangeDesignation } from './designation';
import { GUIYANG_CITY, designation, guiyangClaim, guiyangPatient, WUXI_CITY, wuxiClaim, wuxiPatient } from './fixtures';
import { HITS, type HitCode } from './hits';
import { RULE_SETS } from './resolve';
import { adjudicate } from './adjudicate/adjudicate';

const subsections = (head: string, n: number) => Array.from({ length: n }, (_, i) => `${head}(${'一二三四五六'[i]})`);

/** 无锡 2019-12-12 意见: 一 … 六, their （一）… and the 附件 (the 诊断证明 sample form). */
const WUXI_SECTIONS = new Set([
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  ...subsections('二', 3),
  ...subsections('三', 4),
  ...subsections('四', 3),
  ...subsections('五', 4),
  '附件',
]);

/** 筑医保发〔2021〕13号: 一 … 七, 五's numbered measures 1–10 under （一）…（四）, 六（一）–（四）, 七（一）–（三）, 附件1–5. */
const GUIYANG_SECTIONS = new Set([
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  ...subsections('五', 4),
  '五(一)1',
  '五(一)2',
  '五(二)3',
  '五(二)4',
  '五(二)5',
  '五(三)6',
  '五(三)7',
  '五(三)8',
  '五(四)9',
  '五(四)10',
  ...subsections('六', 4),
  ...subsections('七', 3),
  '附件1',
  '附件2',
  '附件3',
  '附件4',
  '附件5',
]);

const OWN: Record<string, { prefix: RegExp; sections: ReadonlySet<string> }> = {
  [WUXI_CITY]: { prefix: /^W-\d+$/, sections: WUXI_SECTIONS },
  [GUIYANG_CITY]: { prefix: /^G-\d+$/, sections: GUIYANG_SECTIONS },
};

/** The parts of a section citation: '附件3、附件4 备注' → ['附件3', '附件4']. */
const parts = (section: string) => section.split('、').map((p) => p.replace(/ 备注$/, ''));

describe('citations: every hit code of every rule set cites its own city', () => {
  const codes = Object.keys(HITS) as HitCode[];
  for (const rs of RULE_SETS) {
    for (const code of codes) {
      it(`${rs.id} ${code}`, () => {
        const own = OWN[rs.cityCode]!;
        const cited = rs.ruleIds[code] ?? HITS[code];
        expect(cited.ruleId, 'rule id of the own city').toMatch(own.prefix);
        for (const part of parts(cited.section)) expect(own.sections.has(part), `section ${part} of ${cited.section} is in ${rs.cityCode}'s text`).toBe(true);
      });
    }
  }
});

describe('what is raised cites the same', () => {
  it('a claim before a rule set is in force cites its text’s date of force: Wuxi 六, Guiyang 七(三)', () => {
    const wx = adjudicate(wuxiClaim({ serviceDate: '2019-12-11' }), wuxiPatient(), { trace: true });
    expect(wx.hits.map((h) => [h.code, h.ruleId, h.section])).toEqual([['RULE_SET_NOT_IN_FORCE', 'W-0', '六']]);
    expect(wx.trace?.[0]).toMatchObject({ ruleId: 'W-0', section: '六' });
    const gy = adjudicate(guiyangClaim({ serviceDate: '2021-06-30' }), guiyangPatient());
    expect(gy.hits.map((h) => [h.code, h.ruleId, h.section])).toEqual([['RULE_SET_NOT_IN_FORCE', 'G-0', '七(三)']]);
  });

  it('a city with no rule set has no text to cite', () => {
    const d = adjudicate(wuxiClaim({ cityCode: '110100' }), wuxiPatient());
    expect(d.hits.map((h) => [h.code, h.ruleId])).toEqual([['RULE_SET_NOT_IN_FORCE', '—']]);
  });

  it('a Guiyang designation refusal cites Guiyang, a Wuxi one Wuxi', () => {
    const req = { current: null, newInstitutionId: 'x', requestedOn: '2025-03-01', effectiveFrom: '2025-02-01', atEnrolment: false };
    expect(canChangeDesignation({ ...req, cityCode: GUIYANG_CITY, districtCode: '520102' })).toMatchObject({
      allowed: false,
      code: 'EFFECTIVE_BEFORE_REQUEST',
      ruleId: 'G-5',
      section: '五(二)4',
    });
    expect(canChangeDesignation({ ...req, cityCode: WUXI_CITY, districtCode: '320281', current: designation() })).toMatchObject({
      allowed: false,
      code: 'EFFECTIVE_BEFORE_REQUEST',
      ruleId: 'W-5',
    });
    expect(
      canChangeDesignation({ ...req, cityCode: GUIYANG_CITY, districtCode: '520102', effectiveFrom: '2021-06-01', requestedOn: '2021-05-01' }),
    ).toMatchObject({ allowed: false, code: 'NOT_IN_FORCE', ruleId: 'G-0', section: '七(三)' });
  });
});
