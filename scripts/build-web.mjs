// Bundles the browser-mode server (src/web) for plain Node 20. The renderer it
// serves is the one electron-vite builds into out/renderer.
import { build } from 'esbuild';

await build({
  // The server, and the import's worker thread it starts (see src/core/registrations/import/import-engine.ts).
  entryPoints: {
    server: 'src/web/server.ts',
    'import-worker': 'src/core/registrations/import/import-worker.ts',
  },
  outdir: 'out/web',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Packages stay in node_modules; only our own code is bundled.
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
