/**
 * Reloads through watchPolicy: a loop decides probe calls back to back (yielding
 * to the event loop between them, as a proxy does between messages) while the
 * policy file is rewritten; each sample is the time from the write to the first
 * decision made by the new revision.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callInput } from '../../src/policy/dialect/call-input.js';
import { decideWith } from '../../src/policy/policy-handle.js';
import { watchPolicy, type PolicyReloaded } from '../../src/policy/reload/index.js';
import { PROBE_TOOL, probePolicy } from './probe-policy.js';

export interface LibrarySample {
  /** Write → first decision by the new revision. */
  latencyMs: number;
  /** Reading, compiling and building the bundle. */
  buildMs: number;
  /** Build plus instantiation, up to the swap. */
  rebuildMs: number;
  /** The longest time between two decisions during the reload: how long calls waited. */
  stallMs: number;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

export async function libraryReloads(profile: string, reloads: number, buildOn: 'worker' | 'main', debounceMs: number): Promise<LibrarySample[]> {
  const dir = mkdtempSync(join(tmpdir(), 'toolgate-bench-reload-'));
  const file = join(dir, 'policy.yaml');
  writeFileSync(file, probePolicy(profile, 0));
  const events: PolicyReloaded[] = [];
  const handle = await watchPolicy(file, { buildOn, debounceMs, reloadSignal: null, report: () => {}, onReloaded: (event) => void events.push(event) });
  const probe = callInput({ tool: PROBE_TOOL });
  const samples: LibrarySample[] = [];
  try {
    // version 1 warms up (worker start, JIT) and is not counted
    for (let version = 1; version <= reloads + 1; version++) {
      let last = performance.now();
      let stallMs = 0;
      const written = performance.now();
      writeFileSync(file, probePolicy(profile, version));
      for (;;) {
        const decided = decideWith(handle, probe);
        const now = performance.now();
        stallMs = Math.max(stallMs, now - last);
        last = now;
        if (decided.decision.rule === `bench-${version}`) break;
        if (now - written > 30_000) throw new Error(`${profile}: version ${version} was not decided within 30 s`);
        await nextTurn();
      }
      const latencyMs = last - written;
      while (events.length < version) await nextTurn();
      const event = events[version - 1];
      if (version > 1) samples.push({ latencyMs, buildMs: event.buildMillis, rebuildMs: event.durationMillis, stallMs });
    }
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return samples;
}
