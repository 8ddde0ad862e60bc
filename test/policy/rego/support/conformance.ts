/**
 * Test-only conformance harness: runs OPA's YAML cases (read by path from
 * ../shared/opa-conformance) through parser → compileToIR → the IR
 * interpreter, so planner semantics can be measured without the Wasm backend.
 */
import { loadCases, type ConformanceCase } from '../../../../src/policy/conformance/cases.js';
import { resultSetsEqual, sortBindings } from '../../../../src/policy/conformance/compare.js';
import { compileToIR } from '../../../../src/policy/rego/compile.js';
import { RegoError } from '../../../../src/policy/rego/errors.js';
import { parseModule } from '../../../../src/policy/rego/parse.js';
import { Interpreter } from './interpreter.js';
import { validatePolicy } from './validate-ir.js';
import { hostForInterpreter } from './host-builtins.js';
import { RObject, fromJSON, toJSON, type Value } from './values.js';

export type CaseStatus = 'pass' | 'wrong_result' | 'missing_error' | 'wrong_error' | 'unexpected_error' | 'compile_error' | 'unsupported_builtin' | 'skipped';

export interface CaseOutcome {
  dir: string;
  file: string;
  note: string;
  status: CaseStatus;
  message: string;
}

export function entrypointOf(query: string): string | undefined {
  const m = /^\s*data((?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*=\s*x\s*$/.exec(query);
  return m ? m[1].split('.').filter(Boolean).join('/') : undefined;
}

export function runCase(c: ConformanceCase): CaseOutcome {
  const out = (status: CaseStatus, message = ''): CaseOutcome => ({ dir: c.dir, file: c.file, note: c.note, status, message });
  const entrypoint = entrypointOf(c.query);
  if (entrypoint === undefined) return out('skipped', `query form: ${c.query}`);
  let input: Value | undefined;
  try {
    input = c.input !== undefined ? fromJSON(c.input) : c.inputTerm !== undefined ? fromJSON(JSON.parse(c.inputTerm)) : undefined;
  } catch {
    return out('skipped', 'input_term is not JSON');
  }
  const wantsError = c.wantError !== undefined || c.wantErrorCode !== undefined;
  let results: Value[];
  try {
    const modules = c.modules.map((src, i) => parseModule(src, `module${i}.rego`));
    const policy = compileToIR(modules, { entrypoints: [entrypoint] });
    const problems = validatePolicy(policy);
    if (problems.length > 0) return out('unexpected_error', `invalid IR: ${problems.join('; ')}`);
    results = new Interpreter(policy, { builtins: hostForInterpreter, maxSteps: 2_000_000, strictBuiltinErrors: c.strictError }).evaluate(entrypoint, input, fromJSON(c.data ?? {}));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/builtin .* is not implemented/.test(message)) return out('unsupported_builtin', message);
    if (wantsError) {
      const code = (e as { code?: string }).code ?? message.split(':')[0];
      if (c.wantErrorCode && code !== c.wantErrorCode && !message.includes(c.wantErrorCode)) return out('wrong_error', message);
      if (c.wantError && !message.includes(c.wantError)) return out('wrong_error', message);
      return out('pass');
    }
    return out(e instanceof RegoError ? 'compile_error' : 'unexpected_error', message);
  }
  if (wantsError) return out('missing_error', `got ${JSON.stringify(results.map(toJSON))}`);
  const actual = results.map((r) => ({ x: toJSON((r as RObject).get('result') as Value) }));
  if (c.wantDefined !== undefined) {
    return (actual.length > 0) === c.wantDefined ? out('pass') : out('wrong_result', `defined: ${actual.length > 0}`);
  }
  const want = c.wantResult ?? [];
  const [a, w] = c.sortBindings ? [sortBindings(actual), sortBindings(want)] : [actual, want];
  return resultSetsEqual(a, w) ? out('pass') : out('wrong_result', `got ${JSON.stringify(a)}; want ${JSON.stringify(w)}`);
}

export async function runDirs(root: string, dirs: string[]): Promise<CaseOutcome[]> {
  const outcomes: CaseOutcome[] = [];
  for (const dir of dirs) {
    for (const c of await loadCases(`${root}/${dir}`)) outcomes.push(runCase({ ...c, dir }));
  }
  return outcomes;
}
