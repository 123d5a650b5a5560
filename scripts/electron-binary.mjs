// Where the Electron binary is, if this machine has it. `require('electron')`
// downloads it on first use; offline that fails, which we report plainly.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function findElectronBinary() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    encoding: 'utf8',
    timeout: 180_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const binary = probe.stdout?.trim();
  return probe.status === 0 && binary && existsSync(binary) ? binary : null;
}
