import { readFile, stat } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { DecisionDocument, InputDocument } from './documents.js';
import { compilePolicy, loadPolicyFile, PROFILES } from './dialect/index.js';
import { resolvePolicyPath } from './dialect/resolve-policy-path.js';
import { buildBundle, collectSources, loadBundle, unpackBundle, type Bundle, type LoadedBundle, type PolicyModule } from './engine/index.js';
import { parseModule } from './rego/parse.js';

/** The profile protect uses when no --policy is given. */
export const DEFAULT_PROFILE = 'standard';

export const DECISION_ENTRYPOINT = 'toolgate/decision';
export const TOOL_HIDDEN_ENTRYPOINT = 'toolgate/tool_hidden';

/** A loaded, ready-to-decide policy of any source form. */
export interface ToolgatePolicy {
  /** Hash of the sources (or the bundle's own revision). */
  readonly revision: string;
  readonly mode: 'enforce' | 'shadow';
  /** What was loaded, for messages: a path or a profile name. */
  readonly origin: string;
  /** Never throws: an evaluation error or a malformed answer is a deny (fail closed). */
  decide(input: InputDocument): DecisionDocument;
  /** Whether a tool is denied whatever its arguments (for tools/list filtering); false when the policy cannot say. */
  toolHidden(input: InputDocument): boolean;
}

export interface PolicyLoadOptions {
  /** Allowed roots for `within: roots` (data.toolgate.roots), overriding the policy's own. */
  roots?: string[];
}

/** A policy built but not loaded yet: plain data, so a worker thread can build it and hand it over. */
export interface BuiltToolgatePolicy {
  bundle: Bundle;
  mode: 'enforce' | 'shadow';
  /** What was asked for: a path or a profile name. */
  origin: string;
  /** What the spec turned out to be, and the file or folder it located (absolute). */
  kind: 'bundle' | 'yaml' | 'rego';
  path: string;
  /** Every file the policy was built from (absolute): YAML layers, Rego modules, the bundle. */
  files: string[];
}

/**
 * Loads `--policy <profile | policy.yaml | dir | bundle.tar.gz | file.rego>`:
 * YAML goes through the dialect compiler, Rego and folders through the
 * embedded toolchain, bundles load as they are. Every form decides at toolgate/decision.
 */
export async function loadToolgatePolicy(spec: string, options: PolicyLoadOptions = {}): Promise<ToolgatePolicy> {
  return loadBuiltPolicy(await buildToolgatePolicy(spec, options), options);
}

/** Reads and compiles a policy to a bundle (the slow part of loading), without instantiating it. */
export async function buildToolgatePolicy(spec: string, options: PolicyLoadOptions = {}): Promise<BuiltToolgatePolicy> {
  const { kind, path } = await locate(resolvePolicyPath(spec));
  const located = { origin: spec, kind, path: resolve(path) };
  if (kind === 'bundle') return { ...located, bundle: unpackBundle(await readFile(path)), mode: 'enforce', files: [located.path] };
  if (kind === 'yaml') {
    const source = loadPolicyFile(path);
    const compiled = compilePolicy(source);
    const data = withRoots(compiled.data ?? {}, options.roots);
    const bundle = await buildBundle({ modules: compiled.modules, data, entrypoints: [compiled.entrypoint, compiled.toolHiddenEntrypoint] });
    const files = [...source.files.map((f) => f.file), ...source.regoModules.map((m) => resolve(m.file))];
    return { ...located, bundle, mode: compiled.mode, files };
  }
  const { modules, data } = await collectSources([path]);
  if (!modules.some(definesDecision)) {
    throw new Error(`${spec}: no Rego module defines the decision (package toolgate, rule decision) that protect evaluates`);
  }
  const bundle = await buildBundle({ modules, data: withRoots(data, options.roots), entrypoints: [DECISION_ENTRYPOINT, TOOL_HIDDEN_ENTRYPOINT] });
  return { ...located, bundle, mode: 'enforce', files: modules.map((m) => resolve(m.file)) };
}

