import type { Location } from './ast.js';

/** OPA's stable error codes. */
export type RegoErrorCode =
  | 'rego_parse_error'
  | 'rego_compile_error'
  | 'rego_unsafe_var_error'
  | 'rego_recursion_error'
  | 'rego_type_error';

/** One positioned problem in a Rego source. */
export interface RegoDiagnostic {
  code: RegoErrorCode;
  message: string;
  location?: Location;
}

/** Raised by every toolchain stage; carries all diagnostics found, first one first. */
export class RegoError extends Error {
  readonly code: RegoErrorCode;
  readonly diagnostics: RegoDiagnostic[];

  constructor(diagnostics: RegoDiagnostic[], sources?: ReadonlyMap<string, string>) {
    super(diagnostics.map((d) => formatDiagnostic(d, sources?.get(d.location?.file ?? ''))).join('\n'));
    this.name = 'RegoError';
    this.code = diagnostics[0].code;
    this.diagnostics = diagnostics;
  }

  static at(code: RegoErrorCode, message: string, location?: Location, source?: string): RegoError {
    const sources = location && source !== undefined ? new Map([[location.file, source]]) : undefined;
    return new RegoError([{ code, message, location }], sources);
  }
}

/**
 * `file:line:col: code: message` then, when the source is known, the source line
 * and a caret under the column:
 *
 *     policy.rego:3:9: rego_parse_error: unexpected } token
 *       p := {1, }
 *               ^
 */
export function formatDiagnostic(d: RegoDiagnostic, source?: string): string {
  if (!d.location) return `${d.code}: ${d.message}`;
  const { file, line, col } = d.location;
  const head = `${file}:${line}:${col}: ${d.code}: ${d.message}`;
  if (source === undefined) return head;
  const text = source.split('\n')[line - 1];
  if (text === undefined) return head;
  const shown = text.replace(/\r$/, '').replace(/\t/g, ' ');
  return `${head}\n  ${shown}\n  ${' '.repeat(Math.max(0, col - 1))}^`;
}
