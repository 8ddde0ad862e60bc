import { loadPolicy, type LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { loadHostBuiltins, type HostBuiltin } from './builtins/host-builtin-categories.js';
import type { Bundle } from './bundle.js';
import { EvaluationMemo } from './evaluation-memo.js';
import { hostCall } from './host-builtin-call.js';

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
const decoder = new TextDecoder();

/** Loads a bundle with the host builtins its policy calls wired in (only their categories are imported). */
export async function loadBundle(bundle: Bundle): Promise<LoadedBundle> {
  const strict = bundle.manifest.metadata?.strict_builtin_errors === true;
  // the SDK looks custom builtins up when they are called, so they can be added once the module says which it calls
  const builtins: Record<string, HostBuiltin> = {};
  const policy = await loadPolicy(bundle.wasm, { initial: 5 }, builtins).catch((error: unknown) => {
    throw toEvaluationError(error);
  });
  const options = { strict, tagged: speaksTaggedJson(policy), memo: new EvaluationMemo(), callSite: callSiteReader(policy) };
  for (const [name, impl] of Object.entries(await loadHostBuiltins(guard(() => calledBuiltins(policy))))) {
    builtins[name] = hostCall(name, impl, options);
  }
  if (bundle.data !== undefined) guard(() => policy.setData(asJsonBuffer(bundle.data)));
  return new WasmPolicy(policy, bundle.manifest.revision, options.memo);
}

class WasmPolicy implements LoadedBundle {
  readonly entrypoints: readonly string[];

  constructor(
    private readonly policy: LoadedPolicy,
    readonly revision: string,
    private readonly memo: EvaluationMemo,
  ) {
    this.entrypoints = Object.keys(policy.entrypoints as Record<string, number>);
  }

  evaluate(input: unknown, entrypoint: string): ResultSet {
    if (!this.entrypoints.includes(entrypoint)) throw new EvaluationError(`unknown entrypoint ${entrypoint}`);
    this.memo.clear();
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

interface AbiExports {
  builtins(): number;
  opa_json_dump(address: number): number;
  opa_heap_ptr_get(): number;
  opa_heap_ptr_set(address: number): void;
  /** toolgate's modules: the "file:row" string value of the builtin call in flight, or 0. */
  toolgate_call_site?(): number;
}

function instanceOf(policy: LoadedPolicy) {
  return 'instance' in policy.wasmInstance ? policy.wasmInstance.instance : policy.wasmInstance;
}

/** Modules built by toolgate's toolchain pass host values in tagged JSON (host-values.ts); OPA's do not. */
function speaksTaggedJson(policy: LoadedPolicy): boolean {
  return 'toolgate_host_values' in instanceOf(policy).exports;
}

/**
 * A value of the module as JSON, through opa_json_dump. The heap pointer is
 * put back, so the read leaves no trace in the policy's memory.
 */
function readValue(policy: LoadedPolicy, abi: AbiExports, address: number): unknown {
  const heap = abi.opa_heap_ptr_get();
  try {
    const start = abi.opa_json_dump(address);
    const bytes = new Uint8Array(policy.mem.buffer);
    const end = bytes.indexOf(0, start);
    return JSON.parse(decoder.decode(bytes.subarray(start, end)));
  } finally {
    abi.opa_heap_ptr_set(heap);
  }
}

/** The builtin names the module calls through opa_builtinN: the keys of its `builtins` export, read as the SDK reads them at load time. */
function calledBuiltins(policy: LoadedPolicy): string[] {
  const abi = instanceOf(policy).exports as unknown as AbiExports;
  return Object.keys(readValue(policy, abi, abi.builtins()) as Record<string, number>);
}

/** Reads where the builtin call in flight is written, for modules that record it (not OPA's). */
function callSiteReader(policy: LoadedPolicy): (() => string | undefined) | undefined {
  const abi = instanceOf(policy).exports as unknown as AbiExports;
  const callSite = abi.toolgate_call_site;
  if (typeof callSite !== 'function') return undefined;
  return () => {
    const address = callSite();
    return address === 0 ? undefined : String(readValue(policy, abi, address));
  };
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
  if (typeof error === 'string') return new EvaluationError(abortText(error));
  if (error instanceof Error) return new EvaluationError(error.message);
  if (typeof error === 'object' && error !== null && 'message' in error) return new EvaluationError(String(error.message));
  return new EvaluationError(String(error));
}

/**
 * The SDK throws an opa_abort message as one character per signed byte, so
 * UTF-8 (a non-ASCII file name or key) arrives as U+FF80..U+FFFF; this gives
 * the text back. Anything else is left as it is.
 */
function abortText(thrown: string): string {
  const codes = Array.from(thrown, (ch) => ch.charCodeAt(0));
  if (codes.every((c) => c < 0x80)) return thrown;
  if (!codes.every((c) => c < 0x80 || c >= 0xff80)) return thrown;
  return decoder.decode(Uint8Array.from(codes, (c) => c & 0xff));
}
