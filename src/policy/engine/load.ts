import { loadPolicy, type LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { hostBuiltins } from './builtins/index.js';
import { BuiltinError } from './builtins/errors.js';
import type { Bundle } from './bundle.js';

/** Raised when a policy fails at run time (conflicts, aborts, strict builtin errors). */
export class EvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationError';
  }
}

export type ResultSet = Array<{ result: unknown }>;

export interface LoadedBundle {
  readonly revision: string;
  readonly entrypoints: readonly string[];
  /** Evaluates an entrypoint; an undefined input is no input at all. Throws EvaluationError. */
  evaluate(input: unknown, entrypoint: string): ResultSet;
  setData(data: unknown): void;
}

const encoder = new TextEncoder();

/** Loads a bundle with toolgate's host builtins wired in. */
export async function loadBundle(bundle: Bundle): Promise<LoadedBundle> {
  const strict = bundle.manifest.metadata?.strict_builtin_errors === true;
  const policy = await loadPolicy(bundle.wasm, { initial: 5 }, builtinsFor(strict)).catch((error: unknown) => {
    throw toEvaluationError(error);
  });
  if (bundle.data !== undefined) guard(() => policy.setData(asJsonBuffer(bundle.data)));
  return new WasmPolicy(policy, bundle.manifest.revision);
}

class WasmPolicy implements LoadedBundle {
  readonly entrypoints: readonly string[];

  constructor(
    private readonly policy: LoadedPolicy,
    readonly revision: string,
  ) {
    this.entrypoints = Object.keys(policy.entrypoints as Record<string, number>);
  }

  evaluate(input: unknown, entrypoint: string): ResultSet {
    if (!this.entrypoints.includes(entrypoint)) throw new EvaluationError(`unknown entrypoint ${entrypoint}`);
    return guard(() => this.policy.evaluate(input === undefined ? undefined : asJsonBuffer(input), entrypoint)) as ResultSet;
  }

  setData(data: unknown): void {
    guard(() => this.policy.setData(asJsonBuffer(data)));
  }
}

/**
 * The SDK treats any falsy input (0, false, "", null) as "no input"; passing the
 * JSON text as bytes keeps those values, and saves one stringify per call.
 */
function asJsonBuffer(value: unknown): ArrayBuffer {
  const bytes = encoder.encode(JSON.stringify(value));
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return (whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
}

/** OPA's default: a builtin error makes the call undefined; strict mode fails the evaluation. */
function builtinsFor(strict: boolean): Record<string, (...args: unknown[]) => unknown> {
  const wrapped: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [name, impl] of Object.entries(hostBuiltins)) {
    wrapped[name] = (...args: unknown[]) => {
      try {
        return impl(...args);
      } catch (error) {
        if (!strict && error instanceof BuiltinError) return undefined;
        throw error;
      }
    };
  }
  return wrapped;
}

function guard<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw toEvaluationError(error);
  }
}

function toEvaluationError(error: unknown): EvaluationError {
  if (error instanceof EvaluationError) return error;
  if (error instanceof Error) return new EvaluationError(error.message);
  if (typeof error === 'object' && error !== null && 'message' in error) return new EvaluationError(String(error.message));
  return new EvaluationError(String(error));
}
