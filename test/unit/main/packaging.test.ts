import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

/**
 * The packaged app's Electron fuses, as electron-builder.yml asks for them
 * (electron-builder flips them with @electron/fuses while packaging; no
 * binary is built here). Checked against electron-builder's own schema, so a
 * misspelt fuse fails here rather than being ignored at packaging time.
 */
// electron-builder's own YAML reader (it ships no types).
const yaml = createRequire(__filename)('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(path.resolve(__dirname, '../../../electron-builder.yml'), 'utf8')) as {
  electronFuses?: Record<string, boolean>;
};

describe('packaging', () => {
  it('turns off running as Node, NODE_OPTIONS and --inspect, and loads the app only from its checked app.asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('is a configuration electron-builder accepts', async () => {
    await expect(validateConfiguration(config as never, new DebugLogger(false))).resolves.toBeUndefined();
  });
});
