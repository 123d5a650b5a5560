/**
 * The part of `ws` (the WebSocket server Automerge's WebSocket adapter is
 * built on, and installed with it) that the desk listener uses. Its own type
 * package is not installed; this names only what is called here.
 */
declare module 'ws' {
  import type { EventEmitter } from 'node:events';
  import type { IncomingMessage } from 'node:http';
  import type { Duplex } from 'node:stream';

  export class WebSocket extends EventEmitter {
    static readonly OPEN: number;
    /** A client socket (the tests speak to the desk listener with it). */
    constructor(url: string, options?: { headers?: Record<string, string> });
    readonly readyState: number;
    send(data: ArrayBuffer | Uint8Array | string): void;
    close(code?: number, reason?: string): void;
    terminate(): void;
    ping(): void;
  }

  export interface ServerOptions {
    noServer?: boolean;
    maxPayload?: number;
  }

  export class WebSocketServer extends EventEmitter {
    constructor(options: ServerOptions);
    readonly clients: Set<WebSocket>;
    handleUpgrade(
      request: IncomingMessage,
      socket: Duplex,
      head: Buffer,
      callback: (client: WebSocket, request: IncomingMessage) => void,
    ): void;
    close(callback?: (error?: Error) => void): void;
  }

  export default WebSocket;
}
