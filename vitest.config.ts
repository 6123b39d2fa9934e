import { defineConfig } from 'vitest/config';

// Unit tests sit beside their files in src/; cross-layer tests (SDKs, browser, kill -9) live in test/e2e/.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