/** Instantiates a built policy (roots given here reach bundles built elsewhere too). */
export function loadBuiltPolicy(built: BuiltToolgatePolicy, options: PolicyLoadOptions = {}): Promise<ToolgatePolicy> {
  return fromBundle(built.bundle, built.origin, built.mode, options);
}

async function fromBundle(bundle: Bundle, origin: string, mode: 'enforce' | 'shadow', options: PolicyLoadOptions): Promise<ToolgatePolicy> {
  const loaded = await loadBundle(options.roots ? { ...bundle, data: withRoots(bundle.data, options.roots) } : bundle);
  if (!loaded.entrypoints.includes(DECISION_ENTRYPOINT)) {
    throw new Error(`${origin}: the policy has no ${DECISION_ENTRYPOINT} entrypoint (found: ${loaded.entrypoints.join(', ') || 'none'})`);
  }
  return new WasmToolgatePolicy(loaded, origin, mode);
}

class WasmToolgatePolicy implements ToolgatePolicy {
  readonly revision: string;

  constructor(
    private readonly loaded: LoadedBundle,
    readonly origin: string,
    readonly mode: 'enforce' | 'shadow',
  ) {
    this.revision = loaded.revision;
  }

  decide(input: InputDocument): DecisionDocument {
    let results;
    try {
      results = this.loaded.evaluate(input, DECISION_ENTRYPOINT);
    } catch (error) {
      return failClosed(`policy evaluation failed: ${(error as Error).message}`);
    }
    const decision = results[0]?.result;
    if (!isDecision(decision)) return failClosed('the policy returned no decision document');
    return decision;
  }

  toolHidden(input: InputDocument): boolean {
    if (!this.loaded.entrypoints.includes(TOOL_HIDDEN_ENTRYPOINT)) return false;
    try {
      return this.loaded.evaluate(input, TOOL_HIDDEN_ENTRYPOINT)[0]?.result === true;
    } catch {
      return false;
    }
  }
}

function definesDecision(module: PolicyModule): boolean {
  const parsed = parseModule(module.source, module.file);
  const path = parsed.package.terms.slice(1).map((t) => (t.type === 'string' ? t.value : ''));
  return path.length === 1 && path[0] === 'toolgate' && parsed.rules.some((r) => r.head.ref[0]?.type === 'var' && r.head.ref[0].name === 'decision');
}

function failClosed(reason: string): DecisionDocument {
  return { allow: false, reasons: [reason], rule: 'toolgate.error', severity: 'critical' };
}

function isDecision(value: unknown): value is DecisionDocument {
  if (value === null || typeof value !== 'object') return false;
  const decision = value as Partial<DecisionDocument>;
  return typeof decision.allow === 'boolean' && (decision.reasons === undefined || Array.isArray(decision.reasons));
}

function withRoots(data: unknown, roots: string[] | undefined): unknown {
  if (!roots) return data;
  const base = (data ?? {}) as Record<string, Record<string, unknown> | undefined>;
  return { ...base, toolgate: { ...(base.toolgate ?? {}), roots } };
}

/** A folder holding one YAML policy is that policy (with the Rego beside it); any other folder is Rego + data. */
async function locate(path: string): Promise<{ kind: 'bundle' | 'yaml' | 'rego'; path: string }> {
  if (path.endsWith('.tar.gz') || path.endsWith('.tgz')) return { kind: 'bundle', path };
  const info = await stat(path).catch(() => {
    throw new Error(`policy not found: ${path} (give a file, a folder, a bundle or one of ${PROFILES.join(', ')})`);
  });
  if (!info.isDirectory()) return { kind: isPolicyYaml(path) ? 'yaml' : 'rego', path };
  const policies = readdirSync(path).filter(isPolicyYaml);
  if (policies.length > 1) throw new Error(`${path} holds several YAML policies (${policies.join(', ')}): name one`);
  return policies.length === 1 ? { kind: 'yaml', path: join(path, policies[0]) } : { kind: 'rego', path };
}

function isPolicyYaml(path: string): boolean {
  const name = basename(path);
  return ['.yaml', '.yml'].includes(extname(name)) && !/^data\.ya?ml$/.test(name) && !/\.tests\.ya?ml$/.test(name);
}
