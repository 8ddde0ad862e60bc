import { collectSources } from '../engine/index.js';
import type { FoundFile } from './discover.js';
import { TestSetupError } from './setup-error.js';

type DataObject = Record<string, unknown>;

/** Reads data files and nests each at its folder below the path it was found under, as `opa test` does. */
export async function loadDataTree(files: FoundFile[]): Promise<DataObject> {
  const tree: DataObject = {};
  const problems: string[] = [];
  for (const file of files) {
    try {
      const { data } = await collectSources([file.path]);
      mergeData(tree, file.folder, data, file.path);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (problems.length > 0) throw new TestSetupError(problems);
  return tree;
}

/** Merges `value` into `tree` at `path`; a key given twice (other than nested objects) is an error naming the file. */
export function mergeData(tree: DataObject, path: string[], value: DataObject, file: string): void {
  let node = tree;
  for (const [i, key] of path.entries()) {
    node[key] ??= {};
    const child = node[key];
    if (!isObject(child)) throw new Error(`${file}: data conflicts at ${path.slice(0, i + 1).join('.')}`);
    node = child;
  }
  mergeInto(node, value, path, file);
}

function mergeInto(node: DataObject, value: DataObject, at: string[], file: string): void {
  for (const [key, child] of Object.entries(value)) {
    const existing = node[key];
    if (existing === undefined) node[key] = child;
    else if (isObject(existing) && isObject(child)) mergeInto(existing, child, [...at, key], file);
    else throw new Error(`${file}: data conflicts at ${[...at, key].join('.')}`);
  }
}

function isObject(value: unknown): value is DataObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
