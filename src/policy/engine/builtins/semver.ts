import semver from 'semver';
import { builtinError } from './errors.js';
import { ensureString } from './operands.js';

/** Strict SemVer 2.0.0: no leading "v" or "=", no loose forms. */
function parseStrict(text: string): semver.SemVer | null {
  if (!/^\d/.test(text)) return null;
  const parsed = semver.parse(text, { loose: false });
  return parsed && parsed.version === text.replace(/\+.*$/, '') ? parsed : null;
}

function compare(a: unknown, b: unknown): number {
  const builtin = 'semver.compare';
  const x = ensureString(builtin, 1, a);
  const y = ensureString(builtin, 2, b);
  const vx = parseStrict(x);
  if (!vx) throw builtinError(builtin, `operand 1: string ${JSON.stringify(x)} is not a valid SemVer`);
  const vy = parseStrict(y);
  if (!vy) throw builtinError(builtin, `operand 2: string ${JSON.stringify(y)} is not a valid SemVer`);
  return semver.compare(vx, vy);
}

function isValid(value: unknown): boolean {
  return typeof value === 'string' && parseStrict(value) !== null;
}

export const semverBuiltins = {
  'semver.compare': compare,
  'semver.is_valid': isValid,
};
