/**
 * Runs the CLI as a child process, the way a clerk or a script would, on the example files and on
 * broken input; the table of field errors runs the same runCli in process.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/liangbing-policy.mjs', import.meta.url));
const example = (name: string) => fileURLToPath(new URL(`../examples/${name}`, import.meta.url));

/** The parts of an example input that the tests break. */
interface ExampleInput {
  claim: { serviceDate: string; pathway: string; lines: { amountFen?: number }[] };
  patient?: { generalOutpatient: unknown };
  overrides?: unknown[];
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, npm_lifecycle_event: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
    if (stdin !== undefined) child.stdin?.end(stdin);
    else child.stdin?.end();
  });
}

describe('liangbing-policy adjudicate', () => {
  it('Wuxi referral: paid at 50 % (W-3 二(三)), as JSON without a trace', async () => {
    const r = await cli(['adjudicate', example('wuxi-referral.json')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({
      outcome: 'paid',
      ruleSetId: 'wuxi-2019',
      pathway: 'referral',
      ratioBp: 5000,
      amountFen: 6750,
      fundFen: 3375,
      patientFen: 3375,
      capFen: 100_000,
      capUsedBeforeFen: 42_000,
      trace: null,
    });
    expect(d.lines.map((l: { fundFen: number }) => l.fundFen)).toEqual([2100, 1275]);
  });

  it('Guiyang extension prescription under the demo configuration, with the trace', async () => {
    const r = await cli(['adjudicate', '--trace', example('guiyang-extension.json')]);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({
      outcome: 'paid',
      ruleSetId: 'guiyang-2021',
      overrideName: 'demo-guiyang-benefit-levels',
      pathway: 'extension',
      category: 'chronic_programme',
      ratioBp: 7000,
      fundFen: 8190,
    });
    const params = d.trace.flatMap((s: { parameters: unknown[] }) => s.parameters);
    expect(params).toContainEqual(expect.objectContaining({ name: 'ratioExtensionBp', value: 7000, kind: 'override' }));
    expect(d.trace.some((s: { ruleId: string; section: string }) => s.ruleId === 'G-5' && s.section === '五(二)4')).toBe(true);
  });

  it('--explain prints the readable rendering with the explanation', async () => {
    const r = await cli(['adjudicate', example('wuxi-referral.json'), '--explain']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Outcome: paid {3}rule set: wuxi-2019/);
    expect(r.stdout).toContain('fund ¥33.75');
    expect(r.stdout).toContain('Explanation:');
    expect(r.stdout).toMatch(/\[W-6 三\(三\)\] referral issued by the designated primary institution/);
  });

  it('reads standard input for -', async () => {
    const { readFile } = await import('node:fs/promises');
    const r = await cli(['adjudicate', '-'], await readFile(example('wuxi-referral.json'), 'utf8'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).fundFen).toBe(3375);
  });

  it('without an override Guiyang is not_configured, never a silent zero', async () => {
    const { readFile } = await import('node:fs/promises');
    const input = JSON.parse(await readFile(example('guiyang-extension.json'), 'utf8'));
    delete input.overrides;
    const r = await cli(['adjudicate', '-'], JSON.stringify(input));
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.outcome).toBe('not_configured');
    expect(d.hits.map((h: { code: string }) => h.code)).toContain('PARAMETER_NOT_CONFIGURED');
  });

  it('a missing field: exit code 2 and a message naming it', async () => {
    const { readFile } = await import('node:fs/promises');
    const input = JSON.parse(await readFile(example('guiyang-extension.json'), 'utf8'));
    delete input.claim.institution.level;
    const r = await cli(['adjudicate', '-'], JSON.stringify(input));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: invalid input: claim.institution.level: missing\n');
  });

  it('invalid JSON: exit code 2 and a clear message', async () => {
    const r = await cli(['adjudicate', '-'], '{ "claim": ');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: invalid input: \(input\): not valid JSON/);
  });

  it.each([
    { name: 'a missing top-level field', edit: (i: ExampleInput) => delete i.patient, field: 'patient: missing' },
    { name: 'a missing nested field', edit: (i: ExampleInput) => delete i.claim.lines[1]!.amountFen, field: 'claim.lines[1].amountFen: missing' },
    {
      name: 'money that is not whole fen',
      edit: (i: ExampleInput) => (i.claim.lines[0]!.amountFen = 42.5),
      field: 'claim.lines[0].amountFen: expected an integer in fen (分)',
    },
    {
      name: 'an impossible date',
      edit: (i: ExampleInput) => (i.claim.serviceDate = '2020-02-30'),
      field: 'claim.serviceDate: expected a calendar date YYYY-MM-DD, got "2020-02-30"',
    },
    {
      name: 'an unknown pathway',
      edit: (i: ExampleInput) => (i.claim.pathway = 'walk_in'),
      field: 'claim.pathway: expected one of designated, referral, emergency, out_of_area, extension',
    },
    {
      name: 'null where a value is required',
      edit: (i: ExampleInput) => (i.patient!.generalOutpatient = null),
      field: 'patient.generalOutpatient: expected an object, got null',
    },
    {
      name: 'a ratio beyond 100 % in an override',
      edit: (i: ExampleInput) =>
        (i.overrides = [
          { name: 'x', description: 'x', ruleSetId: 'wuxi-2019', source: { document: 'd', section: 's' }, parameters: { ratioDesignatedBp: 12_000 } },
        ]),
      field: 'overrides[0].parameters: ratioDesignatedBp must be an integer 0..10000 basis points',
    },
  ])('$name: exit code 2 naming the field', async ({ edit, field }) => {
    const { readFile } = await import('node:fs/promises');
    const input = JSON.parse(await readFile(example('wuxi-referral.json'), 'utf8'));
    edit(input);
    // In process: the same runCli the binary runs, without starting Node for each case.
    const r = await runCli(['adjudicate', '-'], {
      readFile: () => Promise.reject(new Error('unused')),
      readStdin: () => Promise.resolve(JSON.stringify(input)),
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error: invalid input: ${field}`);
  });

  it('an unknown drug code is an input error naming the line, not a line "not in the catalogue"', async () => {
    const { readFile } = await import('node:fs/promises');
    const input = JSON.parse(await readFile(example('wuxi-referral.json'), 'utf8'));
    input.claim.lines[1].drugCode = 'amlodipin';
    const r = await cli(['adjudicate', '-'], JSON.stringify(input));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: invalid input: claim.lines[1].drugCode: unknown drug "amlodipin"');
  });

  it('a drug may be given by its Chinese generic name: the same decision as by its code', async () => {
    const { readFile } = await import('node:fs/promises');
    const input = JSON.parse(await readFile(example('wuxi-referral.json'), 'utf8'));
    const byCode = JSON.parse((await cli(['adjudicate', '-'], JSON.stringify(input))).stdout);
    const names: Record<string, string> = {
      amlodipine: '氨氯地平',
      metformin: '二甲双胍',
      nifedipine: '硝苯地平',
      valsartan: '缬沙坦',
      indapamide: '吲达帕胺',
    };
    for (const l of input.claim.lines) l.drugCode = names[l.drugCode] ?? l.drugCode;
    expect(input.claim.lines.some((l: { drugCode: string }) => /[\u4e00-\u9fff]/.test(l.drugCode))).toBe(true);
    const r = await cli(['adjudicate', '-'], JSON.stringify(input));
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(byCode);
  });

  it('a missing file, an unknown option and no file are usage errors (exit code 2)', async () => {
    const missing = await cli(['adjudicate', 'no-such-file.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read no-such-file\.json: ENOENT/);
    const option = await cli(['adjudicate', '--verbose', example('wuxi-referral.json')]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('unknown option --verbose');
    const none = await cli(['adjudicate']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('usage: liangbing-policy adjudicate');
  });
});
