/**
 * A small, strict argument parser for the `limitlab` command: known flags only, repeated flags
 * collected, `--flag=value` and `--flag value` both accepted.
 */
import { clip, echo } from '../../core/models/echo.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface FlagSpec {
  /** Takes a value (otherwise boolean). */
  value: boolean;
  /** May repeat (values collected in order). */
  repeat?: boolean;
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string[]>;
}

export function parseArgs(argv: string[], spec: Record<string, FlagSpec>): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    const flag = spec[name];
    if (!flag) throw new UsageError(`unknown option --${clip(name)}; allowed: ${Object.keys(spec).map((k) => '--' + k).join(', ') || 'none'}`);
    let value = 'true';
    if (flag.value) {
      if (eq >= 0) value = arg.slice(eq + 1);
      else {
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`option --${name} needs a value`);
        value = next;
        i++;
      }
    } else if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
    const list = flags.get(name) ?? [];
    if (list.length && !flag.repeat) throw new UsageError(`option --${name} given more than once`);
    list.push(value);
    flags.set(name, list);
  }
  return { positional, flags };
}

export function flag(parsed: ParsedArgs, name: string): string | undefined {
  return parsed.flags.get(name)?.[0];
}

export function flags(parsed: ParsedArgs, name: string): string[] {
  return parsed.flags.get(name) ?? [];
}

export function intFlag(parsed: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = flag(parsed, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\s*[+-]?\d+\s*$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} = ${echo(raw)} is not allowed: expected an integer in [${min}, ${max}]`);
  }
  return value;
}
