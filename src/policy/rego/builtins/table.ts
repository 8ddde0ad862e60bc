import type { BuiltinDecl, RegoType } from './declaration.js';

/*
 * Every builtin of OPA v1, declared once. The names, arities, types, infix
 * operators and nondeterministic/deprecated flags are derived from OPA's
 * capabilities file (open-policy-agent/opa, capabilities/v1.20.2.json,
 * Apache-2.0), narrowed to the type language of ./declaration.ts: fixed-length
 * tuples become arrays of the union of their element types, and object shapes
 * with named keys become plain objects.
 *
 * `runsIn: 'wasm'` marks what toolgate's own Wasm runtime implements (its
 * RUNTIME_BUILTINS; a few of them hand inputs they do not handle, such as a
 * regex feature outside the runtime's engine, to their host implementation);
 * `runsIn: 'compiler'` marks the rego.metadata builtins, which the compiler
 * replaces by their values; every other builtin is called on the host through
 * `opa_builtinN` and implemented in src/policy/engine/builtins/, keyed by the
 * same name.
 */

const S = 'string';
const N = 'number';
const B = 'boolean';
const A = 'any';
const OBJ: RegoType = { object: [A, A] };
const STR_OBJ: RegoType = { object: [S, A] };
const ARR: RegoType = { array: A };
const SET: RegoType = { set: A };
const arrayOf = (t: RegoType): RegoType => ({ array: t });
const setOf = (t: RegoType): RegoType => ({ set: t });
const oneOf = (...types: RegoType[]): RegoType => ({ oneOf: types });
/** Arrays or sets of the element type: most "collection of X" operands. */
const listOf = (t: RegoType): RegoType => oneOf(arrayOf(t), setOf(t));
/** A time value: nanoseconds since the epoch, or [ns, timezone] (or [ns, tz, layout] for time.format). */
const TIME: RegoType = oneOf(N, arrayOf(oneOf(N, S)));
/** A JSON path: "a/b/c" or ["a", "b", "c"]. */
const PATH: RegoType = oneOf(S, ARR);
/** A schema or document given as JSON text or as a value. */
const JSON_OR_OBJ: RegoType = oneOf(S, OBJ);

type Extra = Pick<BuiltinDecl, 'infix' | 'nondeterministic' | 'deprecated' | 'variadic' | 'relation'>;

function wasm(name: string, args: RegoType[], result: RegoType, extra: Extra = {}): BuiltinDecl {
  return { name, args, result, runsIn: 'wasm', ...extra };
}

function host(name: string, args: RegoType[], result: RegoType, extra: Extra = {}): BuiltinDecl {
  return { name, args, result, runsIn: 'host', ...extra };
}

const deprecated: Extra = { deprecated: true };
const nondeterministic: Extra = { nondeterministic: true };

