import { randomInt } from 'node:crypto';
import { builtinError } from './errors.js';
import { ensureInteger, ensureNumber, ensureString } from './operands.js';

/** Bounds a single call's output, so a policy cannot exhaust host memory with one range. */
const MAX_RANGE_LENGTH = 10_000_000;

function rangeStep(from: unknown, to: unknown, step: unknown): number[] {
  const builtin = 'numbers.range_step';
  const a = ensureInteger(builtin, 1, from);
  const b = ensureInteger(builtin, 2, to);
  const s = ensureInteger(builtin, 3, step);
  if (s <= 0) throw builtinError(builtin, 'step must be a positive number above zero');
  const length = Math.floor(Math.abs(b - a) / s) + 1;
  if (length > MAX_RANGE_LENGTH) throw builtinError(builtin, `range of ${length} numbers is too large`);
  const direction = b >= a ? 1 : -1;
  return Array.from({ length }, (_, i) => a + direction * i * s);
}

/**
 * rand.intn(seed, n): a random integer in [0, |n|). OPA caches the value per
 * (seed, n) within one evaluation; the host has no notion of an evaluation, so
 * that caching belongs to the loader, which can wrap this function per query.
 */
function intn(seed: unknown, n: unknown): number {
  ensureString('rand.intn', 1, seed);
  const bound = Math.abs(Math.trunc(ensureNumber('rand.intn', 2, n)));
  if (bound === 0) return 0;
  return randomInt(Math.min(bound, 2 ** 48 - 1));
}

export const numberBuiltins = {
  'numbers.range_step': rangeStep,
  'rand.intn': intn,
};
