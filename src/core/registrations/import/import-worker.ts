/**
 * The import's worker thread (see import-engine.ts): answers the engine's
 * calls with an in-process engine of its own. Bundled on its own, beside the
 * main process (out/main/import-worker.js) and the browser-mode server
 * (out/web/import-worker.mjs).
 */
import { parentPort } from 'node:worker_threads';
import { type EngineCall, type EngineReply, InProcessImportEngine, serializeError } from './import-engine';

const engine = new InProcessImportEngine();
const port = parentPort;
if (!port) throw new Error('import-worker runs as a worker thread only');

port.on('message', (call: EngineCall) => {
  void answer(call).then((reply) => port.postMessage(reply));
});

async function answer({ id, method, args }: EngineCall): Promise<EngineReply> {
  try {
    switch (method) {
      case 'open':
        return { id, result: await engine.open(args[0] as string, args[1] as Uint8Array) };
      case 'preview':
        return {
          id,
          result: await engine.preview(
            args[0] as string,
            args[1] as Parameters<InProcessImportEngine['preview']>[1],
            args[2] as Parameters<InProcessImportEngine['preview']>[2],
          ),
        };
      case 'rows':
        return { id, result: await engine.rows(args[0] as string, args[1] as string) };
      case 'close':
        engine.close(args[0] as string);
        return { id, result: null };
    }
  } catch (error) {
    return { id, error: serializeError(error) };
  }
}
