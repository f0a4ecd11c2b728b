/**
 * Guards applied to every web contents and session: no new windows, no navigation away from
 * `app://limitlab/`, no <webview>, no permissions. Electron-free: the objects are injected.
 */
import { APP_URL } from './app-protocol.js';

interface PreventableEvent {
  preventDefault(): void;
}

/** The hooks of a `WebContents` the guards use (main.ts adapts the real one). */
export interface GuardableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  onWillNavigate(listener: (event: PreventableEvent, url: string) => void): void;
  onWillRedirect(listener: (event: PreventableEvent, url: string) => void): void;
  onWillAttachWebview(listener: (event: PreventableEvent) => void): void;
}

/** The parts of `Session` the permission guard uses. */
export interface GuardableSession {
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
  ): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string) => boolean) | null): void;
}

/** True for URLs inside our own renderer (the only place a window may navigate to). */
export function isAppUrl(url: string): boolean {
  if (!url.startsWith(APP_URL)) return false;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/` === APP_URL && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

export function guardWebContents(contents: GuardableContents, log: (message: string) => void = () => {}): void {
  contents.setWindowOpenHandler(({ url }) => {
    log(`denied window.open(${url})`);
    return { action: 'deny' };
  });
  const blockForeign = (event: PreventableEvent, url: string): void => {
    if (!isAppUrl(url)) {
      log(`blocked navigation to ${url}`);
      event.preventDefault();
    }
  };
  contents.onWillNavigate(blockForeign);
  contents.onWillRedirect(blockForeign);
  contents.onWillAttachWebview((event) => {
    log('blocked a <webview>');
    event.preventDefault();
  });
}

export function denyAllPermissions(session: GuardableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
