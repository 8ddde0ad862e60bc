/** A built-in profile with one probe rule on top whose id names the version, so a decision tells which revision made it. */
import { readFileSync } from 'node:fs';
import { profilePath } from '../../src/policy/dialect/index.js';

export const PROBE_TOOL = 'bench_probe';

export function probePolicy(profile: string, version: number): string {
  const text = readFileSync(profilePath(profile)!, 'utf8');
  const rule = [`  - id: bench-${version}`, `    tool: ${PROBE_TOOL}`, '    action: deny', `    reason: "bench revision ${version}"`].join('\n');
  if (!/^rules:\n/m.test(text)) throw new Error(`profile ${profile} has no top-level rules: list`);
  return text.replace(/^rules:\n/m, `rules:\n${rule}\n`);
}
