import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config'

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      include: ['src/**/*.test.ts'],
      environment: 'happy-dom',
      // Component tests mount Element Plus; on a busy 2-core machine the first mount alone can pass 5 s.
      testTimeout: 30_000,
    },
  }),
)
