import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore } from '../core/app-core';
import { createDispatch } from '../core/gate';
import { defaultDataDir, defaultExportsDir } from '../core/store/data-folder';
import { AppError } from '../shared/errors';
import { revealWithSystemOpener } from './reveal';
import { startWebServer } from './web-server';

/**
 * `npm run web`: Multaqa in the browser, on this machine only.
 * Port: `--port N` or MULTAQA_PORT (default 5178; 0 picks a free one).
 * Data folder: MULTAQA_DATA_DIR or the desktop app's own folder.
 * Exports: MULTAQA_EXPORTS_DIR or Documents/Multaqa.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

function portFromArgs(argv: string[], env: NodeJS.ProcessEnv): number {
  const i = argv.indexOf('--port');
  const raw = i >= 0 ? argv[i + 1] : env.MULTAQA_PORT;
  const port = raw === undefined ? 5178 : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid port "${raw}": give a number from 0 to 65535.`);
  }
  return port;
}

async function main(): Promise<void> {
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const dataDir = defaultDataDir();
  const core = await openCore({
    dataDir,
    appVersion: version,
    holder: 'web',
    exportsDir: defaultExportsDir(),
    fontsDir: path.join(root, 'resources', 'fonts'),
    reveal: revealWithSystemOpener,
    dailyBackups: true,
    // Bundled beside this file by scripts/build-web.mjs.
    importWorker: path.join(here, 'import-worker.mjs'),
    // The check-in desks' page, built beside the renderer (vite.desk.config.mts), served by their door.
    deskPageDir: path.join(root, 'out', 'desk'),
  });
  const { readOnly } = await core.handlers['app.info']();
  if (readOnly)
    console.error(`[multaqa] data folder opened read-only (${readOnly.reason}): ${dataDir}: ${readOnly.detail}`);
  for (const p of core.startupProblems)
    console.error(`[multaqa] data file set aside: ${p.file} (${p.reason}: ${p.detail})`);
  const { server, url } = await startWebServer({
    dispatch: createDispatch(core.handlers),
    staticDir: path.join(root, 'out', 'renderer'),
    secret: randomBytes(24).toString('hex'),
    newToken: () => randomBytes(24).toString('hex'),
    onLink: (link) => console.log(`Another tab (each link opens once): ${link}`),
    port: portFromArgs(process.argv, process.env),
  });
  console.log(`Multaqa (browser mode) is running. Data folder: ${dataDir}`);
  console.log(`Open: ${url}`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    server.close();
    server.closeAllConnections();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  const message = error instanceof AppError || error instanceof Error ? error.message : String(error);
  console.error(`Multaqa could not start: ${message}`);
  process.exit(1);
});
