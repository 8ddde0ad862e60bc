import { basename, dirname, relative, sep } from 'node:path';
import type { BuiltToolgatePolicy } from '../toolgate-policy.js';

/**
 * What to watch for one policy: folders (never single files, so that editors
 * that save by writing a temporary file and renaming it over the original are
 * seen), how deep, and which paths in them are policy sources.
 */
export interface WatchPlan {
  dirs: string[];
  /** 0: only the folders' own entries; undefined: every level below. */
  depth: 0 | undefined;
  isSource(path: string): boolean;
  /** Identifies the plan: a new plan with the same key needs no new watcher. */
  key: string;
}

const DATA_FILES = new Set(['data.json', 'data.yaml', 'data.yml']);

type Located = Pick<BuiltToolgatePolicy, 'kind' | 'path' | 'files'>;

export function watchPlan(policy: Located): WatchPlan {
  if (policy.kind === 'rego' && !policy.path.endsWith('.rego')) return regoFolderPlan(policy.path);
  const files = new Set([policy.path, ...policy.files]);
  const dirs = [...new Set([...files].map((file) => dirname(file)))].sort();
  // a YAML policy without `rego:` takes every *.rego beside it: a new module is a change too
  const layerDirs = new Set(policy.kind === 'yaml' ? policy.files.filter(isYaml).map((file) => dirname(file)) : []);
  return {
    dirs,
    depth: 0,
    isSource: (path) => files.has(path) || (layerDirs.has(dirname(path)) && isPolicyRego(path)),
    key: `files:${[...files].sort().join('\n')}`,
  };
}

/** A Rego folder is built from every module and data file below it, as `opa build` reads it. */
function regoFolderPlan(dir: string): WatchPlan {
  return {
    dirs: [dir],
    depth: undefined,
    isSource: (path) => {
      const below = relative(dir, path);
      if (below === '' || below.startsWith('..') || below.split(sep).some((part) => part.startsWith('.'))) return false;
      return path.endsWith('.rego') || DATA_FILES.has(basename(path));
    },
    key: `folder:${dir}`,
  };
}

function isYaml(path: string): boolean {
  return /\.ya?ml$/.test(path);
}

function isPolicyRego(path: string): boolean {
  return path.endsWith('.rego') && !path.endsWith('_test.rego') && !basename(path).startsWith('.');
}
