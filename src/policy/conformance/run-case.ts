import { buildBundle, type Toolchain } from '../engine/build.js';
import { loadBundle } from '../engine/load.js';
import type { ConformanceCase } from './cases.js';
import { resultSetsEqual, sortBindings } from './compare.js';
import { planQuery } from './query.js';
import { lookupBuiltin } from '../rego/builtins/table.js';

export type CaseStatus =
  | 'pass'
  | 'wrong_result'
  | 'missing_error'
  | 'wrong_error'
  | 'unexpected_error'
  | 'unsupported_builtin'
  | 'compile_error'
  | 'timeout'
  | 'skipped';

export interface CaseOutcome {
  status: CaseStatus;
  message?: string;
}

type Bindings = Array<Record<string, unknown>>;

export async function runCase(c: ConformanceCase, toolchain: Toolchain, opaPath?: string): Promise<CaseOutcome> {
  const input = caseInput(c);
  if (input.skip) return { status: 'skipped', message: input.skip };
  const expectsError = c.wantError !== undefined || c.wantErrorCode !== undefined;
  let actual: Bindings;
  try {
    actual = await evaluateQuery(c, input.value, toolchain, opaPath);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (expectsError) return errorMatches(c, message) ? { status: 'pass' } : { status: 'wrong_error', message };
    if (isUnsupportedBuiltin(message)) return { status: 'unsupported_builtin', message };
    if (/^\S+:\d+:\d+: rego_|^rego_/m.test(message)) return { status: 'compile_error', message };
    return { status: 'unexpected_error', message };
  }
  if (expectsError) return { status: 'missing_error', message: `got ${JSON.stringify(actual)}` };
  if (c.wantDefined !== undefined) {
    return actual.length > 0 === c.wantDefined ? { status: 'pass' } : { status: 'wrong_result', message: `defined: ${actual.length > 0}` };
  }
  const expected = c.wantResult ?? [];
  const [got, want] = c.sortBindings ? [sortBindings(actual), sortBindings(expected)] : [actual, expected];
  if (resultSetsEqual(got, want)) return { status: 'pass' };
  return { status: 'wrong_result', message: `got ${JSON.stringify(actual)}, want ${JSON.stringify(expected)}` };
}

async function evaluateQuery(c: ConformanceCase, input: unknown, toolchain: Toolchain, opaPath?: string): Promise<Bindings> {
  const plan = planQuery(c.query);
  const modules = c.modules.map((source, i) => ({ file: `test-${i}.rego`, source }));
  if (plan.kind === 'wrapped') modules.push({ file: 'query.rego', source: plan.module });
  const bundle = await buildBundle({
    modules,
    data: c.data ?? {},
    entrypoints: [plan.entrypoint],
    strictBuiltinErrors: c.strictError,
    toolchain,
    opaPath,
  });
  const policy = await loadBundle(bundle);
  const results = policy.evaluate(input, plan.entrypoint);
  if (plan.kind === 'entrypoint') return results.map((r) => ({ [plan.variable]: r.result }));
  return results.flatMap((r) => (Array.isArray(r.result) ? (r.result as Bindings) : []));
}

function caseInput(c: ConformanceCase): { value?: unknown; skip?: string } {
  if (c.inputTerm === undefined) return { value: c.input };
  try {
    return { value: JSON.parse(c.inputTerm) };
  } catch {
    return { skip: `input_term is not JSON: ${c.inputTerm}` };
  }
}

function errorMatches(c: ConformanceCase, message: string): boolean {
  if (c.wantErrorCode !== undefined && !message.includes(c.wantErrorCode)) return false;
  return c.wantError === undefined || message.includes(c.wantError);
}

function isUnsupportedBuiltin(message: string): boolean {
  if (message.includes('not implemented: built-in function')) return true;
  const undefinedFunction = /undefined function:? ([\w.]+)/.exec(message);
  return undefinedFunction !== null && lookupBuiltin(undefinedFunction[1]) !== undefined;
}
