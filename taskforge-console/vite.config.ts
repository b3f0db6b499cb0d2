import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// `npm run dev` proxies the API to a running server (TASKFORGE_URL, default the quickstart's).
const server = process.env.TASKFORGE_URL ?? 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    // The Maven build packs target/classes into the module's jar: the server serves static/ at /.
    outDir: 'target/classes/static',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // Big libraries in chunks of their own, so a page change does not invalidate them in caches.
        manualChunks(id: string) {
          if (!id.includes('node_modules')) return undefined
          if (id.includes('echarts') || id.includes('zrender')) return 'echarts'
          if (id.includes('@codemirror') || id.includes('@lezer') || id.includes('codemirror')) return 'codemirror'
          if (id.includes('@vue-flow') || id.includes('d3-')) return 'vueflow'
          if (id.includes('naive-ui') || id.includes('vueuc') || id.includes('css-render') || id.includes('date-fns')) return 'naive'
          return 'vendor'
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/actuator': { target: server },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
  },
})
