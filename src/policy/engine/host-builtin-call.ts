import { BuiltinError } from './builtins/errors.js';
import type { HostBuiltin } from './builtins/host-builtin-categories.js';
import { ONCE_PER_EVALUATION, type EvaluationMemo } from './evaluation-memo.js';
import { decodeArgument, encodeResult } from './host-values.js';
import { builtinOfHostImport } from '../rego/wasm/host-import-names.js';

export interface HostCallOptions {
  /** OPA's strict-builtin-errors: a builtin error fails the evaluation instead of making the call undefined. */
  strict: boolean;
  /** The module speaks toolgate's tagged JSON (host-values.ts); false for bundles built by OPA. */
  tagged: boolean;
  memo: EvaluationMemo;
  /** Where the call in flight is written ("file:row"), when the module says; read only when a builtin fails. */
  callSite?: () => string | undefined;
}

/**
 * A host builtin as the SDK calls it: arguments decoded (sets, exact
 * integers), the result encoded back as JSON text, memoized per evaluation
 * where OPA does so, and builtin errors handled by the error mode. An error
 * that fails the evaluation names the call first, as OPA prints it:
 * "test.rego:4: eval_type_error: ...".
 * `importName` is the name the module lists it under (see host-import-names.ts).
 */
export function hostCall(importName: string, impl: HostBuiltin, options: HostCallOptions): HostBuiltin {
  const builtin = builtinOfHostImport(importName);
  const exact = impl.exactIntegers === true;
  const run = (args: unknown[]): unknown => {
    try {
      return encodeResult(impl(...(options.tagged ? args.map((a) => decodeArgument(a, exact)) : args)), options.tagged);
    } catch (error) {
      if (!options.strict && error instanceof BuiltinError) return undefined;
      throw located(error, options.callSite?.());
    }
  };
  if (!ONCE_PER_EVALUATION.has(builtin)) return (...args: unknown[]) => run(args);
  return (...args: unknown[]) => options.memo.call(builtin, args, () => run(args));
}

function located(error: unknown, site: string | undefined): unknown {
  if (site === undefined) return error;
  return new Error(`${site}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
