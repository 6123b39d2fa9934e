import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dashboard is a static bundle served by the API server (`dist/web` at the repository root). `base: './'`
// keeps asset URLs relative so the server may mount it at `/` or under a prefix. In development
// (`npx vite --config web/vite.config.ts`) API calls are proxied to a running `northstar serve`.
const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env['NORTHSTAR_API_URL'] ?? 'http://127.0.0.1:8000';

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // ECharts and React change far less often than the dashboard's own code: separate chunks stay cached
        // across dashboard releases.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|@tanstack)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': apiTarget, '/health': apiTarget },
  },
});
