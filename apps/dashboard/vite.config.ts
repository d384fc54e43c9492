import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { cityMapPlugin } from './build/cityMapPlugin.ts';
import { preloadChartsPlugin } from './build/preloadChartsPlugin.ts';

export default defineConfig({
  plugins: [vue(), cityMapPlugin(), preloadChartsPlugin()],
  define: {
    // vue-i18n: composition API only, no devtools in production builds.
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  // DASHBOARD_PORT is the one the root `pnpm start` (turbo) passes through.
  server: { host: '127.0.0.1', port: Number(process.env.DASHBOARD_PORT ?? 5173), strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: {
    // bench/size.ts reads the manifest to sum the entry chunk and its static imports.
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 700,
  },
});
