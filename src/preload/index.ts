import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, ipcChannel } from '../shared/contract';

/**
 * Exposes exactly one function per contract channel as `window.multaqa`.
 * Never ipcRenderer itself: the page cannot reach any other IPC channel.
 * Each function returns the gate's envelope ({ ok, data } or { ok, error }).
 */
const bridge = Object.fromEntries(
  CHANNEL_NAMES.map((name) => [name, (payload?: unknown) => ipcRenderer.invoke(ipcChannel(name), payload)]),
);

contextBridge.exposeInMainWorld('multaqa', Object.freeze(bridge));
