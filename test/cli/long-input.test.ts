/**
 * A 100 000-character value in any position of any command gives status 2 and one short line: the
 * value is echoed as a prefix with its length, never whole. Nothing is created.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../app/cli/main.js';

const LONG = 'a'.repeat(100_000);
const LONG_LINES = 'a\n'.repeat(50_000);
/** Well below the command's own cap on a message, so a value echoed whole would show. */
const SHORT_LINE = 600;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'limitlab-long-'));
});

const CASES: string[][] = [
  [LONG],
  ['run', LONG],
  ['run', 'sgd-glm', LONG],
  ['run', 'sgd-glm', `--${LONG}`],
  ['run', 'sgd-glm', '--set', LONG],
  ['run', 'sgd-glm', '--set', `${LONG}=1`],
  ['run', 'sgd-glm', '--set', `spectrum.${LONG}=1`],
  ['run', 'sgd-glm', '--set', `d=${LONG}`],
  ['run', 'sgd-glm', '--set', `spectrum.kind=${LONG}`],
  ['run', 'sgd-glm', '--set', `spectrum.kind=${LONG_LINES}`],
  ['run', 'sgd-glm', '--preset', LONG],
  ['run', 'sgd-glm', '--seed', LONG],
  ['run', 'sgd-glm', '--replicas', LONG],
  ['run', 'sgd-glm', '--name', LONG],
  ['run', 'sgd-glm', '--name', LONG_LINES],
  ['run', 'sgd-glm', '--out', LONG],
  ['run', 'sgd-glm', '--out', `${LONG}.csv`],
  ['run', 'sgd-glm', '--out', 'r.svg', '--series', LONG],
  ['run', 'sgd-glm', '--out', 'r.svg', '--title', LONG],
  ['run', 'sgd-glm', '--out', 'r.svg', '--width-mm', LONG],
  ['run', 'sgd-glm', '--out', 'r.svg', '--height-mm', LONG],
  ['run', 'sgd-glm', '--out', 'r.svg', '--font-size', LONG],
  ['run', 'sgd-glm', '--out', 'r.png', '--scale', LONG],
  ['run', 'sgd-glm', '--out', 'r.svg', '--theme', LONG],
  ['run', 'sgd-glm', '--db', LONG],
  ['list', '--search', LONG],
  ['list', '--tag', LONG],
  ['list', '--kind', LONG],
  ['list', '--status', LONG],
  ['list', '--where', LONG],
  ['list', '--where', `lr.gamma > ${LONG}`],
  ['list', '--limit', LONG],
  ['list', LONG],
  ['show', LONG],
  ['export', LONG, '--out', 'r.csv'],
  ['export', 'zzzzzzzz-00000000', '--out', `${LONG}.csv`],
  ['import', LONG],
  ['sweep', 'sgd-glm', '--grid', LONG],
  ['sweep', 'sgd-glm', '--grid', `d=${LONG}`],
  ['sweep', 'sgd-glm', '--zip', `${LONG}=1`],
  ['sweep', 'sgd-glm', '--seeds', LONG],
  ['sweep', 'sgd-glm', '--grid', 'd=50', '--name', LONG],
  ['sweep', 'sgd-glm', '--grid', 'd=50', '--preset', LONG],
  ['serve', '--port', LONG],
];

describe('a 100 000-character value', () => {
  it.each(CASES.map((args) => [args.map((a) => (a.length > 60 ? `${a.slice(0, 12)}…(${a.length})` : a)).join(' '), args] as const))(
    'in `%s` gives status 2 and one short line',
    async (_label, args) => {
      const db = join(mkdtempSync(join(dir, 'case-')), 'library.sqlite');
      let out = '';
      let err = '';
      const withDb = args.includes('--db') || args[0] === LONG ? args : [...args, '--db', db];
      const code = await main(withDb, { out: (t) => void (out += t), err: (t) => void (err += t) });
      expect(code, err.slice(0, 300)).toBe(2);
      expect(out).toBe('');
      const lines = err.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]!.length, lines[0]!.slice(0, 300)).toBeLessThan(SHORT_LINE);
      expect(existsSync(db)).toBe(false);
      expect(readdirSync(join(db, '..'))).toEqual([]);
    },
  );
});
