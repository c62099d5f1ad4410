import { defineConfig } from 'vitest/config'

// End-to-end tests: real Chromium (playwright-core) against a real `jiuke serve` on a fresh temp
// database per file. Files run one after another: the machine has two cores.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
})
