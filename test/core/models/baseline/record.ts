/**
 * Prints the fingerprints of every baseline case (./cases.ts) computed by the code under `--root`
 * (a checkout of some commit) as JSON on stdout. Run by scripts/record-kind-baseline.mjs with tsx;
 * the kinds and the parameter resolution are loaded from that root, so the numbers are the ones
 * that commit produces.
 */
import { BASELINE_CASES } from './cases.js';
import { casePrint } from './fingerprint.js';
import { loadKindApi } from './load.js';

const at = process.argv.indexOf('--root');
if (at < 0 || !process.argv[at + 1]) throw new Error('usage: record.ts --root <checkout>');
const api = await loadKindApi(process.argv[at + 1]!);
const cases: Record<string, unknown> = {};
for (const c of BASELINE_CASES) {
  const started = Date.now();
  cases[c.name] = { case: c, print: casePrint(api, c) };
  process.stderr.write(`${c.name}: ${Date.now() - started} ms\n`);
}
process.stdout.write(JSON.stringify({ cases }, null, 1));
