import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    // One fresh database per run, shared by the files: files run one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // See CHILD_NODE_OPTIONS in tests/helpers/postgres.ts.
    execArgv: ['--conditions=production'],
    // CI also writes a JSON report, from which .ci/run prints one summary line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.data/test-results.json' },
  },
})
