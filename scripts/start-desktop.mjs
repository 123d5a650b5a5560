// Launches the built desktop app. The Electron binary is fetched from the
// internet on first use; where that cannot happen, say so in one line and
// point to browser mode instead of printing a stack trace.
import { spawn, spawnSync } from 'node:child_process';

const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
  encoding: 'utf8',
  timeout: 180_000,
  stdio: ['ignore', 'pipe', 'ignore'],
});
if (probe.status !== 0 || !probe.stdout) {
  console.error(
    'Multaqa: the Electron binary is not available on this machine (it could not be downloaded); run `npm run web` to use Multaqa in your browser instead.',
  );
  process.exit(1);
}
const child = spawn(probe.stdout, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
