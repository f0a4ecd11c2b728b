/**
 * One limit per free-text field, enforced alike by the API's schemas and by the CLI's options: one
 * character over is refused by both (the CLI with status 2 and nothing created), the limit itself
 * passes the API.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError, parseArgs, TEXT_LIMITS } from '../../app/api.js';
import { main } from '../../app/cli/main.js';

const text = (n: number) => 't'.repeat(n);

/** [CLI arguments before the value, CLI option, API channel, API argument with the value, limit]. */
const FIELDS: [string[], string, Parameters<typeof parseArgs>[0], (v: string) => unknown[], number][] = [
  [['run', 'sgd-glm'], 'name', 'runs:start', (v) => [{ kind: 'sgd-glm', name: v }], TEXT_LIMITS.name],
  [['sweep', 'sgd-glm', '--grid', 'd=50,60'], 'name', 'sweeps:start', (v) => [{ kind: 'sgd-glm', mode: 'grid', axes: [{ path: 'd', values: [50] }], name: v }], TEXT_LIMITS.name],
  [['list'], 'search', 'runs:query', (v) => [{ text: v }], TEXT_LIMITS.search],
  [['list'], 'tag', 'runs:query', (v) => [{ tag: v }], TEXT_LIMITS.tag],
  [['list'], 'kind', 'runs:query', (v) => [{ kind: v }], TEXT_LIMITS.kind],
  [['list'], 'where', 'runs:query', (v) => [{ where: [v] }], TEXT_LIMITS.where],
  [['run', 'sgd-glm', '--out', 'r.svg'], 'title', 'figures:export', (v) => [{ figure: { type: 'run', id: 'abcdefgh-1', name: 'risk' }, format: 'svg', title: v }], TEXT_LIMITS.title],
];

describe('free-text limits', () => {
  it.each(FIELDS)('%j --%s: the CLI and %s refuse one character over the limit', async (before, option, channel, request, limit) => {
    expect(() => parseArgs(channel, request(text(limit)))).not.toThrow();
    expect(() => parseArgs(channel, request(text(limit + 1)))).toThrow(ApiError);
    const db = join(mkdtempSync(join(tmpdir(), 'limitlab-limits-')), 'library.sqlite');
    let err = '';
    const code = await main([...before, `--${option}`, text(limit + 1), '--db', db], { out: () => undefined, err: (t) => void (err += t) });
    expect(code, err).toBe(2);
    expect(err).toContain(`--${option} `);
    expect(err).toContain(`at most ${limit} characters`);
    expect(existsSync(db)).toBe(false);
  });

  it('refuses a run name one over the limit from the API as well: runs:update', () => {
    expect(() => parseArgs('runs:update', ['abcdefgh-1', { name: text(TEXT_LIMITS.name + 1) }])).toThrow(ApiError);
    expect(() => parseArgs('runs:update', ['abcdefgh-1', { name: text(TEXT_LIMITS.name) }])).not.toThrow();
  });
});
