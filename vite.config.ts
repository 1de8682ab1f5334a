import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const rootDir = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = 'http://localhost:3000';

// The calendar and chart libraries live in their own chunks, reached only from
// lazily loaded staff routes, so `/` and `/book` never download them.
const heavyLibraries = [
  { name: 'fullcalendar', test: /node_modules[\\/](@fullcalendar|@full-ui|temporal-polyfill)[\\/]/ },
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/ },
];

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: `${rootDir}dist/client`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // React is claimed first: a group also takes in the modules its members import, and
          // the calendar imports React, which must stay in the chunk every page loads.
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 3 },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/, priority: 3 },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 3 },
            ...heavyLibraries.map((g) => ({ ...g, priority: 2 })),
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/metrics': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: { port: 4173 },
});
