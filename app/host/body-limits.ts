/**
 * How large a request body the browser host reads for each channel.
 *
 * Every channel's arguments fit well within the default of 8 MiB (the longest are a run's notes,
 * 100 000 characters, and lists of 10 000 run ids), except `bundles:import`, whose argument is a
 * whole bundle file: curves and images as base64, a few images of an image run already past 8 MiB.
 * Its body may be as long as one string can be, because both ends build or decode it as one:
 * the page's `encodeApiJson({ args })` and the host's UTF-8 decoding. That is Node's
 * `buffer.constants.MAX_STRING_LENGTH` (2^29 - 24 on 64-bit builds, just under 512 MiB), which is
 * also as far as the contract's limit on the bundle text (512 Mi characters) can reach.
 */
import { constants } from 'node:buffer';
import type { Channel } from '../api.js';

const MIB = 1024 * 1024;

/** The cap of every channel without its own. */
export const DEFAULT_BODY_BYTES = 8 * MIB;

/** The cap of a bundle import: the longest body that still decodes to one string, at most 512 MiB. */
export const BUNDLE_BODY_BYTES = Math.min(512 * MIB, constants.MAX_STRING_LENGTH);

/** Channels whose legitimate bodies exceed the default. */
const CHANNEL_BODY_BYTES: Partial<Record<Channel, number>> = {
  'bundles:import': BUNDLE_BODY_BYTES,
};

/** The body cap of `channel` (the default for an unknown channel or none). */
export function bodyLimitOf(channel: string | null): number {
  if (channel === null || !Object.hasOwn(CHANNEL_BODY_BYTES, channel)) return DEFAULT_BODY_BYTES;
  return CHANNEL_BODY_BYTES[channel as Channel]!;
}

/** A byte count as an error message gives it: "8 MiB" when whole, else exact with its size in MiB. */
export function describeBytes(bytes: number): string {
  if (bytes % MIB === 0) return `${bytes / MIB} MiB`;
  return `${bytes} bytes (${(bytes / MIB).toFixed(1)} MiB)`;
}
