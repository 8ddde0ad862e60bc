import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Pins are on by default in protect: keep the tests' pins out of the user's ~/.toolgate.
    env: { TOOLGATE_PINS_DIR: mkdtempSync(join(tmpdir(), 'toolgate-test-pins-')) },
  },
});
