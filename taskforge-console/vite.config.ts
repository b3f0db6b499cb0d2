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
        // The big libraries that only some pages use in chunks of their own, loaded with the first
        // page that needs them and cached apart from the console's code. The rest is split by use.
        // A group here takes the dependencies of what it names along with it: a library that
        // depends on Vue (Vue Flow) must not be named, or Vue itself lands in its chunk and every
        // page loads it (which once put 270 kB and a 400 ms task on the first page).
        manualChunks(id: string) {
          const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id)?.[1]
          if (!pkg) return undefined
          if (pkg === 'echarts' || pkg === 'zrender') return 'echarts'
          if (pkg === 'codemirror' || pkg.startsWith('@codemirror/') || pkg.startsWith('@lezer/')) return 'codemirror'
          return undefined
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
