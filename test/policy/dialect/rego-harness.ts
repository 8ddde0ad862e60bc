/**
 * Runs a compiled YAML policy through the project's Rego compiler and the
 * test-only IR interpreter (test/policy/rego/support), until the Wasm engine's
 * buildBundle/loadBundle can run it. The few core string/array builtins the
 * interpreter leaves to the Wasm runtime are given here with Rego semantics
 * (a wrong operand type makes the call undefined).
 */
import { hostBuiltins } from '../../../src/policy/engine/builtins/index.js';
import { compileToIR } from '../../../src/policy/rego/compile.js';
import { parseModule } from '../../../src/policy/rego/parse.js';
import type { CompiledPolicy } from '../../../src/policy/dialect/index.js';
import type { BuiltinImpl } from '../rego/support/core-builtins.js';
import { Interpreter } from '../rego/support/interpreter.js';
import { RSet, compare, fromJSON, toJSON, type Value } from '../rego/support/values.js';

const strings = (...vs: Value[]) => vs.every((v) => typeof v === 'string');
const items = (v: Value): Value[] | undefined => (Array.isArray(v) ? v : v instanceof RSet ? [...v.items.values()] : undefined);

const coreForTests: Record<string, BuiltinImpl> = {
  sort: (v) => items(v)?.slice().sort(compare),
  min: (v) => items(v)?.slice().sort(compare)[0],
  'array.concat': (a, b) => (Array.isArray(a) && Array.isArray(b) ? [...a, ...b] : undefined),
  lower: (s) => (typeof s === 'string' ? s.toLowerCase() : undefined),
  startswith: (s, p) => (strings(s, p) ? (s as string).startsWith(p as string) : undefined),
  endswith: (s, p) => (strings(s, p) ? (s as string).endsWith(p as string) : undefined),
  contains: (s, p) => (strings(s, p) ? (s as string).includes(p as string) : undefined),
  trim_suffix: (s, p) => (strings(s, p) ? ((s as string).endsWith(p as string) ? (s as string).slice(0, -(p as string).length || undefined) : s) : undefined),
  split: (s, d) => (strings(s, d) ? (s as string).split(d as string) : undefined),
  replace: (s, a, b) => (strings(s, a, b) ? (s as string).split(a as string).join(b as string) : undefined),
  concat: (d, xs) => {
    const parts = items(xs);
    return typeof d === 'string' && parts?.every((p) => typeof p === 'string') ? parts.join(d) : undefined;
  },
};

const builtins: Record<string, BuiltinImpl> = {
  ...Object.fromEntries(
    Object.entries(hostBuiltins).map(([name, f]) => [
      name,
      (...args: Value[]) => {
        const r = (f as (...a: unknown[]) => unknown)(...args.map(toJSON));
        return r === undefined ? undefined : fromJSON(r);
      },
    ]),
  ),
  ...coreForTests,
};

export interface PolicyRunner {
  evaluate(input: unknown, entrypoint: string, data?: unknown): unknown;
}

export function runnerFor(compiled: CompiledPolicy): PolicyRunner {
  const modules = compiled.modules.map((m) => parseModule(m.source, m.file));
  const ir = compileToIR(modules, { entrypoints: [compiled.entrypoint, compiled.toolHiddenEntrypoint] });
  const interpreter = new Interpreter(ir, { builtins, maxSteps: 2_000_000 });
  return {
    evaluate(input, entrypoint, data = compiled.data ?? {}) {
      const results = interpreter.evaluate(entrypoint, fromJSON(input), fromJSON(data));
      return results.length === 0 ? undefined : toJSON(results[0]);
    },
  };
}
