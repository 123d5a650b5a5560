// Launches the built desktop app. The Electron binary is fetched from the
// internet on first use; where that cannot happen, say so in one line and
// point to browser mode instead of printing a stack trace.
import { spawn } from 'node:child_process';
import { findElectronBinary } from './electron-binary.mjs';

const binary = findElectronBinary();
if (!binary) {
  console.error(
    'Multaqa: the Electron binary is not available on this machine (it could not be downloaded); run `npm run web` to use Multaqa in your browser instead.',
  );
  process.exit(1);
}
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
