import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Each test starts the CLI as a child process (Node + tsx); under turbo they share the cores with other suites.
  test: { testTimeout: 60_000 },
});
