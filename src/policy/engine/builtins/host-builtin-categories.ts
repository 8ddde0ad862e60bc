import { builtinOfHostImport } from '../../rego/wasm/host-import-names.js';

/**
 * A host builtin implementation, called with decoded arguments (see index.ts).
 * `exactIntegers`: integers beyond 2^53 arrive as BigInt instead of the
 * nearest double (see takesExactIntegers).
 */
export type HostBuiltin = ((...args: unknown[]) => unknown) & { readonly exactIntegers?: true };

/** Marks a builtin that reads integers beyond 2^53 exactly (as BigInt), such as nanosecond timestamps. */
export function takesExactIntegers<F extends (...args: never[]) => unknown>(impl: F): F & { readonly exactIntegers: true } {
  return Object.assign(impl, { exactIntegers: true as const });
}

/** One category module of host builtins: the names it implements, and how to import it. */
interface HostBuiltinCategory {
  readonly names: readonly string[];
  load(): Promise<Record<string, HostBuiltin>>;
}

/**
 * Every host builtin, by the category module that implements it. A policy
 * imports only the categories it calls (some pull in graphql-js, ajv, asn1
 * parsers or semver); test/policy/engine/builtins/host-builtin-categories.test.ts
 * checks each list against its module and against the declaration table.
 */
