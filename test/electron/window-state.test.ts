import { describe, expect, it } from 'vitest';
import { parseWindowState, serializeWindowState } from '../../app/electron/window-state.js';

describe('remembered window state', () => {
  it('round-trips size, position and the maximised flag', () => {
    expect(parseWindowState(serializeWindowState({ x: 10, y: 20, width: 1200, height: 800 }, true))).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: true });
  });

  it('ignores a missing or corrupt file and clamps tiny sizes', () => {
    expect(parseWindowState(null)).toBeNull();
    expect(parseWindowState('{not json')).toBeNull();
    expect(parseWindowState('{"width":"wide","height":3}')).toBeNull();
    expect(parseWindowState('{"width":10,"height":10}')).toEqual({ width: 960, height: 600, maximized: false });
  });
});
