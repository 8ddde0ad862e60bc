/** Stable codes of dialect problems, in the style of the Rego toolchain's codes. */
export type PolicyErrorCode =
  | 'policy_yaml_error'
  | 'policy_schema_error'
  | 'policy_semantic_error'
  | 'policy_file_error';

export interface PolicyLocation {
  /** The file as shown to the user (the path it was loaded by). */
  file: string;
  /** 1-based. */
  line: number;
  col: number;
}

export interface PolicyDiagnostic {
  code: PolicyErrorCode;
  message: string;
  location?: PolicyLocation;
}

/** Every problem found in a policy (and the files it extends), in file order. */
export class PolicyError extends Error {
  readonly diagnostics: PolicyDiagnostic[];

  constructor(diagnostics: PolicyDiagnostic[], sources: ReadonlyMap<string, string> = new Map()) {
    super(diagnostics.map((d) => formatPolicyDiagnostic(d, sources.get(d.location?.file ?? ''))).join('\n'));
    this.name = 'PolicyError';
    this.diagnostics = diagnostics;
  }
}

/**
 * The layout of the Rego toolchain's formatDiagnostic: `file:line:col: code: message`,
 * then the source line and a caret under the column.
 */
export function formatPolicyDiagnostic(d: PolicyDiagnostic, source?: string): string {
  if (!d.location) return `${d.code}: ${d.message}`;
  const { file, line, col } = d.location;
  const head = `${file}:${line}:${col}: ${d.code}: ${d.message}`;
  const text = source?.split(/\r?\n/)[line - 1];
  if (text === undefined) return head;
  return `${head}\n  ${text.replace(/\t/g, ' ')}\n  ${' '.repeat(Math.max(0, col - 1))}^`;
}
