import { describe, expect, it } from 'vitest';
import { CHANNELS, EVENTS } from '../../app/api.js';
import {
  BRIDGE_EVENTS,
  INVOKE_CHANNELS,
  SHELL_EVENTS,
  ipcInvokeChannel,
  isBridgeEvent,
  isInvokeChannel,
} from '../../app/electron/bridge-channels.js';

describe('bridge allow-lists', () => {
  it('bridge exactly the channels of the contract', () => {
    expect([...INVOKE_CHANNELS]).toEqual([...CHANNELS]);
    expect(ipcInvokeChannel('runs:list')).toBe('limitlab:runs:list');
  });

  it('let the page subscribe to the contract events plus the shell events, nothing else', () => {
    expect([...BRIDGE_EVENTS].sort()).toEqual([...EVENTS, ...SHELL_EVENTS].sort());
    expect(isBridgeEvent('engine:status')).toBe(true);
    expect(isBridgeEvent('toString')).toBe(false);
  });

  it('reject inherited property names and non-strings', () => {
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty', '', 42, null, undefined]) {
      expect(isInvokeChannel(name), String(name)).toBe(false);
    }
  });
});
