/** Test helper: Rego sources → compileToIR → IR interpreter → JSON results. */
import { compileToIR } from '../../../../src/policy/rego/compile.js';
import { parseModule } from '../../../../src/policy/rego/parse.js';
import { hostForInterpreter } from './host-builtins.js';
import { Interpreter } from './interpreter.js';
import { validatePolicy } from './validate-ir.js';
import { RObject, fromJSON, toJSON, type Value } from './values.js';

export interface EvalOptions {
  input?: unknown;
  data?: unknown;
}

export function compileSources(sources: string | string[], entrypoints: string[]) {
  const list = Array.isArray(sources) ? sources : [sources];
  return compileToIR(
    list.map((s, i) => parseModule(s, `policy${i}.rego`)),
    { entrypoints },
  );
}

/** The values of the entrypoint's result set, as JSON (sets become sorted arrays). */
export function evalRego(sources: string | string[], entrypoint: string, options: EvalOptions = {}): unknown[] {
  const policy = compileSources(sources, [entrypoint]);
  const problems = validatePolicy(policy);
  if (problems.length > 0) throw new Error(`invalid IR:\n${problems.join('\n')}`);
  const input = options.input === undefined ? undefined : fromJSON(options.input);
  const results = new Interpreter(policy, { builtins: hostForInterpreter }).evaluate(entrypoint, input, fromJSON(options.data ?? {}));
  return results.map((r) => toJSON((r as RObject).get('result') as Value));
}

/** The single value of the entrypoint, or undefined when its result set is empty. */
export function evalOne(sources: string | string[], entrypoint: string, options: EvalOptions = {}): unknown {
  const results = evalRego(sources, entrypoint, options);
  if (results.length > 1) throw new Error(`expected at most one result, got ${JSON.stringify(results)}`);
  return results[0];
}
