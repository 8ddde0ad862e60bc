/**
 * What the function emitter needs to know about the whole policy: the runtime's
 * functions, the static data, where each call goes (a planned function, a
 * native builtin, or the host), and the host builtin ids.
 */
import type { Func, Operand, Policy, SourceLocation, Stmt } from '../ir.js';
import { lookupBuiltin } from '../builtins/table.js';
import type { RegoType } from '../builtins/declaration.js';
import type { Runtime } from './runtime-module.js';
import type { StaticData } from './static-data.js';
import { hasHostFallback, nativeArity, nativeExportName } from './native-builtins.js';

export type CallTarget =
  | { kind: 'func'; index: number }
  /** hostId: for natives that leave some calls to the host (passed as the first argument). */
  | { kind: 'native'; index: number; hostId?: number }
  | { kind: 'host'; index: number; id: number; toSet: boolean };

/** The OPA Wasm ABI imports opa_builtin0..4. */
export const MAX_HOST_ARITY = 4;

function isSetType(t: RegoType): boolean {
  return t === 'set' || (typeof t === 'object' && 'set' in t);
}

export class EmitContext {
  readonly trueAddr: number;
  readonly falseAddr: number;
  readonly nullAddr: number;
  /** Host builtins in id order. */
  readonly hostBuiltins: string[] = [];
  private readonly hostIds = new Map<string, number>();
  private readonly funcs = new Map<string, Func>();
  private readonly funcIndexes = new Map<string, number>();
  /** The runtime global naming the builtin call in flight (errors.as.ts). */
  readonly callSiteGlobal: number;
  /** Whether the policy needs the runtime's persistent region (compiled patterns). */
  usesPersistentRegion = false;

  constructor(
    private readonly runtime: Runtime,
    readonly data: StaticData,
    private readonly policy: Policy,
    /** Builtin errors abort the evaluation (else the runtime's own builtins never raise one). */
    readonly strictBuiltinErrors: boolean,
  ) {
    this.trueAddr = runtime.constant('rt_true');
    this.falseAddr = runtime.constant('rt_false');
    this.nullAddr = runtime.constant('rt_null');
    this.callSiteGlobal = runtime.global('rt_call_site');
    for (const f of policy.funcs) this.funcs.set(f.name, f);
    // host ids in the order the policy declares its builtins, so they are stable
    for (const b of policy.static.builtins) {
      if (!this.funcs.has(b.name) && (!this.isNative(b.name) || hasHostFallback(b.name))) this.hostId(b.name);
    }
  }

  rt(name: string): number {
    return this.runtime.func(name);
  }

  string(index: number): string {
    const s = this.policy.static.strings[index];
    if (s === undefined) throw new Error(`IR refers to string #${index}, which does not exist`);
    return s;
  }

  setFuncIndex(name: string, index: number): void {
    this.funcIndexes.set(name, index);
  }

  funcIndex(name: string): number {
    const i = this.funcIndexes.get(name);
    if (i === undefined) throw new Error(`IR calls function ${name}, which is not planned`);
    return i;
  }

  private isNative(name: string, argc?: number): boolean {
    const arity = nativeArity(name);
    return arity !== undefined && (argc === undefined || arity === argc);
  }

  private hostId(name: string): number {
    let id = this.hostIds.get(name);
    if (id === undefined) {
      id = this.hostBuiltins.length;
      this.hostBuiltins.push(name);
      this.hostIds.set(name, id);
    }
    return id;
  }

  resolveCall(name: string, argc: number): CallTarget {
    const f = this.funcs.get(name);
    if (f) {
      if (f.params.length !== argc) throw new Error(`IR calls ${name} with ${argc} arguments; it takes ${f.params.length}`);
      return { kind: 'func', index: this.funcIndex(name) };
    }
    if (this.isNative(name, argc)) {
      const index = this.runtime.func(nativeExportName(name));
      if (!hasHostFallback(name)) return { kind: 'native', index };
      if (name === 'regex.match' || name === 'glob.match') this.usesPersistentRegion = true;
      return { kind: 'native', index, hostId: this.hostId(name) };
    }
    if (argc > MAX_HOST_ARITY) {
      throw new Error(`builtin ${name} takes ${argc} arguments; host builtins take at most ${MAX_HOST_ARITY}`);
    }
    const decl = lookupBuiltin(name);
    return {
      kind: 'host',
      index: this.runtime.func(`rt_host${argc}`),
      id: this.hostId(name),
      toSet: decl !== undefined && isSetType(decl.result),
    };
  }

  /** Functions a dynamic call may reach: same path length and arity, matching every constant segment. */
  dynamicTargets(path: Operand[], argc: number): Func[] {
    return this.policy.funcs.filter(
      (f) =>
        f.path.length === path.length &&
        f.params.length === argc &&
        path.every((seg, k) => seg.kind !== 'string' || this.string(seg.index) === f.path[k]),
    );
  }

  /**
   * Whether a builtin call may raise an error that names its call site: every
   * call reaching the host, and the runtime's own builtins in strict mode.
   */
  raisesErrors(target: CallTarget): boolean {
    if (target.kind === 'host') return true;
    return target.kind === 'native' && (this.strictBuiltinErrors || target.hostId !== undefined);
  }

  /** The static "file:row" string value of a call site, as errors print it (0: unknown). */
  callSite(location?: SourceLocation): number {
    if (!location || location.row <= 0) return 0;
    const file = this.policy.static.files[location.file];
    return file === undefined ? 0 : this.data.string(`${file}:${location.row}`);
  }

  /** The text of an error statement: "file:row: message" when the location is known. */
  errorMessage(stmt: Extract<Stmt, { op: 'error' }>): string {
    const message = this.string(stmt.message);
    const file = this.policy.static.files[stmt.file];
    return file !== undefined && stmt.row > 0 ? `${file}:${stmt.row}: ${message}` : message;
  }
}
