import { describe, expect, it } from 'vitest';
import { clip, ECHO_PREFIX, echo } from '../../../core/models/echo.js';

describe('echo', () => {
  it('quotes a short string whole', () => {
    expect(echo('abc')).toBe('"abc"');
  });

  it('cuts a long string to a quoted prefix with an ellipsis and its length', () => {
    expect(echo('a'.repeat(100_000))).toBe(`"${'a'.repeat(ECHO_PREFIX)}…" (100000 characters)`);
  });

  it('keeps a message short when the value is made of characters JSON escapes', () => {
    expect(echo('\u0001'.repeat(100_000)).length).toBeLessThan(ECHO_PREFIX * 6 + 40);
  });

  it('never splits a surrogate pair', () => {
    const text = 'x'.repeat(ECHO_PREFIX - 1) + '😀'.repeat(10);
    expect(echo(text)).toBe(`"${'x'.repeat(ECHO_PREFIX - 1)}…" (${text.length} characters)`);
  });

  it('shows other values as their JSON text, cut the same way', () => {
    expect(echo([1, null, true])).toBe('[1,null,true]');
    expect(echo(Array.from({ length: 10_000 }, () => 1))).toMatch(/^\[1,1,.*… \(20001 characters\)$/);
    expect(echo(undefined)).toBe('undefined');
  });
});

describe('clip', () => {
  it('leaves short text alone and cuts long text with its length', () => {
    expect(clip('/tmp/a')).toBe('/tmp/a');
    expect(clip('p'.repeat(500), 10)).toBe(`${'p'.repeat(10)}… (500 characters)`);
  });
});
