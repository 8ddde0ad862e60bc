import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BUILTINS, lookupBuiltin } from '../../../../src/policy/rego/builtins/table.js';
import { RUNTIME_BUILTINS } from '../../../../src/policy/rego/wasm/index.js';

interface CapabilityBuiltin {
  name: string;
  decl: { args?: unknown[]; variadic?: unknown };
  infix?: string;
}

const require = createRequire(import.meta.url);
// The package's exports map hides capabilities.json, so find it next to the entry point.
const capabilitiesPath = join(dirname(require.resolve('@open-policy-agent/opa-wasm')), '..', 'capabilities.json');
const sdkCapabilities = JSON.parse(readFileSync(capabilitiesPath, 'utf8')) as { builtins: CapabilityBuiltin[] };

/** `=` and `:=` are compiled inline by the planner; the rest is what the runtime exports. */
const PLANNER_CONSTRUCTS = ['eq', 'assign'];

describe('builtin declaration table', () => {
  it('declares every name once', () => {
    const names = BUILTINS.map((b) => b.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('covers every builtin of the OPA Wasm SDK capabilities with the same arity and operator', () => {
    for (const cap of sdkCapabilities.builtins) {
      const decl = lookupBuiltin(cap.name);
      expect(decl, cap.name).toBeDefined();
      expect(decl!.args.length, cap.name).toBe(cap.decl.args?.length ?? 0);
      expect(decl!.infix, cap.name).toBe(cap.infix);
    }
  });

  it('says wasm for exactly the builtins the Wasm runtime implements', () => {
    const inWasm = BUILTINS.filter((b) => b.runsIn === 'wasm').map((b) => b.name).sort();
    expect(inWasm).toEqual([...RUNTIME_BUILTINS, ...PLANNER_CONSTRUCTS].sort());
  });

  it('marks the builtins whose results depend on more than their arguments', () => {
    for (const name of ['time.now_ns', 'rand.intn', 'uuid.rfc4122', 'http.send', 'net.lookup_ip_addr', 'opa.runtime']) {
      expect(lookupBuiltin(name)?.nondeterministic, name).toBe(true);
    }
    expect(lookupBuiltin('regex.match')?.nondeterministic).toBeUndefined();
  });

  it('marks the builtins removed from Rego v1 as deprecated', () => {
    const deprecated = BUILTINS.filter((b) => b.deprecated).map((b) => b.name).sort();
    expect(deprecated).toEqual(
      ['all', 'any', 'cast_array', 'cast_boolean', 'cast_null', 'cast_object', 'cast_set', 'cast_string',
        'net.cidr_overlap', 're_match', 'set_diff'].sort(),
    );
  });

  it('declares set results so the Wasm side can convert host arrays back to sets', () => {
    expect(lookupBuiltin('net.cidr_merge')?.result).toEqual({ set: 'string' });
    expect(lookupBuiltin('object.keys')?.result).toEqual({ set: 'any' });
    expect(lookupBuiltin('graph.reachable')?.result).toEqual({ set: 'any' });
  });

  it('describes print as variadic and walk as a relation', () => {
    expect(lookupBuiltin('print')).toMatchObject({ args: [], variadic: 'any', runsIn: 'host' });
    expect(lookupBuiltin('walk')).toMatchObject({ args: ['any'], relation: true, runsIn: 'wasm' });
  });

  it('finds nothing for names that are not builtins', () => {
    expect(lookupBuiltin('regex.matches')).toBeUndefined();
    expect(lookupBuiltin('')).toBeUndefined();
    expect(lookupBuiltin('toString')).toBeUndefined();
  });
});
