/** The process around runCli: arguments, files relative to the caller's directory, exit code. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runCli } from './cli';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// `pnpm --filter … adjudicate file.json` runs the script in the package's folder; INIT_CWD is where
// the user typed it. Only the script's own run uses it: a child of another script inherits INIT_CWD.
const viaScript = process.env['npm_lifecycle_event'] === 'adjudicate';
const callerDir = (viaScript ? process.env['INIT_CWD'] : undefined) ?? process.cwd();

const result = await runCli(process.argv.slice(2), {
  readFile: (path) => readFile(resolve(callerDir, path), 'utf8'),
  readStdin,
});
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.code;
