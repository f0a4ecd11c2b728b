import { describe, expect, it } from 'vitest';
import { decodeEngineOptions, encodeEngineOptions, isEngineToHost, isHostToEngine } from '../../app/electron/engine-protocol.js';

describe('engine options on the command line', () => {
  it('round-trips paths with spaces, quotes, backslashes and non-ASCII characters', () => {
    const options = {
      dbPath: 'C:\\Users\\Zoë "R" O\'Neil\\AppData\\Roaming\\Limitlab\\limitlab.sqlite',
      workerPath: '/opt/Lim itlab/resources/app.asar.unpacked/dist/worker.cjs',
      sqliteBinding: '/opt/Limitlab/resources/better_sqlite3.node',
      threads: 3,
    };
    const arg = encodeEngineOptions(options);
    expect(arg).toMatch(/^--limitlab-engine-options=[A-Za-z0-9_-]+$/);
    expect(decodeEngineOptions(['/usr/bin/electron', 'engine-entry.cjs', arg])).toEqual(options);
  });

  it('drops unknown or ill-typed fields and requires a dbPath', () => {
    const arg = '--limitlab-engine-options=' + Buffer.from(JSON.stringify({ dbPath: '/x.sqlite', threads: -1, evil: 1 })).toString('base64url');
    expect(decodeEngineOptions([arg])).toEqual({ dbPath: '/x.sqlite' });
    expect(() => decodeEngineOptions([])).toThrow(/missing/);
    const noDb = '--limitlab-engine-options=' + Buffer.from('{}').toString('base64url');
    expect(() => decodeEngineOptions([noDb])).toThrow(/dbPath/);
  });
});

describe('message guards', () => {
  it('accept the protocol messages and reject anything else', () => {
    expect(isHostToEngine({ type: 'call', id: 1, channel: 'kinds:list', args: [] })).toBe(true);
    expect(isHostToEngine({ type: 'shutdown' })).toBe(true);
    expect(isHostToEngine({ type: 'call', id: '1', channel: 'kinds:list', args: [] })).toBe(false);
    expect(isHostToEngine({ type: 'call', id: 1, channel: 'kinds:list' })).toBe(false);
    expect(isEngineToHost({ type: 'result', id: 1, ok: true, result: null })).toBe(true);
    expect(isEngineToHost({ type: 'result', id: 1, ok: false, error: { code: 'internal', message: 'x' } })).toBe(true);
    expect(isEngineToHost({ type: 'result', id: 1, ok: false })).toBe(false);
    expect(isEngineToHost({ type: 'event', event: 'run:status', payload: {} })).toBe(true);
    expect(isEngineToHost({ type: 'ready' })).toBe(true);
    expect(isEngineToHost({ type: 'fatal', message: 'x' })).toBe(true);
    expect(isEngineToHost(null)).toBe(false);
    expect(isEngineToHost({ type: 'exec', code: 'rm -rf /' })).toBe(false);
  });
});
