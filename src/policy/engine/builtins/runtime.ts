import { builtinError, typeError } from './errors.js';
import { ensureObject, ensureString } from './operands.js';

/*
 * Builtins about the runtime rather than about data. A policy sidecar decides
 * from its input alone, so http.send is refused, and trace/print are accepted
 * and ignored (decisions are audited by toolgate itself).
 */

/** The request keys OPA's http.send knows; any other key is a type error, even though toolgate never sends. */
const HTTP_SEND_KEYS = new Set([
  'method', 'url', 'body', 'raw_body', 'headers', 'enable_redirect', 'force_json_decode', 'force_yaml_decode',
  'tls_use_system_certs', 'tls_ca_cert', 'tls_ca_cert_file', 'tls_ca_cert_env_variable', 'tls_client_cert',
  'tls_client_cert_file', 'tls_client_cert_env_variable', 'tls_client_key', 'tls_client_key_file',
  'tls_client_key_env_variable', 'tls_insecure_skip_verify', 'tls_server_name', 'timeout', 'cache', 'force_cache',
  'force_cache_duration_seconds', 'raise_error', 'caching_mode', 'max_retry_attempts', 'cache_ignored_headers',
]);

const quotedSet = (keys: string[]): string => `{${keys.sort().map((k) => JSON.stringify(k)).join(', ')}}`;

function httpSend(request: unknown): never {
  const req = ensureObject('http.send', 1, request);
  const invalid = Object.keys(req).filter((k) => !HTTP_SEND_KEYS.has(k));
  if (invalid.length > 0) throw typeError('http.send', `invalid request parameters(s): ${quotedSet(invalid)}`);
  const missing = ['method', 'url'].filter((k) => !(k in req));
  if (missing.length > 0) throw typeError('http.send', `missing required request parameters(s): ${quotedSet(missing)}`);
  throw builtinError('http.send', 'http.send is disabled in toolgate: a policy decision must not make network calls');
}

/** What OPA reports when evaluating without a runtime, as toolgate does: no configuration or environment to expose. */
function runtime(): Record<string, unknown> {
  return {};
}

function trace(note: unknown): boolean {
  ensureString('trace', 1, note);
  return true;
}

function print(): boolean {
  return true;
}

export const runtimeBuiltins = {
  'http.send': httpSend,
  'opa.runtime': runtime,
  trace,
  print,
  'internal.print': print,
};
