import { defineConfig } from 'vitest/config';

/**
 * `npm run test:reliability` (docs/reliability.md): kills, outages and a soak against the built
 * kiosk and the Turnero server as processes. One file at a time: they measure the machine too.
 */
export default defineConfig({
  test: {
    include: ['tests/reliability/**/*.test.ts'],
    globalSetup: ['tests/reliability/global-setup.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    // The soak samples memory after a full collection.
    execArgv: ['--expose-gc'],
    testTimeout: 480_000,
    hookTimeout: 60_000,
  },
});
