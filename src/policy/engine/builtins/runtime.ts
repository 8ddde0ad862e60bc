import { builtinError } from './errors.js';
import { ensureObject, ensureString } from './operands.js';

/*
 * Builtins about the runtime rather than about data. A policy sidecar decides
 * from its input alone, so http.send is refused, and trace/print are accepted
 * and ignored (decisions are audited by toolgate itself).
 */

function httpSend(request: unknown): never {
  ensureObject('http.send', 1, request);
  throw builtinError('http.send', 'http.send is disabled in toolgate: a policy decision must not make network calls');
}

/** What OPA reports as its runtime: toolgate has no OPA configuration or environment to expose. */
function runtime(): Record<string, unknown> {
  return { env: {}, config: {}, version: 'toolgate', commit: '' };
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
