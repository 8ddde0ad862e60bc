import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Origin } from './condition-types.js';
import { profilePath, PROFILES } from './paths.js';
import { PolicyError, type PolicyDiagnostic } from './policy-error.js';
import type { Policy, PolicySource } from './policy-types.js';
import { readPolicyLayer, type PolicyLayer } from './read-policy.js';
import { checkSchema } from './schema-check.js';
import { YamlSource } from './yaml-source.js';

/** Hand-written modules join the decision from packages under toolgate.ext. */
const EXT_PACKAGE = /^[ \t]*package[ \t]+toolgate\.ext\.[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\s*(#.*)?$/m;
const ANY_PACKAGE = /^[ \t]*package[ \t]+(\S+)/m;

interface LoadState {
  diagnostics: PolicyDiagnostic[];
  texts: Map<string, string>;
  files: Array<{ file: string; text: string }>;
  regoModules: Array<{ file: string; source: string }>;
}

/**
 * Reads, validates and resolves a policy file (and every file it extends).
 * Throws a PolicyError listing every problem with file:line:col and a caret.
 */
export function loadPolicyFile(path: string): PolicySource {
  const state: LoadState = { diagnostics: [], texts: new Map(), files: [], regoModules: [] };
  const file = resolve(path);
  const layers = loadLayers(file, path, [], state, undefined);
  if (state.diagnostics.length > 0 || layers === undefined) throw new PolicyError(state.diagnostics, state.texts);
  return { file, name: basename(file), policy: merge(layers), regoModules: state.regoModules, files: state.files };
}

/** Loads `file` and, after it, the layers it extends (own rules come first). */
function loadLayers(file: string, shown: string, stack: string[], state: LoadState, from: Origin | undefined): PolicyLayer[] | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    state.diagnostics.push({ code: 'policy_file_error', message: `cannot read policy ${shown}: ${reason}`, location: from });
    return undefined;
  }
  state.texts.set(shown, text);
  state.files.push({ file, text });
  const source = new YamlSource(shown, text);
  if (source.errors.length > 0) {
    state.diagnostics.push(...source.errors);
    return undefined;
  }
  if (source.value === null || typeof source.value !== 'object' || Array.isArray(source.value)) {
    state.diagnostics.push({ code: 'policy_schema_error', message: 'a policy is a YAML mapping (version, rules, ...)', location: source.valueAt([]) });
    return undefined;
  }
  const schemaProblems = checkSchema(source);
  const { layer, diagnostics } = readPolicyLayer(source, basename(file));
  const taken = new Set(schemaProblems.map((d) => `${d.location?.line}:${d.location?.col}`));
  const own = [...schemaProblems, ...diagnostics.filter((d) => !taken.has(`${d.location?.line}:${d.location?.col}`))];
  own.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.col ?? 0) - (b.location?.col ?? 0));
  state.diagnostics.push(...own);

  collectRego(file, shown, layer, state);

  if (!layer.extends) return [layer];
  const base = resolveExtends(layer.extends.target, file);
  if (base === undefined) {
    state.diagnostics.push({
      code: 'policy_semantic_error',
      message: `cannot extend ${JSON.stringify(layer.extends.target)}: not a built-in profile (${PROFILES.join(', ')}) nor a .yaml/.yml file`,
      location: layer.extends.origin,
    });
    return [layer];
  }
  if (base === file || stack.includes(base)) {
    const cycle = [...stack, file, base].map((f) => basename(f)).join(' -> ');
    state.diagnostics.push({ code: 'policy_semantic_error', message: `extends cycle: ${cycle}`, location: layer.extends.origin });
    return [layer];
  }
  const baseShown = profileName(layer.extends.target) ? base : join(dirname(shown), layer.extends.target);
  const baseLayers = loadLayers(base, baseShown, [...stack, file], state, layer.extends.origin);
  return [layer, ...(baseLayers ?? [])];
}

function profileName(target: string): boolean {
  return profilePath(target) !== undefined;
}

function resolveExtends(target: string, from: string): string | undefined {
  const profile = profilePath(target);
  if (profile) return profile;
  if (/\.ya?ml$/i.test(target)) return resolve(dirname(from), target);
  return undefined;
}

/** Modules listed in `rego:`, or else every *.rego beside the YAML except tests (`*_test.rego`, run by `toolgate test`). */
function collectRego(file: string, shown: string, layer: PolicyLayer, state: LoadState): void {
  const dir = dirname(file);
  const listed = layer.rego?.map((r) => ({ path: resolve(dir, r.file), shown: join(dirname(shown), r.file), origin: r.origin as Origin | undefined }));
  const found = listed ?? readdirSync(dir).filter((f) => f.endsWith('.rego') && !f.endsWith('_test.rego')).sort().map((f) => ({ path: join(dir, f), shown: join(dirname(shown), f), origin: undefined }));
  for (const module of found) {
    if (state.regoModules.some((m) => m.file === module.shown)) continue;
    if (!existsSync(module.path)) {
      state.diagnostics.push({ code: 'policy_file_error', message: `rego module ${module.shown} does not exist`, location: module.origin });
      continue;
    }
    const source = readFileSync(module.path, 'utf8');
    if (!EXT_PACKAGE.test(source)) {
      const declared = ANY_PACKAGE.exec(source)?.[1];
      const line = declared ? source.slice(0, ANY_PACKAGE.exec(source)!.index).split('\n').length : 1;
      state.texts.set(module.shown, source);
      state.diagnostics.push({
        code: 'policy_semantic_error',
        message: `rego module must be in a package under toolgate.ext (e.g. package toolgate.ext.${basename(module.path, '.rego').replace(/\W/g, '_')}), found ${declared ? `package ${declared}` : 'no package'}`,
        location: { file: module.shown, line, col: 1 },
      });
      continue;
    }
    state.regoModules.push({ file: module.shown, source });
  }
}

/** Own settings win over the base's; own rules come before the base's. */
function merge(layers: PolicyLayer[]): Policy {
  const first = <T>(pick: (l: PolicyLayer) => T | undefined): T | undefined => layers.map(pick).find((v) => v !== undefined);
  const defaultLayer = layers.find((l) => l.defaultAction !== undefined);
  const perTool = new Map<string, Policy['perToolLimits'][number]>();
  for (const layer of [...layers].reverse()) for (const entry of layer.perToolLimits) perTool.set(entry.tool.label, entry);
  const detectors = Object.assign({}, ...[...layers].reverse().map((l) => l.detectors)) as Policy['detectors'];
  const policy: Policy = {
    mode: first((l) => l.mode) ?? 'enforce',
    defaultAction: defaultLayer?.defaultAction ?? 'deny',
    rules: layers.flatMap((l) => l.rules),
    perToolLimits: [...perTool.values()],
    detectors,
    redact: [...new Set(layers.flatMap((l) => l.redact))],
    tests: layers[0].tests,
  };
  if (defaultLayer?.defaultOrigin) policy.defaultOrigin = defaultLayer.defaultOrigin;
  const roots = first((l) => l.roots);
  if (roots) policy.roots = roots;
  const globalLimit = first((l) => l.globalLimit);
  if (globalLimit) policy.globalLimit = globalLimit;
  const audit = first((l) => l.audit);
  if (audit) policy.audit = audit;
  return policy;
}