export const BUILTINS: readonly BuiltinDecl[] = [
  // Operators. `=` and `:=` are compiled inline by the planner (unification and assignment).
  wasm('eq', [A, A], B, { infix: '=' }),
  wasm('assign', [A, A], B, { infix: ':=' }),
  wasm('equal', [A, A], B, { infix: '==' }),
  wasm('neq', [A, A], B, { infix: '!=' }),
  wasm('lt', [A, A], B, { infix: '<' }),
  wasm('lte', [A, A], B, { infix: '<=' }),
  wasm('gt', [A, A], B, { infix: '>' }),
  wasm('gte', [A, A], B, { infix: '>=' }),
  wasm('plus', [N, N], N, { infix: '+' }),
  wasm('minus', [oneOf(N, SET), oneOf(N, SET)], oneOf(N, SET), { infix: '-' }),
  wasm('mul', [N, N], N, { infix: '*' }),
  wasm('div', [N, N], N, { infix: '/' }),
  wasm('rem', [N, N], N, { infix: '%' }),
  wasm('and', [SET, SET], SET, { infix: '&' }),
  wasm('or', [SET, SET], SET, { infix: '|' }),
  wasm('internal.member_2', [A, A], B, { infix: 'in' }),
  wasm('internal.member_3', [A, A, A], B, { infix: 'in' }),

  // Numbers
  wasm('abs', [N], N),
  wasm('ceil', [N], N),
  wasm('floor', [N], N),
  wasm('round', [N], N),
  wasm('numbers.range', [N, N], arrayOf(N)),
  host('numbers.range_step', [N, N, N], arrayOf(N)),
  host('rand.intn', [S, N], N, nondeterministic),
  wasm('bits.and', [N, N], N),
  wasm('bits.or', [N, N], N),
  wasm('bits.xor', [N, N], N),
  wasm('bits.negate', [N], N),
  wasm('bits.lsh', [N, N], N),
  wasm('bits.rsh', [N, N], N),

  // Aggregates
  wasm('count', [oneOf(S, ARR, OBJ, SET)], N),
  wasm('sum', [listOf(N)], N),
  wasm('product', [listOf(N)], N),
  wasm('max', [listOf(A)], A),
  wasm('min', [listOf(A)], A),
  wasm('sort', [listOf(A)], ARR),
  host('all', [listOf(A)], B, deprecated),
  host('any', [listOf(A)], B, deprecated),

  // Arrays
  wasm('array.concat', [ARR, ARR], ARR),
  wasm('array.slice', [ARR, N, N], ARR),
  wasm('array.reverse', [ARR], ARR),
  host('array.flatten', [ARR], ARR),

  // Sets
  wasm('intersection', [setOf(SET)], SET),
  wasm('union', [setOf(SET)], SET),
  host('set_diff', [SET, SET], SET, deprecated),

  // Objects
  wasm('object.get', [OBJ, A, A], A),
  wasm('object.keys', [OBJ], SET),
  wasm('object.filter', [OBJ, oneOf(ARR, OBJ, SET)], OBJ),
  wasm('object.remove', [OBJ, oneOf(ARR, OBJ, SET)], OBJ),
  wasm('object.subset', [oneOf(ARR, OBJ, SET), oneOf(ARR, OBJ, SET)], B),
  wasm('object.union', [OBJ, OBJ], OBJ),
  wasm('object.union_n', [arrayOf(OBJ)], OBJ),

  // Strings
  wasm('concat', [S, listOf(S)], S),
  wasm('contains', [S, S], B),
  wasm('startswith', [S, S], B),
  wasm('endswith', [S, S], B),
  wasm('lower', [S], S),
  wasm('upper', [S], S),
  wasm('indexof', [S, S], N),
  host('indexof_n', [S, S], arrayOf(N)),
  wasm('substring', [S, N, N], S),
  wasm('split', [S, S], arrayOf(S)),
  wasm('replace', [S, S, S], S),
  wasm('trim', [S, S], S),
  wasm('trim_left', [S, S], S),
  wasm('trim_right', [S, S], S),
  wasm('trim_prefix', [S, S], S),
  wasm('trim_suffix', [S, S], S),
  wasm('trim_space', [S], S),
  host('format_int', [N, N], S),
  wasm('sprintf', [S, ARR], S),
  host('strings.any_prefix_match', [oneOf(S, listOf(S)), oneOf(S, listOf(S))], B),
  host('strings.any_suffix_match', [oneOf(S, listOf(S)), oneOf(S, listOf(S))], B),
  host('strings.count', [S, S], N),
  host('strings.render_template', [S, STR_OBJ], S),
  host('strings.replace_n', [{ object: [S, S] }, S], S),
  host('strings.reverse', [S], S),
  host('strings.split_n', [S, S, N], arrayOf(S)),
  host('internal.template_string', [ARR], S),

  // Regular expressions (RE2 syntax) and globs
  wasm('regex.match', [S, S], B),
  host('re_match', [S, S], B, deprecated),
  host('regex.is_valid', [S], B),
  host('regex.split', [S, S], arrayOf(S)),
  host('regex.find_n', [S, S, N], arrayOf(S)),
  host('regex.find_all_string_submatch_n', [S, S, N], arrayOf(arrayOf(S))),
  host('regex.replace', [S, S, S], S),
  host('regex.template_match', [S, S, S, S], B),
  host('regex.globs_match', [S, S], B),
  wasm('glob.match', [S, oneOf('null', arrayOf(S)), S], B),
  host('glob.quote_meta', [S], S),

  // Types
  wasm('is_number', [A], B),
  wasm('is_string', [A], B),
  wasm('is_boolean', [A], B),
  wasm('is_array', [A], B),
  wasm('is_set', [A], B),
  wasm('is_object', [A], B),
  wasm('is_null', [A], B),
  wasm('type_name', [A], S),
  wasm('to_number', [oneOf('null', B, N, S)], N),
  host('cast_array', [A], ARR, deprecated),
  host('cast_boolean', [A], B, deprecated),
  host('cast_null', [A], 'null', deprecated),
  host('cast_object', [A], OBJ, deprecated),
  host('cast_set', [A], SET, deprecated),
  host('cast_string', [A], S, deprecated),

  // Encoding
  host('base64.encode', [S], S),
  host('base64.decode', [S], S),
  host('base64.is_valid', [S], B),
  host('base64url.encode', [S], S),
  host('base64url.encode_no_pad', [S], S),
  host('base64url.decode', [S], S),
  host('hex.encode', [S], S),
  host('hex.decode', [S], S),
  host('urlquery.encode', [S], S),
  host('urlquery.decode', [S], S),
  host('urlquery.encode_object', [{ object: [S, oneOf(S, listOf(S))] }], S),
  host('urlquery.decode_object', [S], { object: [S, arrayOf(S)] }),
  host('uri.is_valid', [S], B),
  host('uri.parse', [S], { object: [S, S] }),
  wasm('json.marshal', [A], S),
  host('json.marshal_with_options', [A, STR_OBJ], S),
  wasm('json.unmarshal', [S], A),
  wasm('json.is_valid', [S], B),
  host('yaml.marshal', [A], S),
  host('yaml.unmarshal', [S], A),
  host('yaml.is_valid', [S], B),

  // JSON documents
  host('json.filter', [OBJ, listOf(PATH)], OBJ),
  host('json.remove', [OBJ, listOf(PATH)], OBJ),
  host('json.patch', [A, arrayOf(OBJ)], A),
  host('json.verify_schema', [JSON_OR_OBJ], arrayOf(oneOf(B, 'null', S))),
  host('json.match_schema', [JSON_OR_OBJ, JSON_OR_OBJ], arrayOf(oneOf(B, arrayOf(OBJ)))),

  // Units
  host('units.parse', [S], N),
  host('units.parse_bytes', [S], N),

  // Time
  host('time.now_ns', [], N, nondeterministic),
  host('time.parse_ns', [S, S], N),
  host('time.parse_rfc3339_ns', [S], N),
  host('time.parse_duration_ns', [S], N),
  host('time.date', [TIME], arrayOf(N)),
  host('time.clock', [TIME], arrayOf(N)),
  host('time.weekday', [TIME], S),
  host('time.add_date', [N, N, N, N], N),
  host('time.diff', [TIME, TIME], arrayOf(N)),
  host('time.format', [TIME], S),

  // Network
  host('net.cidr_contains', [S, S], B),
  host('net.cidr_intersects', [S, S], B),
  host('net.cidr_overlap', [S, S], B, deprecated),
  host('net.cidr_contains_matches', [oneOf(S, listOf(PATH), { object: [S, PATH] }), oneOf(S, listOf(PATH), { object: [S, PATH] })], setOf(ARR)),
  host('net.cidr_expand', [S], setOf(S)),
  host('net.cidr_merge', [listOf(S)], setOf(S)),
  host('net.cidr_is_valid', [S], B),
  host('net.lookup_ip_addr', [S], setOf(S), nondeterministic),
  host('http.send', [STR_OBJ], OBJ, nondeterministic),

  // Versions and identifiers
  host('semver.compare', [S, S], N),
  host('semver.is_valid', [A], B),
  host('uuid.rfc4122', [S], S, nondeterministic),
  host('uuid.parse', [S], STR_OBJ),

  // Cryptography
  host('crypto.md5', [S], S),
  host('crypto.sha1', [S], S),
  host('crypto.sha256', [S], S),
  host('crypto.hmac.md5', [S, S], S),
  host('crypto.hmac.sha1', [S, S], S),
  host('crypto.hmac.sha256', [S, S], S),
  host('crypto.hmac.sha512', [S, S], S),
  host('crypto.hmac.equal', [S, S], B),
  host('crypto.x509.parse_certificates', [S], arrayOf(STR_OBJ)),
  host('crypto.x509.parse_and_verify_certificates', [S], arrayOf(oneOf(B, arrayOf(STR_OBJ)))),
  host('crypto.x509.parse_and_verify_certificates_with_options', [S, STR_OBJ], arrayOf(oneOf(B, arrayOf(STR_OBJ)))),
  host('crypto.x509.parse_certificate_request', [S], STR_OBJ),
  host('crypto.x509.parse_keypair', [S, S], STR_OBJ),
  host('crypto.x509.parse_rsa_private_key', [S], STR_OBJ),
  host('crypto.parse_private_keys', [S], arrayOf(STR_OBJ)),

  // JSON Web Tokens
  host('io.jwt.decode', [S], arrayOf(oneOf(OBJ, S))),
  host('io.jwt.decode_verify', [S, STR_OBJ], arrayOf(oneOf(B, OBJ)), nondeterministic),
  host('io.jwt.encode_sign', [STR_OBJ, STR_OBJ, STR_OBJ], S, nondeterministic),
  host('io.jwt.encode_sign_raw', [S, S, S], S, nondeterministic),
  host('io.jwt.verify_rs256', [S, S], B),
  host('io.jwt.verify_rs384', [S, S], B),
  host('io.jwt.verify_rs512', [S, S], B),
  host('io.jwt.verify_ps256', [S, S], B),
  host('io.jwt.verify_ps384', [S, S], B),
  host('io.jwt.verify_ps512', [S, S], B),
  host('io.jwt.verify_es256', [S, S], B),
  host('io.jwt.verify_es384', [S, S], B),
  host('io.jwt.verify_es512', [S, S], B),
  host('io.jwt.verify_eddsa', [S, S], B),
  host('io.jwt.verify_hs256', [S, S], B),
  host('io.jwt.verify_hs384', [S, S], B),
  host('io.jwt.verify_hs512', [S, S], B),

  // Graphs
  wasm('walk', [A], arrayOf(oneOf(ARR, A)), { relation: true }),
  host('graph.reachable', [{ object: [A, listOf(A)] }, listOf(A)], SET),
  host('graph.reachable_paths', [{ object: [A, listOf(A)] }, listOf(A)], setOf(ARR)),

  // GraphQL
  host('graphql.parse', [JSON_OR_OBJ, JSON_OR_OBJ], arrayOf(OBJ)),
  host('graphql.parse_and_verify', [JSON_OR_OBJ, JSON_OR_OBJ], arrayOf(oneOf(B, OBJ))),
  host('graphql.parse_query', [S], OBJ),
  host('graphql.parse_schema', [S], OBJ),
  host('graphql.is_valid', [JSON_OR_OBJ, JSON_OR_OBJ], B),
  host('graphql.schema_is_valid', [JSON_OR_OBJ], B),

  // Providers
  host('providers.aws.sign_req', [STR_OBJ, STR_OBJ, N], OBJ),

  // Rego and the runtime
  host('rego.parse_module', [S, S], STR_OBJ),
  // Resolved at compile time (compiler/resolve-metadata-calls.ts): no call reaches Wasm or the host.
  { name: 'rego.metadata.chain', args: [], result: ARR, runsIn: 'compiler' },
  { name: 'rego.metadata.rule', args: [], result: A, runsIn: 'compiler' },
  host('opa.runtime', [], STR_OBJ, nondeterministic),
  host('trace', [S], B),
  host('print', [], B, { variadic: A }),
  host('internal.print', [arrayOf(SET)], B),
  host('internal.test_case', [ARR], B),
];

const BY_NAME: ReadonlyMap<string, BuiltinDecl> = new Map(BUILTINS.map((decl) => [decl.name, decl]));

export function lookupBuiltin(name: string): BuiltinDecl | undefined {
  return BY_NAME.get(name);
}
