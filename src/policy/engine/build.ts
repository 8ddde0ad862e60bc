import { createHash } from 'node:crypto';
import { parseModule } from '../rego/parse.js';
import { compileToIR } from '../rego/compile.js';
import { emitWasm } from '../rego/wasm/index.js';
import type { Bundle } from './bundle.js';
import { buildWithOpa } from './opa-toolchain.js';
import type { PolicyModule } from './sources.js';

export type Toolchain = 'embedded' | 'opa';

export interface BuildOptions {
  modules: PolicyModule[];
  /** Base document placed in the bundle's data.json. */
  data?: unknown;
  /** Slash paths under data: "toolgate/decision". */
  entrypoints: string[];
  /** OPA's strict builtin errors: a builtin error fails evaluation instead of making the call undefined. */
  strictBuiltinErrors?: boolean;
  toolchain?: Toolchain;
  /** The `opa` binary for the opa toolchain (default: `opa` on PATH). */
  opaPath?: string;
}

const CACHE_LIMIT = 64;
const cache = new Map<string, Promise<Bundle>>();

/**
 * Builds a bundle laid out as `opa build -t wasm` does. Bundles are cached by
 * the hash of everything that goes into them; the revision is the hash of the sources.
 */
export function buildBundle(options: BuildOptions): Promise<Bundle> {
  const key = cacheKey(options);
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const built = build(options);
  cache.set(key, built);
  built.catch(() => cache.delete(key));
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return built;
}

async function build(options: BuildOptions): Promise<Bundle> {
  const toolchain = options.toolchain ?? 'embedded';
  const strict = options.strictBuiltinErrors ?? false;
  const manifest = {
    revision: sourcesRevision(options.modules, options.data),
    roots: [''],
    wasm: options.entrypoints.map((entrypoint) => ({ entrypoint, module: '/policy.wasm' })),
    metadata: { toolchain, strict_builtin_errors: strict },
  };
  if (toolchain === 'opa') {
    const wasm = await buildWithOpa(options.modules, options.entrypoints, options.opaPath);
    return { wasm, data: options.data ?? {}, manifest };
  }
  const modules = options.modules.map((m) => parseModule(m.source, m.file));
  const ir = compileToIR(modules, { entrypoints: options.entrypoints });
  return { wasm: emitWasm(ir, { strictBuiltinErrors: strict }), data: options.data ?? {}, manifest };
}

export function sourcesRevision(modules: PolicyModule[], data?: unknown): string {
  const hash = createHash('sha256');
  for (const m of [...modules].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    hash.update(m.file).update('\0').update(m.source).update('\0');
  }
  hash.update(JSON.stringify(data ?? {}));
  return 'sha256:' + hash.digest('hex');
}

function cacheKey(options: BuildOptions): string {
  return createHash('sha256')
    .update(sourcesRevision(options.modules, options.data))
    .update(JSON.stringify([options.entrypoints, options.toolchain ?? 'embedded', options.strictBuiltinErrors ?? false, options.opaPath ?? '']))
    .digest('hex');
}
