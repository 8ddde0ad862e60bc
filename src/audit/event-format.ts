import type { JsonValue } from './json-safe.js';
import { CLOUDEVENTS_TYPE_PREFIX, shortEventType, type AuditEventType } from './event-types.js';
import { isChainHash } from './hash-chain.js';

/**
 * The two stored forms of an event, one JSON object per line:
 * - cloudevents (default): a CloudEvents 1.0 JSON event; the chain fields are
 *   the extension attributes `seq`, `prevhash` and `hash`.
 * - json: a flat record (envelope and data fields side by side), easy to index.
 */
export const AUDIT_FORMATS = ['cloudevents', 'json'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export interface EventFields {
  seq: number;
  id: string;
  time: string;
  /** Short type name; see event-types.ts (a newer writer may add types). */
  type: AuditEventType | (string & {});
  source: string;
  subject?: string;
  prevhash: string;
  data: { [key: string]: JsonValue };
}

const FLAT_ENVELOPE_KEYS = ['seq', 'id', 'time', 'type', 'source', 'subject', 'prevhash', 'hash'];

export function sourceForServer(serverName: string): string {
  return `urn:toolgate:${encodeURIComponent(serverName)}`;
}

/** The stored object, with `hash` present (empty) so it serializes in its place once computed. */
export function toStoredObject(format: AuditFormat, fields: EventFields): { [key: string]: JsonValue } {
  const subject: { [key: string]: JsonValue } = fields.subject === undefined ? {} : { subject: fields.subject };
  if (format === 'cloudevents') {
    return {
      specversion: '1.0',
      id: fields.id,
      source: fields.source,
      type: CLOUDEVENTS_TYPE_PREFIX + fields.type,
      time: fields.time,
      ...subject,
      datacontenttype: 'application/json',
      seq: fields.seq,
      prevhash: fields.prevhash,
      hash: '',
      data: fields.data,
    };
  }
  const clash = Object.keys(fields.data).find((key) => FLAT_ENVELOPE_KEYS.includes(key));
  if (clash !== undefined) throw new Error(`event data field "${clash}" clashes with an envelope field of the json format`);
  return {
    seq: fields.seq,
    id: fields.id,
    time: fields.time,
    type: fields.type,
    source: fields.source,
    ...subject,
    ...fields.data,
    prevhash: fields.prevhash,
    hash: '',
  };
}

/** One stored event read back, whichever format it was written in. */
export interface StoredEvent extends EventFields {
  hash: string;
  format: AuditFormat;
}

function isObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the fields of a stored event; a string says what is missing or malformed. */
export function fromStoredObject(stored: unknown): StoredEvent | string {
  if (!isObject(stored)) return 'not a JSON object';
  const format: AuditFormat = 'specversion' in stored ? 'cloudevents' : 'json';
  const type = shortEventType(stored.type);
  if (type === undefined) return 'missing or invalid "type"';
  const { seq, id, time, source, subject, prevhash, hash } = stored;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return 'missing or invalid "seq"';
  if (!isChainHash(prevhash)) return 'missing or invalid "prevhash"';
  if (!isChainHash(hash)) return 'missing or invalid "hash"';
  if (typeof id !== 'string' || typeof time !== 'string' || typeof source !== 'string') {
    return 'missing "id", "time" or "source"';
  }
  let data: { [key: string]: JsonValue };
  if (format === 'cloudevents') {
    if (!isObject(stored.data)) return 'missing "data" object';
    data = stored.data;
  } else {
    data = Object.fromEntries(Object.entries(stored).filter(([key]) => !FLAT_ENVELOPE_KEYS.includes(key)));
  }
  return {
    format,
    seq,
    id,
    time,
    type,
    source,
    subject: typeof subject === 'string' ? subject : undefined,
    prevhash,
    hash,
    data,
  };
}
