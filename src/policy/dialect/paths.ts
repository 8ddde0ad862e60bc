import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: two levels above src/policy/dialect (or dist/policy/dialect). */
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const profilesDir = (): string => join(packageRoot, 'policies');
export const regoLibraryDir = (): string => join(packageRoot, 'rego', 'toolgate');

/** The built-in profiles, each policies/<name>.yaml. */
export const PROFILES = ['minimal', 'standard', 'strict', 'enterprise'] as const;

export function profilePath(name: string): string | undefined {
  return (PROFILES as readonly string[]).includes(name) ? join(profilesDir(), `${name}.yaml`) : undefined;
}
