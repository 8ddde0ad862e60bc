import ipaddr from 'ipaddr.js';
import { builtinError } from './errors.js';
import { ensureOneOf, ensureString, isObject } from './operands.js';
import { RegoSet } from '../rego-set.js';

/*
 * CIDR builtins with Go's net package semantics: strict dotted-quad IPv4 (no
 * leading zeros, no short forms), IPv6 in any RFC 4291 form, IPv4-mapped IPv6
 * addresses treated as IPv4. ipaddr.js parses; range arithmetic is BigInt.
 */

interface Network {
  v6: boolean;
  /** First address of the network. */
  start: bigint;
  prefix: number;
}

const bitsOf = (v6: boolean) => (v6 ? 128 : 32);

function bytesToBigInt(bytes: number[]): bigint {
  return bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

/** An address as (family, integer), or undefined if it is not one Go would accept. */
function parseIp(text: string): { v6: boolean; value: bigint } | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return { v6: false, value: bytesToBigInt(ipaddr.IPv4.parse(text).toByteArray()) };
  if (!text.includes(':') || text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
  const bytes = ipaddr.IPv6.parse(text).toByteArray();
  // ipaddr.js reads every embedded dotted quad as IPv4-mapped; only "::ffff:a.b.c.d" is.
  if (/\.\d+$/.test(text) && !/ffff:[\d.]+$/i.test(text)) bytes[10] = bytes[11] = 0;
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return { v6: false, value: bytesToBigInt(bytes.slice(12)) };
  return { v6: true, value: bytesToBigInt(bytes) };
}

function mask(v6: boolean, prefix: number): bigint {
  const bits = bitsOf(v6);
  return ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n);
}

function parseCidr(text: string): Network | undefined {
  const slash = text.lastIndexOf('/');
  if (slash === -1) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const mapped = !ip.v6 && text.slice(0, slash).includes(':');
  let prefix = Number(prefixText);
  if (mapped) prefix -= 96;
  if (prefix < 0 || prefix > bitsOf(ip.v6)) return undefined;
  return { v6: ip.v6, start: ip.value & mask(ip.v6, prefix), prefix };
}

function cidrOrFail(builtin: string, text: string): Network {
  const net = parseCidr(text);
  if (!net) throw builtinError(builtin, `invalid CIDR address: ${text}`);
  return net;
}

/** A CIDR, or an address as a single-address network. */
function cidrOrIp(text: string): Network | undefined {
  const net = parseCidr(text);
  if (net) return net;
  const ip = parseIp(text);
  return ip && { v6: ip.v6, start: ip.value, prefix: bitsOf(ip.v6) };
}

function end(net: Network): bigint {
  return net.start + (1n << BigInt(bitsOf(net.v6) - net.prefix)) - 1n;
}

function contains(outer: Network, inner: Network): boolean {
  return outer.v6 === inner.v6 && inner.start >= outer.start && end(inner) <= end(outer);
}

function formatIp(v6: boolean, value: bigint): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  const bytes = Array.from({ length: 16 }, (_, i) => Number((value >> BigInt(8 * (15 - i))) & 255n));
  return ipaddr.fromByteArray(bytes).toString();
}

function formatCidr(net: Network): string {
  return `${formatIp(net.v6, net.start)}/${net.prefix}`;
}

function cidrContains(cidr: unknown, cidrOrAddress: unknown): boolean {
  const builtin = 'net.cidr_contains';
  const outer = cidrOrFail(builtin, ensureString(builtin, 1, cidr));
  const text = ensureString(builtin, 2, cidrOrAddress);
  const inner = cidrOrIp(text);
  if (!inner) throw builtinError(builtin, `invalid CIDR address: ${text}`);
  return contains(outer, inner);
}

function cidrIntersects(a: unknown, b: unknown): boolean {
  const builtin = 'net.cidr_intersects';
  const x = cidrOrFail(builtin, ensureString(builtin, 1, a));
  const y = cidrOrFail(builtin, ensureString(builtin, 2, b));
  return contains(x, y) || contains(y, x);
}

function cidrIsValid(value: unknown): boolean {
  return parseCidr(ensureString('net.cidr_is_valid', 1, value)) !== undefined;
}

/** Bounds net.cidr_expand's output so one call cannot exhaust host memory. */
const MAX_EXPANSION = 1 << 20;

function cidrExpand(value: unknown): string[] {
  const builtin = 'net.cidr_expand';
  const net = cidrOrFail(builtin, ensureString(builtin, 1, value));
  const size = 1n << BigInt(bitsOf(net.v6) - net.prefix);
  if (size > BigInt(MAX_EXPANSION)) throw builtinError(builtin, `CIDR ${formatCidr(net)} has more than ${MAX_EXPANSION} addresses`);
  return Array.from({ length: Number(size) }, (_, i) => formatIp(net.v6, net.start + BigInt(i)));
}

/** Go's IP.DefaultMask: the classful prefix of an IPv4 address given without one. */
function classfulPrefix(value: bigint): number | undefined {
  const first = Number(value >> 24n);
  if (first < 0x80) return 8;
  if (first < 0xc0) return 16;
  if (first < 0xe0) return 24;
  return undefined;
}

