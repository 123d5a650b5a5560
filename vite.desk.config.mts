import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { DESK_PAGE_PATH } from './src/shared/desks/desk-channels';

/**
 * The desk page (src/desk): the check-in screen a desk's browser loads from
 * the hub's door. A Vite build of its own rather than a fourth bundle in
 * electron-vite's config: electron-vite knows a main process, a preload and
 * one renderer, while this is a plain web page for other devices, served by
 * the desk listener under its own address and security policy. Built into
 * out/desk, beside out/main (Electron) and out/web (browser mode), so both
 * find it the same way.
 *
 * Every file it needs is html, js or css: the fonts are inlined in the css,
 * so the listener serves those three kinds and nothing else.
 */
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: resolve(here, 'src/desk'),
  base: DESK_PAGE_PATH,
  plugins: [react()],
  build: {
    outDir: resolve(here, 'out/desk'),
    emptyOutDir: true,
    // Automerge's wasm travels inside the script as base64 (about 5 MB): served once, then cached.
    chunkSizeWarningLimit: 8000,
    assetsInlineLimit: () => true,
    sourcemap: false,
  },
});
