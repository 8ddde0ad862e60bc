import { describe, expect, it } from 'vitest';
import { BuiltinError, hostBuiltins } from '../../../../src/policy/engine/builtins/index.js';
import { BUILTINS, lookupBuiltin } from '../../../../src/policy/rego/builtins/table.js';

/** Declared host builtins that have no host implementation yet, each for a stated reason. */
const NOT_IMPLEMENTED = new Set([
  // compile-time: the planner replaces these with constants
  'rego.metadata.chain', 'rego.metadata.rule',
  // need the Rego parser's OPA-compatible AST JSON
  'rego.parse_module',
  // need a GraphQL parser and OPA's gqlparser AST shape
  'graphql.parse', 'graphql.parse_and_verify', 'graphql.parse_query', 'graphql.parse_schema', 'graphql.is_valid', 'graphql.schema_is_valid',
  'providers.aws.sign_req',
  // node:crypto does not parse certificate requests
  'crypto.x509.parse_certificate_request',
  'uri.is_valid', 'uri.parse', 'internal.template_string', 'internal.test_case',
]);

describe('host builtin registry', () => {
  it('keys every implementation by a declared host builtin', () => {
    for (const name of Object.keys(hostBuiltins)) {
      expect(lookupBuiltin(name)?.runsIn, name).toBe('host');
    }
  });

  it('implements every non-deprecated host builtin except the listed ones', () => {
    const missing = BUILTINS.filter((b) => b.runsIn === 'host' && !b.deprecated && !hostBuiltins[b.name] && !NOT_IMPLEMENTED.has(b.name)).map((b) => b.name);
    expect(missing).toEqual([]);
  });

  it('throws BuiltinError with OPA wording and the code in the message', () => {
    let caught: unknown;
    try {
      hostBuiltins['regex.match'](1, 'x');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(BuiltinError);
    expect(caught).toMatchObject({ code: 'eval_type_error', reason: 'regex.match: operand 1 must be string but got number' });
    expect((caught as Error).message).toBe('eval_type_error: regex.match: operand 1 must be string but got number');
  });
});
