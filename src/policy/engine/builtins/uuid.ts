import { randomUUID } from 'node:crypto';
import { ensureString } from './operands.js';

/** 100-ns intervals between the Gregorian reform (1582-10-15) and the Unix epoch. */
const GREGORIAN_TO_UNIX_100NS = 122192928000000000n;

const FORMS = [
  /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i,
  /^\{([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}$/i,
  /^urn:uuid:([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i,
  /^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/i,
];

function variantOf(byte: number): string {
  if ((byte & 0xc0) === 0x80) return 'RFC4122';
  if ((byte & 0xe0) === 0xc0) return 'Microsoft';
  if ((byte & 0xe0) === 0xe0) return 'Future';
  return 'Reserved';
}

/**
 * uuid.parse: the fields of a UUID in any of its textual forms (dashed,
 * braced, urn:uuid:, 32 hex digits); version 1 and 2 UUIDs also report their
 * time (Unix ns), clock sequence, node id and, for version 2, the DCE domain
 * and id. Anything else is undefined.
 */
function parse(value: unknown): Record<string, unknown> | undefined {
  const s = ensureString('uuid.parse', 1, value);
  const m = FORMS.map((re) => re.exec(s)).find(Boolean);
  if (!m) return undefined;
  const bytes = Buffer.from(m.slice(1).join(''), 'hex');
  const version = bytes[6] >> 4;
  const out: Record<string, unknown> = { version, variant: variantOf(bytes[8]) };
  if (version === 1 || version === 2) {
    const t = (BigInt(bytes.readUInt16BE(6) & 0x0fff) << 48n) | (BigInt(bytes.readUInt16BE(4)) << 32n) | BigInt(bytes.readUInt32BE(0));
    out.time = Number((t - GREGORIAN_TO_UNIX_100NS) * 100n);
    out.clocksequence = bytes.readUInt16BE(8) & 0x3fff;
    out.nodeid = [...bytes.subarray(10)].map((b) => b.toString(16).padStart(2, '0')).join('-');
    out.macvariables = `${bytes[10] & 0x02 ? 'local' : 'global'}:${bytes[10] & 0x01 ? 'multicast' : 'unicast'}`;
  }
  if (version === 2) {
    out.domain = ['Person', 'Group', 'Org'][bytes[9]] ?? `Domain${bytes[9]}`;
    out.id = bytes.readUInt32BE(0);
  }
  return out;
}

/**
 * uuid.rfc4122(seed): a random version 4 UUID. OPA returns the same UUID for
 * the same seed within one evaluation; that per-evaluation memo is the
 * loader's, which knows where an evaluation starts.
 */
function rfc4122(seed: unknown): string {
  ensureString('uuid.rfc4122', 1, seed);
  return randomUUID();
}

export const uuidBuiltins = {
  'uuid.parse': parse,
  'uuid.rfc4122': rfc4122,
};
