/**
 * Reloads in a running `toolgate protect` (the build in dist/) in front of
 * server-everything, driven by an SDK client: probe calls go back to back
 * while the policy file is rewritten; each sample is the time from the write
 * to the first answer decided by the new revision. The rebuild time is the
 * duration_ms of the policy.reloaded audit event.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { PROBE_TOOL, probePolicy } from './probe-policy.js';

export interface ProtectSample {
  latencyMs: number;
  rebuildMs: number;
}

export interface ProtectRun {
  /** The first reload, 3 s after the start (the build worker has warmed up by then). */
  firstMs: number;
  samples: ProtectSample[];
}

const repo = join(import.meta.dirname, '..', '..');
export const builtCli = join(repo, 'dist', 'cli', 'main.js');
const everything = join(repo, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');

export async function protectReloads(profile: string, reloads: number): Promise<ProtectRun> {
  if (!existsSync(builtCli)) throw new Error(`${builtCli} is missing: run npm run build first`);
  const dir = mkdtempSync(join(tmpdir(), 'toolgate-bench-protect-'));
  const file = join(dir, 'policy.yaml');
  const auditLog = join(dir, 'audit.log');
  writeFileSync(file, probePolicy(profile, 0));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [builtCli, 'protect', '--policy', file, '--no-pins', '--audit-log', auditLog, '--', process.execPath, everything],
    stderr: 'pipe',
  });
  const client = new Client({ name: 'reload-bench', version: '1.0.0' });
  await client.connect(transport);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const latencies: number[] = [];
  let firstMs = 0;
  try {
    for (let version = 1; version <= reloads + 1; version++) {
      const written = performance.now();
      writeFileSync(file, probePolicy(profile, version));
      for (;;) {
        const answer = (await client.callTool({ name: PROBE_TOOL, arguments: {} })) as { content: Array<{ text?: string }> };
        const now = performance.now();
        if (answer.content[0]?.text?.endsWith(`bench revision ${version}`)) {
          if (version > 1) latencies.push(now - written);
          else firstMs = now - written;
          break;
        }
        if (now - written > 30_000) throw new Error(`${profile}: version ${version} was not decided within 30 s: ${JSON.stringify(answer)}`);
      }
    }
  } finally {
    await client.close();
  }
  const rebuilds = readFileSync(auditLog, 'utf8')
    .split('\n')
    .filter((line) => line.includes('policy.reloaded'))
    .map((line) => (JSON.parse(line) as { data: { duration_ms: number } }).data.duration_ms)
    .slice(1);
  rmSync(dir, { recursive: true, force: true });
  return { firstMs, samples: latencies.map((latencyMs, i) => ({ latencyMs, rebuildMs: rebuilds[i] })) };
}
