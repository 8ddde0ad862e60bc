import { existsSync } from 'node:fs';
import { profilePath } from './paths.js';

/** A CLI policy argument: a file, or the name of a built-in profile when no such file exists. */
export function resolvePolicyPath(arg: string): string {
  if (existsSync(arg)) return arg;
  return profilePath(arg) ?? arg;
}
