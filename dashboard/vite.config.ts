import { defineConfig } from 'vite';

// The build lands in the server project, which embeds it (src/Durq.Server/Dashboard); docs/dashboard.md says why the
// output is committed. No hashes of the build machine end up in it: the same lockfile gives the same bytes.
export default defineConfig({
  base: '/dashboard/',
  build: {
    outDir: '../src/Durq.Server/Dashboard/wwwroot',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 200,
  },
});
