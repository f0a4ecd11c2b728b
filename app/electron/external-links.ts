/**
 * Paper links opened in the system browser. The renderer asks over one IPC channel with the URL;
 * the main process checks the sender, validates the URL (https, no credentials, a host on the
 * allow-list: arxiv.org and doi.org) and only then calls `shell.openExternal`. Everything else is
 * refused with an envelope; nothing is opened. Electron-free: `ipcMain` and `openExternal` are injected.
 */
import { z } from 'zod';
import { OPEN_EXTERNAL_CHANNEL } from './bridge-channels.js';
import { errorEnvelope, okEnvelope, type Envelope } from './envelope.js';
import type { IpcMainLike } from './ipc-router.js';
import type { SenderCheck, SenderEvent } from './sender-policy.js';

export { OPEN_EXTERNAL_CHANNEL };

/** Hosts whose pages may be opened: the papers the kinds cite. */
export const EXTERNAL_HOSTS: readonly string[] = Object.freeze(['arxiv.org', 'doi.org']);

/** A URL the shell may open: https on an allow-listed host, no user name or password, at most 2048 characters. */
export const externalUrlSchema = z
  .string()
  .max(2048, 'at most 2048 characters')
  .transform((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a URL' });
      return z.NEVER;
    }
    if (url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: `${url.protocol} links are not opened; only https` });
    else if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'links with a user name or password are not opened' });
    else if (!EXTERNAL_HOSTS.includes(url.hostname) || url.port) {
      ctx.addIssue({ code: 'custom', message: `only ${EXTERNAL_HOSTS.join(' and ')} links are opened, not ${url.host}` });
    }
    return url.toString();
  });

export interface ExternalLinksOptions {
  ipcMain: IpcMainLike;
  isTrustedSender: SenderCheck;
  /** `shell.openExternal` in the app. */
  openExternal: (url: string) => Promise<void>;
  log?: (message: string) => void;
}

export class ExternalLinks {
  private registered = false;
  private readonly log: (message: string) => void;

  constructor(private readonly options: ExternalLinksOptions) {
    this.log = options.log ?? (() => {});
  }

  register(): void {
    if (this.registered) return;
    this.options.ipcMain.handle(OPEN_EXTERNAL_CHANNEL, (event, ...args) => this.open(event, args));
    this.registered = true;
  }

  dispose(): void {
    if (!this.registered) return;
    this.options.ipcMain.removeHandler(OPEN_EXTERNAL_CHANNEL);
    this.registered = false;
  }

  /** Check the sender and the URL, then open it. Never throws: every outcome is an envelope. */
  async open(event: SenderEvent, args: unknown[]): Promise<Envelope<{ opened: string }>> {
    if (!this.options.isTrustedSender(event)) {
      this.log(`refused to open a link for ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      return errorEnvelope('bad_request', 'refused: the request did not come from a Limitlab window');
    }
    const parsed = z.tuple([externalUrlSchema]).safeParse(args);
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? 'not a link that can be opened';
      return errorEnvelope('bad_request', `cannot open the link: ${message}`);
    }
    const [url] = parsed.data;
    try {
      await this.options.openExternal(url);
    } catch (error) {
      return errorEnvelope('internal', `the system browser did not open ${url}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return okEnvelope({ opened: url });
  }
}
