import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Property tests and generator runs share two cores with the rest of the suite under turbo.
  test: { testTimeout: 60_000 },
});
