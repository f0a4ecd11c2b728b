/**
 * Who may call the bridge: only the top frame of a Limitlab window showing our own `app://limitlab/`
 * pages (Electron security checklist item 17, "validate the sender of all IPC messages").
 */
import { APP_URL } from './app-protocol.js';

/** The part of an `IpcMainInvokeEvent` the check reads. */
export interface SenderEvent {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface SenderPolicyOptions {
  /** `webContents.id` of every window we created; a call from anything else is refused. */
  trustedWebContentsIds: () => Iterable<number>;
  /** Origin prefix the frame URL must start with. */
  appUrl?: string;
}

export type SenderCheck = (event: SenderEvent) => boolean;

export function createSenderPolicy(options: SenderPolicyOptions): SenderCheck {
  const appUrl = options.appUrl ?? APP_URL;
  const expected = new URL(appUrl);
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || typeof frame.url !== 'string') return false;
    if (frame.parent !== null && frame.parent !== undefined) return false;
    if (!frame.url.startsWith(appUrl)) return false;
    let url: URL;
    try {
      url = new URL(frame.url);
    } catch {
      return false;
    }
    if (url.protocol !== expected.protocol || url.host !== expected.host || url.username || url.password) return false;
    for (const id of options.trustedWebContentsIds()) if (id === event.sender.id) return true;
    return false;
  };
}
