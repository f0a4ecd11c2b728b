/**
 * The API as the renderer sees it: the shared `Api` contract plus the state of the event stream,
 * so views can refresh after a reconnect (events sent while disconnected are lost).
 */
import type { Api } from '../../../app/api.js';

/**
 * `expired`: the host refuses this page's token (it was restarted, with a new address); nothing
 * more is tried. `unreachable`: the host has not answered several attempts in a row (it may have
 * stopped, or restarted on another port); attempts go on.
 */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'expired' | 'unreachable';

export interface AppApi extends Api {
  /** Subscribe to connection changes of the event stream; the listener gets the current state at once. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /**
   * The path on disk of a file the user picked, for parameters that name a file; only the desktop
   * shell knows it (a browser never tells a page where a file is), elsewhere absent.
   */
  pathForFile?(file: File): string | null;
}
