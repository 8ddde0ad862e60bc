import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
export interface PolicyModule {
  file: string;
  source: string;
}

export interface PolicySources {
  modules: PolicyModule[];
  /** Base documents from data.json / data.yaml files, nested at their folder's path. */
  data: Record<string, unknown>;
}

const DATA_FILES = new Set(['data.json', 'data.yaml', 'data.yml']);

/** Collects Rego modules and data files from files and folders, as `opa build` does. */
export async function collectSources(paths: string[]): Promise<PolicySources> {
  const sources: PolicySources = { modules: [], data: {} };
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      for (const file of await walk(path)) await addFile(sources, file, relative(path, dirname(file)));
    } else {
      await addFile(sources, path, '');
    }
  }
  return sources;
}

async function addFile(sources: PolicySources, file: string, folder: string): Promise<void> {
  const name = basename(file);
  if (extname(name) === '.rego') {
    sources.modules.push({ file, source: await readFile(file, 'utf8') });
  } else if (DATA_FILES.has(name)) {
    const text = await readFile(file, 'utf8');
    const value = name.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    mergeAt(sources.data, folder === '' ? [] : folder.split(sep), value, file);
  }
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((e) => !e.name.startsWith('.'))
      .map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return files.flat().sort();
}

function mergeAt(target: Record<string, unknown>, path: string[], value: unknown, file: string): void {
  let node = target;
  for (const key of path) {
    const child = node[key];
    if (child === undefined) node[key] = {};
    else if (child === null || typeof child !== 'object' || Array.isArray(child)) throw new Error(`${file}: data conflicts at ${path.join('.')}`);
    node = node[key] as Record<string, unknown>;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    if (path.length === 0) throw new Error(`${file}: root data must be an object`);
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key in node) throw new Error(`${file}: data conflicts at ${[...path, key].join('.')}`);
    node[key] = child;
  }
}