/** The fewest CIDR blocks covering [start, last]. */
function blocks(v6: boolean, start: bigint, last: bigint): Network[] {
  const out: Network[] = [];
  const bits = bitsOf(v6);
  let s = start;
  while (s <= last) {
    let size = bits;
    while (size > 0) {
      const block = 1n << BigInt(bits - size + 1);
      if (s % block !== 0n || s + block - 1n > last) break;
      size--;
    }
    out.push({ v6, start: s, prefix: size });
    s += 1n << BigInt(bits - size);
  }
  return out;
}

function cidrMerge(addresses: unknown): string[] {
  const builtin = 'net.cidr_merge';
  ensureOneOf(builtin, 1, addresses, ['array', 'set']);
  const nets: Network[] = [];
  for (const a of addresses as unknown[]) {
    if (typeof a !== 'string') throw builtinError(builtin, `operand 1 must be array or set of strings but got element ${JSON.stringify(a)}`);
    let net = parseCidr(a);
    if (!net) {
      const ip = parseIp(a);
      if (!ip) throw builtinError(builtin, `IP address invalid: ${a}`);
      if (ip.v6) throw builtinError(builtin, 'IPv6 invalid: needs prefix length');
      const prefix = classfulPrefix(ip.value);
      if (prefix === undefined) throw builtinError(builtin, `IP address has no default mask: ${a}`);
      net = { v6: false, start: ip.value & mask(false, prefix), prefix };
    }
    nets.push(net);
  }
  const merged: string[] = [];
  for (const v6 of [false, true]) {
    const ranges = nets.filter((n) => n.v6 === v6).map((n) => [n.start, end(n)] as [bigint, bigint]).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    let current: [bigint, bigint] | undefined;
    for (const r of ranges) {
      if (current && r[0] <= current[1] + 1n) {
        if (r[1] > current[1]) current[1] = r[1];
      } else {
        if (current) merged.push(...blocks(v6, ...current).map(formatCidr));
        current = [...r];
      }
    }
    if (current) merged.push(...blocks(v6, ...current).map(formatCidr));
  }
  return merged;
}

type Keyed = [key: unknown, cidr: string];

/**
 * Elements of a cidr_contains_matches operand with the key each match
 * reports: the string itself, an array index, an object key, a set element
 * itself. An element may be a string or an array whose first element is the
 * CIDR or address.
 */
function keyedElements(builtin: string, pos: number, value: unknown): Keyed[] {
  ensureOneOf(builtin, pos, value, ['string', 'array', 'object', 'set']);
  if (typeof value === 'string') return [[value, value]];
  const entries: [unknown, unknown][] = isObject(value)
    ? Object.entries(value)
    : (value as unknown[]).map((v, i) => [value instanceof RegoSet ? v : i, v]);
  return entries.map(([key, element]) => {
    if (typeof element === 'string') return [key, element];
    if (Array.isArray(element) && typeof element[0] === 'string') return [key, element[0]];
    throw builtinError(builtin, `operand ${pos}: element must be string or non-empty array`);
  });
}

function cidrContainsMatches(cidrs: unknown, candidates: unknown): [unknown, unknown][] {
  const builtin = 'net.cidr_contains_matches';
  const outer = keyedElements(builtin, 1, cidrs);
  const inner = keyedElements(builtin, 2, candidates);
  const matches: [unknown, unknown][] = [];
  for (const [k1, c1] of outer) {
    const net = cidrOrFail(builtin, c1);
    for (const [k2, c2] of inner) {
      const candidate = cidrOrIp(c2);
      if (!candidate) throw builtinError(builtin, `invalid CIDR address: ${c2}`);
      if (contains(net, candidate)) matches.push([k1, k2]);
    }
  }
  return matches;
}

/**
 * net.lookup_ip_addr answers for address literals and for "localhost" (and
 * names under it, which RFC 6761 reserves for loopback), as a resolver does
 * without asking anyone; any other name would need DNS, and a decision must not
 * depend on the network, so it is an error.
 */
const LOCALHOST = /^(?:[^.]+\.)*localhost\.?$/i;

function lookupIpAddr(name: unknown): string[] {
  const builtin = 'net.lookup_ip_addr';
  const text = ensureString(builtin, 1, name);
  const ip = parseIp(text);
  if (ip) return [formatIp(ip.v6, ip.value)];
  if (LOCALHOST.test(text)) return ['127.0.0.1', '::1'];
  throw builtinError(builtin, `cannot resolve ${JSON.stringify(text)}: DNS lookups are disabled in toolgate (a policy decision must not depend on the network)`);
}

export const netBuiltins = {
  'net.cidr_contains': cidrContains,
  'net.cidr_intersects': cidrIntersects,
  'net.cidr_is_valid': cidrIsValid,
  'net.cidr_expand': cidrExpand,
  'net.cidr_merge': cidrMerge,
  'net.cidr_contains_matches': cidrContainsMatches,
  'net.lookup_ip_addr': lookupIpAddr,
};
