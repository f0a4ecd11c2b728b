/**
 * Claims of `mppm` (see ../claims.ts), from arXiv 2510.00666 and the theory note's checks M3 and
 * M4. The paper prints no value we can check against (its tables are not retrievable; the note's
 * §3.6), so each claim checks a direction it states in words.
 */
import type { Claim } from '../claims.js';

const PAPER = '2510.00666';

export const claims: readonly Claim[] = [];
