// One Vite build for the three npm paths (plain TypeScript, React 19, Vue 3); public/ holds the CDN path.
import { defineConfig } from 'vite';

export default defineConfig({
  // The Vue page's template is compiled in the browser: Vue's full build.
  resolve: { alias: { vue: 'vue/dist/vue.esm-bundler.js' } },
  esbuild: { jsx: 'automatic' },
  define: { __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  build: { rollupOptions: { input: { index: 'index.html', react: 'react.html', vue: 'vue.html' } } },
  logLevel: 'warn',
});
