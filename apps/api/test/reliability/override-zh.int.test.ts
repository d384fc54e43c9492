/**
 * A claim decided under the deployment's override reads in Chinese through and through: its
 * override by the deployment's Chinese name (labelZh), the rule-set step's result and the
 * override's parameters' sources and notes too (issue 17 item 16: zh-CN everywhere a bureau reads).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GUIYANG_DEMO_OVERRIDE } from '../../src/policy-config';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
afterAll(async () => stack?.close());

type Step = {
  kind: string | null;
  stepZh: string;
  resultZh: string;
  citationZh: string;
  parameters: { kind: string; nameZh: string; valueZh: string; kindZh: string; citationZh: string; noteZh: string | null }[];
};
type ClaimOut = { overrideName: string | null; overrideLabelZh: string | null; explanation: Step[] };
let claim: ClaimOut;

/** Latin words of a Chinese text: anything with a digit is an identifier (a version, an ATC code), ATC itself an abbreviation a Chinese form uses. */
const latin = (text: string) => (text.match(/[A-Za-z][A-Za-z0-9_./-]*/g) ?? []).filter((w) => !/\d/.test(w) && w !== 'ATC');

beforeAll(async () => {
  stack = await startStack(inject('pgAdminUrl'));
  const bureau = await stack.token({ role: 'district_bureau', cityCode: '520100', districtCode: '520102' });
  const a = await stack.gql(
    bureau,
    `mutation($i: SubmitClaimInput!) { submitClaim(input: $i) { claim { overrideName overrideLabelZh explanation { kind stepZh resultZh citationZh parameters { kind nameZh valueZh kindZh citationZh noteZh } } } } }`,
    {
      i: {
        idempotencyKey: 'zh-override-1',
        patientId: 'G1',
        institutionId: 'I-GY-CHC',
        serviceDate: '2025-05-02',
        pathway: 'DESIGNATED',
        lines: [{ drugCode: 'metoprolol', form: 'ORAL', quantity: 30, daysSupply: 30, amountFen: 1_500 }],
      },
    },
  );
  expect(a.body?.errors).toBeUndefined();
  claim = (a.body!.data as { submitClaim: { claim: ClaimOut } }).submitClaim.claim;
});

describe('a claim under the deployment’s override, in Chinese', () => {
  it('names its override by the deployment’s Chinese label', () => {
    expect(claim.overrideName).toBe(GUIYANG_DEMO_OVERRIDE.name);
    expect(claim.overrideLabelZh).toBe(GUIYANG_DEMO_OVERRIDE.labelZh);
  });

  it('the rule-set step and the override’s parameters carry no English', () => {
    const ruleSet = claim.explanation.find((s) => s.kind === 'RULE_SET')!;
    expect(ruleSet.resultZh).toContain(GUIYANG_DEMO_OVERRIDE.labelZh!);
    const overridden = claim.explanation.flatMap((s) => s.parameters).filter((p) => p.kind === 'override');
    expect(overridden.length).toBeGreaterThan(0);
    for (const p of overridden) expect(p.citationZh).toBe(`本地部署配置“${GUIYANG_DEMO_OVERRIDE.labelZh}”`);
    const texts = claim.explanation.flatMap((s) => [
      s.stepZh,
      s.resultZh,
      s.citationZh,
      ...s.parameters.flatMap((p) => [p.nameZh, p.valueZh, p.kindZh, p.citationZh, p.noteZh ?? '']),
    ]);
    expect(texts.flatMap(latin)).toEqual([]);
  });
});
