/**
 * The API as the renderer sees it: the shared `Api` contract plus the state of the event stream,
 * so views can refresh after a reconnect (events sent while disconnected are lost).
 */
import type { Api } from '../../../app/api.js';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface AppApi extends Api {
  /** Subscribe to connection changes of the event stream; the listener gets the current state at once. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
}
