/**
 * Links to the papers a kind cites. In the desktop app a click asks the shell to open the link in
 * the system browser (the main process checks it against its allow-list); in the browser host the
 * link is an ordinary `target="_blank" rel="noopener"` link and the browser opens it.
 */
import type { BridgeEnvelope } from '../api/bridge.js';

/** The abstract page of an arXiv id such as "2308.08977". */
export function arxivUrl(id: string): string {
  return `https://arxiv.org/abs/${encodeURIComponent(id.trim())}`;
}

export interface ExternalOpener {
  openExternal?(url: string): Promise<BridgeEnvelope>;
}

/**
 * Handle a click on a paper link. Returns 'shell' when the desktop shell took it (the click's
 * default must then be prevented), 'browser' when the page should follow the link itself.
 * A refusal or failure of the shell is reported through `onerror`.
 */
export function openPaperLink(url: string, opener: ExternalOpener | undefined, onerror: (message: string) => void): 'shell' | 'browser' {
  if (!opener?.openExternal) return 'browser';
  opener.openExternal(url).then(
    (envelope) => {
      if (!envelope.ok) onerror(envelope.error.message);
    },
    (error: unknown) => onerror(error instanceof Error ? error.message : String(error)),
  );
  return 'shell';
}
