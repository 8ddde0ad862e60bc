/** OPA's codes for errors raised while a builtin runs. */
export type BuiltinErrorCode = 'eval_type_error' | 'eval_builtin_error';

/**
 * Thrown by host builtins. `reason` is OPA's wording ("regex.match: operand 1
 * must be string but got number"); `message` prefixes the code, as OPA prints
 * it. Whether the error makes the call undefined or fails the evaluation is the
 * loader's decision.
 */
export class BuiltinError extends Error {
  readonly code: BuiltinErrorCode;
  readonly reason: string;

  constructor(code: BuiltinErrorCode, reason: string) {
    super(`${code}: ${reason}`);
    this.name = 'BuiltinError';
    this.code = code;
    this.reason = reason;
  }
}

/** An `eval_builtin_error` worded "<builtin>: <detail>". */
export function builtinError(builtin: string, detail: string): BuiltinError {
  return new BuiltinError('eval_builtin_error', `${builtin}: ${detail}`);
}

/** An `eval_type_error` worded "<builtin>: <detail>". */
export function typeError(builtin: string, detail: string): BuiltinError {
  return new BuiltinError('eval_type_error', `${builtin}: ${detail}`);
}
