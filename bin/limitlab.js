#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('limitlab: the command is not built yet; run "npm run build" in the Limitlab folder\n');
  process.exit(1);
}
const { main, interrupted } = await import(pathToFileURL(cli).href);
const code = await main(process.argv.slice(2));
// After Ctrl+C the cancel is recorded: leave now, before the runtime's teardown puts the default
// signal handling back (a late second Ctrl+C would then end the process by the signal).
if (interrupted?.()) process.exit(code);
process.exitCode = code;
