import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/shared/security-policy';

/** The built page carries the CSP as a meta tag (Electron loads it from disk, with no headers). */
const cspMetaTag: Plugin = {
  name: 'multaqa-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      // frame-ancestors is only honoured as a header (browser mode sends it); browsers ignore it in meta.
      attrs: {
        'http-equiv': 'Content-Security-Policy',
        content: CONTENT_SECURITY_POLICY.replace(/; frame-ancestors [^;]+/, ''),
      },
      injectTo: 'head-prepend',
    },
  ],
};

/**
 * Three bundles: the Electron main process, the sandboxed preload and the
 * React renderer. Browser mode (src/web) is bundled separately by
 * scripts/build-web.mjs because it runs on plain Node, not Electron.
 */
export default defineConfig({
  main: {
    build: {
      // lowdb, steno and Automerge Repo (the check-in desks) are ESM-only: bundle them into the CommonJS main.
      externalizeDeps: {
        exclude: [
          'lowdb',
          'steno',
          '@automerge/automerge-repo',
          '@automerge/automerge-repo-network-websocket',
          '@automerge/automerge-repo-storage-nodefs',
        ],
      },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The import's worker thread (see src/core/registrations/import/import-engine.ts).
          'import-worker': resolve(__dirname, 'src/core/registrations/import/import-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() packages: everything goes in one file.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react(), cspMetaTag],
  },
});
