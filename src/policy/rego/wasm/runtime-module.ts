/**
 * The prebuilt runtime (dist/policy/rego/wasm/runtime.wasm, compiled by
 * scripts/build-steps/10-wasm-runtime.mjs), parsed once per process.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTERNAL, readModule, type WasmModule } from './binary/module.js';

export interface Runtime {
  module: WasmModule;
  /** Number of imported functions (defined function indexes start after them). */
  importedFuncs: number;
  /** End of the runtime's static data: the policy's static data may start here. */
  staticEnd: number;
  /** Function index of an internal export (rt_*, bi_*). */
  func(name: string): number;
  /** Global index of an exported global. */
  global(name: string): number;
  /** The constant initial value of an exported i32 global (static addresses). */
  constant(name: string): number;
  hasFunc(name: string): boolean;
}

const here = dirname(fileURLToPath(import.meta.url));

function packageRoot(): string {
  let dir = here;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('toolgate: cannot find the package root');
    dir = up;
  }
  return dir;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * In a checkout (the AssemblyScript sources are present) the runtime is
 * rebuilt when it is missing or older than its sources, whether this code runs
 * from src/ or from dist/; an installed package uses the runtime.wasm it ships.
 */
function runtimeBytes(): Uint8Array {
  const root = packageRoot();
  const sources = join(root, 'src/policy/rego/wasm/runtime');
  const built = join(root, 'dist/policy/rego/wasm/runtime.wasm');
  if (existsSync(sources)) {
    const stale = !existsSync(built) || statSync(built).mtimeMs < newestSource(sources);
    if (stale) {
      execFileSync(process.execPath, [join(root, 'scripts/build-steps/10-wasm-runtime.mjs')], { cwd: root, stdio: 'inherit' });
    }
    return readFileSync(built);
  }
  const shipped = join(here, 'runtime.wasm');
  if (!existsSync(shipped)) throw new Error(`toolgate: the Wasm runtime is missing (${shipped}); run npm run build`);
  return readFileSync(shipped);
}

function load(): Runtime {
  const module = readModule(runtimeBytes());
  const importedFuncs = module.imports.filter((i) => i.kind === 'func').length;
  let staticEnd = 0;
  for (const seg of module.data) {
    if (seg.offset !== undefined) staticEnd = Math.max(staticEnd, seg.offset + seg.bytes.length);
  }
  const funcs = new Map<string, number>();
  const globals = new Map<string, number>();
  for (const e of module.exports) {
    if (e.kind === EXTERNAL.func) funcs.set(e.name, e.index);
    else if (e.kind === EXTERNAL.global) globals.set(e.name, e.index);
  }
  const lookup = (map: Map<string, number>, kind: string, name: string): number => {
    const i = map.get(name);
    if (i === undefined) throw new Error(`toolgate: the Wasm runtime has no ${kind} ${name}`);
    return i;
  };
  return {
    module,
    importedFuncs,
    staticEnd,
    func: (name) => lookup(funcs, 'function', name),
    global: (name) => lookup(globals, 'global', name),
    constant: (name) => {
      const init = module.globals[lookup(globals, 'global', name)].init;
      if (!('value' in init)) throw new Error(`toolgate: runtime global ${name} is not a constant`);
      return Number(init.value);
    },
    hasFunc: (name) => funcs.has(name),
  };
}

let cached: Runtime | undefined;

export function loadRuntime(): Runtime {
  cached ??= load();
  return cached;
}
