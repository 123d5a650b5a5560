// Bundles the browser-mode server (src/web) for plain Node 20. The renderer it
// serves is the one electron-vite builds into out/renderer.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/web/server.ts'],
  outfile: 'out/web/server.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Packages stay in node_modules; only our own code is bundled.
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
