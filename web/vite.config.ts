// Vite config of the SPA: built into web/dist and served by `qsm serve`;
// in development the API is proxied to a locally running server.
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Element Plus is imported whole (one cacheable chunk); the warning limit is raised for it.
    chunkSizeWarningLimit: 1200,
    sourcemap: false,
  },
})