export const HOST_BUILTIN_CATEGORIES: Readonly<Record<string, HostBuiltinCategory>> = {
  strings: {
    load: async () => (await import('./strings.js')).stringBuiltins,
    names: ['sprintf', 'format_int', 'indexof_n', 'strings.any_prefix_match', 'strings.any_suffix_match', 'strings.count', 'strings.replace_n', 'strings.reverse', 'strings.split_n', 'strings.render_template'],
  },
  regex: {
    load: async () => (await import('./regex.js')).regexBuiltins,
    names: ['regex.match', 'regex.is_valid', 'regex.split', 'regex.find_n', 'regex.find_all_string_submatch_n', 'regex.replace', 'regex.template_match', 'regex.globs_match'],
  },
  glob: {
    load: async () => (await import('./glob.js')).globBuiltins,
    names: ['glob.match', 'glob.quote_meta'],
  },
  objects: {
    load: async () => (await import('./objects.js')).objectBuiltins,
    names: ['object.keys', 'object.filter', 'object.remove', 'object.union', 'object.union_n', 'object.subset'],
  },
  arrays: {
    load: async () => (await import('./arrays.js')).arrayBuiltins,
    names: ['array.flatten'],
  },
  graphs: {
    load: async () => (await import('./graphs.js')).graphBuiltins,
    names: ['graph.reachable', 'graph.reachable_paths'],
  },
  json: {
    load: async () => (await import('./json.js')).jsonBuiltins,
    names: ['json.marshal', 'json.marshal_with_options', 'json.unmarshal', 'json.is_valid', 'json.filter', 'json.remove', 'json.patch'],
  },
  'json-schema': {
    load: async () => (await import('./json-schema.js')).jsonSchemaBuiltins,
    names: ['json.verify_schema', 'json.match_schema'],
  },
  yaml: {
    load: async () => (await import('./yaml.js')).yamlBuiltins,
    names: ['yaml.marshal', 'yaml.unmarshal', 'yaml.is_valid'],
  },
  encoding: {
    load: async () => (await import('./encoding.js')).encodingBuiltins,
    names: ['base64.encode', 'base64.decode', 'base64.is_valid', 'base64url.encode', 'base64url.encode_no_pad', 'base64url.decode', 'hex.encode', 'hex.decode', 'urlquery.encode', 'urlquery.decode', 'urlquery.encode_object', 'urlquery.decode_object'],
  },
  units: {
    load: async () => (await import('./units.js')).unitBuiltins,
    names: ['units.parse', 'units.parse_bytes'],
  },
  numbers: {
    load: async () => (await import('./numbers.js')).numberBuiltins,
    names: ['numbers.range_step', 'rand.intn'],
  },
  time: {
    load: async () => (await import('./time.js')).timeBuiltins,
    names: ['time.now_ns', 'time.parse_ns', 'time.parse_rfc3339_ns', 'time.parse_duration_ns', 'time.date', 'time.clock', 'time.weekday', 'time.add_date', 'time.diff', 'time.format'],
  },
  net: {
    load: async () => (await import('./net.js')).netBuiltins,
    names: ['net.cidr_contains', 'net.cidr_intersects', 'net.cidr_is_valid', 'net.cidr_expand', 'net.cidr_merge', 'net.cidr_contains_matches', 'net.lookup_ip_addr'],
  },
  semver: {
    load: async () => (await import('./semver.js')).semverBuiltins,
    names: ['semver.compare', 'semver.is_valid'],
  },
  uuid: {
    load: async () => (await import('./uuid.js')).uuidBuiltins,
    names: ['uuid.parse', 'uuid.rfc4122'],
  },
  crypto: {
    load: async () => (await import('./crypto.js')).cryptoBuiltins,
    names: ['crypto.md5', 'crypto.sha1', 'crypto.sha256', 'crypto.hmac.md5', 'crypto.hmac.sha1', 'crypto.hmac.sha256', 'crypto.hmac.sha512', 'crypto.hmac.equal'],
  },
  runtime: {
    load: async () => (await import('./runtime.js')).runtimeBuiltins,
    names: ['http.send', 'opa.runtime', 'trace', 'print', 'internal.print'],
  },
  jwt: {
    load: async () => (await import('./jwt.js')).jwtBuiltins,
    names: ['io.jwt.decode', 'io.jwt.decode_verify', 'io.jwt.encode_sign', 'io.jwt.encode_sign_raw', 'io.jwt.verify_rs256', 'io.jwt.verify_rs384', 'io.jwt.verify_rs512', 'io.jwt.verify_ps256', 'io.jwt.verify_ps384', 'io.jwt.verify_ps512', 'io.jwt.verify_es256', 'io.jwt.verify_es384', 'io.jwt.verify_es512', 'io.jwt.verify_eddsa', 'io.jwt.verify_hs256', 'io.jwt.verify_hs384', 'io.jwt.verify_hs512'],
  },
  'x509': {
    load: async () => (await import('./x509.js')).x509Builtins,
    names: ['crypto.x509.parse_certificates', 'crypto.x509.parse_and_verify_certificates', 'crypto.x509.parse_and_verify_certificates_with_options', 'crypto.x509.parse_rsa_private_key', 'crypto.x509.parse_keypair', 'crypto.parse_private_keys'],
  },
  'x509-csr': {
    load: async () => (await import('./x509-csr.js')).x509CsrBuiltins,
    names: ['crypto.x509.parse_certificate_request'],
  },
  graphql: {
    load: async () => (await import('./graphql/index.js')).graphqlBuiltins,
    names: ['graphql.parse_query', 'graphql.parse_schema', 'graphql.parse', 'graphql.parse_and_verify', 'graphql.is_valid', 'graphql.schema_is_valid'],
  },
  'aws-sigv4': {
    load: async () => (await import('./aws-sigv4.js')).awsBuiltins,
    names: ['providers.aws.sign_req'],
  },
  'rego-module': {
    load: async () => (await import('./rego-module.js')).regoModuleBuiltins,
    names: ['rego.parse_module'],
  },
};

const categoryOf = new Map(Object.values(HOST_BUILTIN_CATEGORIES).flatMap((category) => category.names.map((name) => [name, category] as const)));

/** Every host builtin name toolgate implements. */
export const HOST_BUILTIN_NAMES: readonly string[] = [...categoryOf.keys()];

/**
 * The implementations of the given builtins, importing only their categories,
 * keyed by the names given: Rego names, or the aliases a module imports some
 * under (../../rego/wasm/host-import-names.ts). Names toolgate does not
 * implement are left out: calling one fails in the SDK as it would with every
 * category loaded.
 */
export async function loadHostBuiltins(names: Iterable<string>): Promise<Record<string, HostBuiltin>> {
  const wanted = [...new Set(names)].filter((name) => categoryOf.has(builtinOfHostImport(name)));
  const categories = [...new Set(wanted.map((name) => categoryOf.get(builtinOfHostImport(name))!))];
  const loaded = new Map(await Promise.all(categories.map(async (category) => [category, await category.load()] as const)));
  return Object.fromEntries(wanted.map((name) => {
    const builtin = builtinOfHostImport(name);
    return [name, loaded.get(categoryOf.get(builtin)!)![builtin]];
  }));
}
