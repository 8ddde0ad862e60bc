import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve, sep } from 'node:path';
import type { PolicyModule } from '../engine/index.js';
import { loadDataTree, mergeData } from './data-tree.js';
import type { DiscoveredFiles, FoundFile } from './discover.js';
import type { PolicyCatalog } from './policy-catalog.js';
import { TestSetupError } from './setup-error.js';

/** Modules and data compiled together into one test bundle. */
export interface RegoUnit {
  /** The YAML policy whose compiled modules (data.toolgate.decision, ...) the unit's tests see. */
  policy?: string;
  modules: PolicyModule[];
  data: Record<string, unknown>;
}

/**
 * Groups the discovered Rego modules and data files into compilation units.
 * Without YAML policies (or with one) everything is one unit, as with `opa test`.
 * With several, each policy's folder is its own unit: a module or data file
 * belongs to the policy in its nearest enclosing folder; what no policy encloses
 * forms one more unit. Two policies in one folder cannot share Rego tests.
 */
export async function planRegoUnits(found: DiscoveredFiles, catalog: PolicyCatalog): Promise<RegoUnit[]> {
  const policies = found.policies.map((file) => ({ file, folder: resolve(dirname(file)) }));
  const owned = new Map<string | undefined, FoundFile[]>([[undefined, []], ...policies.map((p) => [p.file, []] as [string, FoundFile[]])]);
  const problems: string[] = [];
  const extensionModules = new Set(found.policies.flatMap((file) => catalog.compile(file).modules.map((m) => resolve(m.file))));

  for (const file of [...found.rego, ...found.data]) {
    const owners = policies.length <= 1 ? policies : nearestPolicies(file.path, policies);
    if (owners.length > 1) {
      if (!extensionModules.has(resolve(file.path))) {
        problems.push(
          `${file.path}: ${owners.map((o) => basename(o.file)).join(' and ')} are YAML policies in one folder, so its tests cannot tell which policy they test; give each policy its own folder`,
        );
      }
      continue;
    }
    owned.get(owners[0]?.file)!.push(file);
  }
  if (problems.length > 0) throw new TestSetupError(problems);

  const units: RegoUnit[] = [];
  for (const [policy, files] of owned) {
    const compiledModules = policy === undefined ? [] : catalog.compile(policy).modules;
    const known = new Set(compiledModules.map((m) => resolve(m.file)));
    const modules = [...compiledModules];
    for (const file of files) {
      if (file.path.endsWith('.rego') && !known.has(resolve(file.path))) modules.push({ file: file.path, source: await readFile(file.path, 'utf8') });
    }
    const data = await loadDataTree(files.filter((f) => !f.path.endsWith('.rego')));
    const policyData = policy === undefined ? undefined : catalog.compile(policy).data;
    if (policyData) mergeOrFail(data, policyData, policy!);
    if (modules.length > 0) units.push(policy === undefined ? { modules, data } : { policy, modules, data });
  }
  return units;
}

/** The policies in the deepest folder that encloses `path`. */
function nearestPolicies<P extends { folder: string }>(path: string, policies: P[]): P[] {
  const folder = resolve(dirname(path));
  const enclosing = policies.filter((p) => folder === p.folder || folder.startsWith(p.folder + sep));
  const depth = Math.max(...enclosing.map((p) => p.folder.length));
  return enclosing.filter((p) => p.folder.length === depth);
}

function mergeOrFail(data: Record<string, unknown>, extra: Record<string, unknown>, file: string): void {
  try {
    mergeData(data, [], extra, file);
  } catch (error) {
    throw new TestSetupError([`${(error as Error).message} (the policy's roots: and a data file both set it)`]);
  }
}
