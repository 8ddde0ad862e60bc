/**
 * Reads the JSON-RPC envelope of one scanned message (method, id, which
 * members are present) from the raw bytes, without parsing the payload.
 */
import { decodeString, type JsonMember, type ScannedValue, stringEnd } from './json-scan.js';
import { type RequestId, requestIdFromText } from './jsonrpc.js';
import { foldName, imitatedName } from './lookalike-names.js';

export type EnvelopeKind = 'request' | 'notification' | 'response';

export interface Envelope {
  kind: EnvelopeKind;
  /** For requests and notifications. */
  method?: string;
  /** For requests and responses. */
  id?: RequestId;
  members: JsonMember[];
}

export class EnvelopeError extends Error {
  constructor(
    message: string,
    /** The message's id, when it could be read, so the error can be answered. */
    readonly id?: RequestId,
  ) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

const ENVELOPE_KEYS = ['jsonrpc', 'id', 'method', 'params', 'result', 'error'] as const;
export const TOOLS_CALL = 'tools/call';

/**
 * Strict mode is for messages from the client, which are decided on: duplicate
 * top-level keys, keys that imitate envelope keys ("Method", "paramſ") and
 * method names that imitate tools/call are refused, since the server's decoder
 * could read them differently.
 */
export function readEnvelope(buf: Buffer, value: ScannedValue, strict: boolean): Envelope {
  const members = value.members;
  if (members === undefined) throw new EnvelopeError('a JSON-RPC message must be an object');
  let methodMember: JsonMember | undefined;
  let idMember: JsonMember | undefined;
  let hasResult = false;
  let hasError = false;
  for (let i = 0; i < members.length; i++) {
    const member = members[i];
    switch (member.key) {
      case 'method':
        methodMember = member;
        break;
      case 'id':
        idMember = member;
        break;
      case 'result':
        hasResult = true;
        break;
      case 'error':
        hasError = true;
        break;
      case 'jsonrpc':
      case 'params':
        break;
      default:
        if (strict) {
          const imitated = imitatedName(member.key, ENVELOPE_KEYS);
          if (imitated !== undefined) {
            throw new EnvelopeError(`key ${JSON.stringify(member.key)} imitates "${imitated}"`, readIdIfPresent(buf, members));
          }
        }
    }
  }
  if (strict) rejectDuplicateKeys(buf, members);

  const id = idMember === undefined ? undefined : readId(buf, idMember);
  if (methodMember !== undefined) {
    const method = readMethod(buf, methodMember, id);
    if (strict && method !== TOOLS_CALL && foldName(method) === TOOLS_CALL) {
      throw new EnvelopeError(`method ${JSON.stringify(method)} imitates "${TOOLS_CALL}"`, id);
    }
    return id === undefined ? { kind: 'notification', method, members } : { kind: 'request', method, id, members };
  }
  if (id !== undefined && (hasResult || hasError)) return { kind: 'response', id, members };
  throw new EnvelopeError('not a JSON-RPC request, notification or response', id);
}

function readMethod(buf: Buffer, member: JsonMember, id: RequestId | undefined): string {
  if (buf[member.valueStart] !== 0x22) throw new EnvelopeError('"method" must be a string', id);
  return decodeString(buf, member.valueStart, stringEnd(buf, member.valueStart));
}

function readId(buf: Buffer, member: JsonMember): RequestId {
  const first = buf[member.valueStart];
  const isNumber = first === 0x2d || (first >= 0x30 && first <= 0x39);
  if (first !== 0x22 && !isNumber && first !== 0x6e) throw new EnvelopeError('"id" must be a string, a number or null');
  return requestIdFromText(buf.toString('utf8', member.valueStart, member.valueEnd));
}

function readIdIfPresent(buf: Buffer, members: JsonMember[]): RequestId | undefined {
  const idMember = members.find((member) => member.key === 'id');
  if (idMember === undefined) return undefined;
  try {
    return readId(buf, idMember);
  } catch {
    return undefined;
  }
}

function rejectDuplicateKeys(buf: Buffer, members: JsonMember[]): void {
  // envelopes have a handful of members: pairwise comparison beats building a Set
  for (let i = 1; i < members.length; i++) {
    for (let j = 0; j < i; j++) {
      if (members[i].key === members[j].key) {
        throw new EnvelopeError(`duplicate key ${JSON.stringify(members[i].key)}`, readIdIfPresent(buf, members));
      }
    }
  }
}
