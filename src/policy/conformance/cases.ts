import { readdir, readFile } from 'node:fs/promises';
import { join, relative, dirname } from 'node:path';
import { parse } from 'yaml';

/** One case of OPA's YAML conformance suite (read from a directory, never copied). */
export interface ConformanceCase {
  /** The case's directory relative to the suite root, e.g. "withkeyword". */
  dir: string;
  file: string;
  note: string;
  query: string;
  modules: string[];
  data?: unknown;
  input?: unknown;
  /** An input written as a Rego term; only JSON-compatible terms are supported. */
  inputTerm?: string;
  wantResult?: Array<Record<string, unknown>>;
  wantDefined?: boolean;
  wantError?: string;
  wantErrorCode?: string;
  strictError: boolean;
  sortBindings: boolean;
}

export async function loadCases(root: string): Promise<ConformanceCase[]> {
  const files = (await yamlFiles(root)).sort();
  const cases: ConformanceCase[] = [];
  for (const path of files) {
    const doc = parse(await readFile(path, 'utf8')) as { cases?: Array<Record<string, unknown>> } | null;
    for (const raw of doc?.cases ?? []) cases.push(toCase(raw, relative(root, dirname(path)) || '.', relative(root, path)));
  }
  return cases;
}

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return yamlFiles(path);
      return Promise.resolve(/\.ya?ml$/.test(e.name) ? [path] : []);
    }),
  );
  return nested.flat();
}

function toCase(raw: Record<string, unknown>, dir: string, file: string): ConformanceCase {
  return {
    dir,
    file,
    note: String(raw.note ?? ''),
    query: String(raw.query ?? ''),
    modules: (raw.modules as string[] | undefined) ?? [],
    data: raw.data ?? undefined,
    input: raw.input,
    inputTerm: raw.input_term as string | undefined,
    wantResult: raw.want_result as ConformanceCase['wantResult'],
    wantDefined: raw.want_defined as boolean | undefined,
    wantError: raw.want_error as string | undefined,
    wantErrorCode: raw.want_error_code as string | undefined,
    strictError: raw.strict_error === true,
    sortBindings: raw.sort_bindings === true,
  };
}
