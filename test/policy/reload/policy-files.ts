/** Small YAML policies written to temporary folders, for the reload tests. */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callInput } from '../../../src/policy/dialect/call-input.js';
import type { ToolgatePolicy } from '../../../src/policy/toolgate-policy.js';

/** A policy that decides the `echo` tool with `action` and denies everything else. */
export function echoPolicy(action: string, extra = ''): string {
  return ['version: "1.0"', 'default_action: deny', 'rules:', '  - id: echo-rule', '    tool: echo', `    action: ${action}`, extra].join('\n');
}

export function temporaryFolder(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'toolgate-reload-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Saves as editors do: a temporary file renamed over the original. */
export function saveAtomically(path: string, text: string | Uint8Array): void {
  writeFileSync(`${path}.tmp-save`, text);
  renameSync(`${path}.tmp-save`, path);
}

export function allowsEcho(policy: ToolgatePolicy): boolean {
  return policy.decide(callInput({ tool: 'echo', arguments: { message: 'hi' } })).allow;
}
