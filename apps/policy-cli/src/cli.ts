/**
 * The command line, as a function of its arguments and input so that it can be tested in
 * process as well as run: `adjudicate <file.json|-> [--explain] [--trace]`.
 * Exit codes: 0 a decision was printed; 2 the command or its input is wrong (the message names
 * the field); 1 an unexpected failure.
 */
import { adjudicate, renderDecision } from '@liangbing/policy';
import { InputError, parseInput } from './input';

export const USAGE = `usage: liangbing-policy adjudicate <file.json|-> [--explain] [--trace]

Reads { "claim": ClaimInput, "patient": PatientYear, "overrides"?: RuleSetOverride[] }
from the file (or standard input for -) and prints the Decision as JSON.
  --explain  print the readable explanation (with the trace) instead of JSON
  --trace    include the explanation trace in the JSON`;

export interface CliIo {
  readonly readFile: (path: string) => Promise<string>;
  readonly readStdin: () => Promise<string>;
}

export interface CliResult {
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

const usageError = (message: string): CliResult => ({ code: 2, stdout: '', stderr: `error: ${message}\n\n${USAGE}\n` });

export async function runCli(argv: readonly string[], io: CliIo): Promise<CliResult> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
  if (command !== 'adjudicate') return usageError(command === undefined ? 'no command given' : `unknown command “${command}”`);

  let explain = false;
  let trace = false;
  const files: string[] = [];
  for (const arg of rest) {
    if (arg === '--explain') explain = true;
    else if (arg === '--trace') trace = true;
    else if (arg.startsWith('--')) return usageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length !== 1) return usageError(files.length === 0 ? 'no input file given (use - for standard input)' : 'give exactly one input file');
  const file = files[0]!;

  let text: string;
  try {
    text = file === '-' ? await io.readStdin() : await io.readFile(file);
  } catch (e) {
    return { code: 2, stdout: '', stderr: `error: cannot read ${file === '-' ? 'standard input' : file}: ${(e as Error).message}\n` };
  }

  try {
    const input = parseInput(text);
    const decision = adjudicate(input.claim, input.patient, { trace: trace || explain, overrides: input.overrides });
    const stdout = explain ? `${renderDecision(decision)}\n` : `${JSON.stringify(decision, null, 2)}\n`;
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    if (e instanceof InputError) return { code: 2, stdout: '', stderr: `error: invalid input: ${e.message}\n` };
    return { code: 1, stdout: '', stderr: `error: ${(e as Error).stack ?? String(e)}\n` };
  }
}
