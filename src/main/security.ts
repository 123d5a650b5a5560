/**
 * Guards for every web contents the app creates (ARCHITECTURE.md, "Safe
 * Electron defaults"). Written against small structural types rather than
 * Electron's classes so the unit tests can drive them with plain objects.
 */
interface PreventableEvent {
  preventDefault(): void;
}

export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface GuardedSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void;
}

/**
 * The app is one page: it never navigates, opens windows or embeds webviews.
 * Anything else trying to (a link, a dropped file, injected content) is refused.
 */
export function guardWebContents(contents: GuardedContents, log: (msg: string) => void = () => {}): void {
  const refuse = (what: string) => (event: PreventableEvent, url?: string) => {
    event.preventDefault();
    log(`[multaqa] refused ${what}${url ? ` to ${url}` : ''}`);
  };
  contents.on('will-navigate', refuse('navigation'));
  contents.on('will-redirect', refuse('redirect'));
  contents.on('will-attach-webview', refuse('webview'));
  contents.setWindowOpenHandler(({ url }) => {
    log(`[multaqa] refused window.open to ${url}`);
    return { action: 'deny' };
  });
}

/** No camera, microphone, notifications, geolocation…: the app asks for none. */
export function guardSession(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export interface DownloadingSession {
  on(
    event: 'will-download',
    listener: (
      event: PreventableEvent,
      item: { getURL(): string },
      contents: { id: number } | null | undefined,
    ) => void,
  ): unknown;
}

/**
 * Downloads are refused unless they are the app's own: a file the page
 * saves from memory (a `blob:` URL, an import report say) from the app's own
 * window. Anything else (a link to a site, a file:// URL, a page that is not
 * ours) would write where the user did not ask.
 */
export function guardDownloads(
  session: DownloadingSession,
  isOurWindow: (contentsId: number | undefined) => boolean,
  log: (msg: string) => void = () => {},
): void {
  session.on('will-download', (event, item, contents) => {
    const url = item.getURL();
    if (url.startsWith('blob:') && isOurWindow(contents?.id)) return;
    event.preventDefault();
    log(`[multaqa] refused a download of ${url}`);
  });
}
