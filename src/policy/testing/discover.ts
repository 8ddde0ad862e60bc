import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { TestSetupError } from './setup-error.js';

/** A discovered file and the folders between the path it was found under and it (where its data nests). */
export interface FoundFile {
  path: string;
  folder: string[];
}

export interface DiscoveredFiles {
  rego: FoundFile[];
  /** data.json / data.yaml / data.yml */
  data: FoundFile[];
  /** YAML policies: a mapping with a top-level `rules:` or `extends:` key, or a YAML file named on the command line. */
  policies: string[];
  /** `*.tests.yaml` / `*.tests.yml` */
  suites: string[];
}

export interface DiscoverOptions {
  /** Extra file or folder names to skip while walking folders; `*` and `?` are wildcards. */
  ignore?: string[];
}

const DATA_FILES = new Set(['data.json', 'data.yaml', 'data.yml']);
const SUITE_FILE = /\.tests\.ya?ml$/;
const YAML_FILE = /\.ya?ml$/;
const POLICY_KEY = /^(rules|extends)[ \t]*:/m;
/** Go's convention: fixtures under testdata/ (and hidden or dependency folders) are only read when named. */
const SKIPPED_FOLDERS = new Set(['testdata', 'node_modules']);

/**
 * Finds what `toolgate test` runs under files and folders, walking folders in
 * sorted order. A path named on the command line is always read, whatever its name.
 */
export async function discoverFiles(paths: string[], options: DiscoverOptions = {}): Promise<DiscoveredFiles> {
  const ignored = (options.ignore ?? []).map(nameGlob);
  const found: DiscoveredFiles = { rego: [], data: [], policies: [], suites: [] };
  const seen = new Set<string>();
  const missing: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) {
      missing.push(`${path}: no such file or folder`);
      continue;
    }
    if (info.isDirectory()) {
      for (const file of await walk(path, [], ignored)) await classify(file, found, seen, false);
    } else if (!(await classify({ path, folder: [] }, found, seen, true))) {
      missing.push(`${path}: not a Rego module (.rego), data file (data.json, data.yaml), policy (.yaml) or test file (.tests.yaml)`);
    }
  }
  if (missing.length > 0) throw new TestSetupError(missing);
  return found;
}

async function walk(dir: string, folder: string[], ignored: RegExp[]): Promise<FoundFile[]> {
  const entries = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => !e.name.startsWith('.') && !ignored.some((glob) => glob.test(e.name)))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: FoundFile[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) files.push(...(await walk(path, [...folder, entry.name], ignored)));
    } else if (entry.isFile()) {
      files.push({ path, folder });
    }
  }
  return files;
}

/** Files under a folder are kept only when they are one of the known kinds; false when `file` is none of them. */
async function classify(file: FoundFile, found: DiscoveredFiles, seen: Set<string>, named: boolean): Promise<boolean> {
  const name = basename(file.path);
  const key = resolve(file.path);
  const keep = (add: () => void): true => {
    if (!seen.has(key)) add();
    seen.add(key);
    return true;
  };
  if (extname(name) === '.rego') return keep(() => found.rego.push(file));
  if (DATA_FILES.has(name)) return keep(() => found.data.push(file));
  if (SUITE_FILE.test(name)) return keep(() => found.suites.push(file.path));
  if (YAML_FILE.test(name) && (named || POLICY_KEY.test(await readFile(file.path, 'utf8')))) return keep(() => found.policies.push(file.path));
  return false;
}

/** `*` any run of characters, `?` one character, the rest literal; matched against a whole file or folder name. */
function nameGlob(glob: string): RegExp {
  const body = [...glob].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 's');
}
