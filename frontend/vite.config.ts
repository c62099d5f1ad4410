import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { elementOnDemand } from './elementOnDemand'
import { startAfterPaint } from './startAfterPaint'
import { fileURLToPath, URL } from 'node:url'

// The built app is embedded in the Go binary (frontend/embed.go) and served at / by both the Wails
// window and `jiuke serve`, so the default base and an index.html at the dist root are what they expect.
export default defineConfig({
  plugins: [vue(), elementOnDemand(), startAfterPaint()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The start chunk (Vue, router, i18n, the shell's Element Plus parts) is ~640 kB and ECharts ~560 kB.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        // Libraries are not gathered into one start-up chunk: the window's first screen would parse
        // every page's Element Plus components, QR and barcode code before painting. Each page's
        // chunk brings what it uses (elementOnDemand.ts); only the reports page draws charts.
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts'
        },
      },
    },
  },
})
