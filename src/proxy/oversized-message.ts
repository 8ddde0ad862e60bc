/**
 * What can still be learned about a message too large to keep: from its
 * first bytes, the top-level members written before the payload; from its
 * last bytes, an id written after it (the MCP SDKs put `id` last).
 */
import { decodeString, scanPrefix, stringEnd } from './json-scan.js';
import { type RequestId, requestIdFromText } from './jsonrpc.js';

export interface OversizedMessage {
  id?: RequestId;
  method?: string;
}

const TRAILING_ID = /[{,]\s*"id"\s*:\s*(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|"(?:[^"\\]|\\.)*")\s*\}\s*$/;

export function describeOversized(head: Buffer, tail: Buffer): OversizedMessage {
  const described: OversizedMessage = {};
  try {
    for (const member of scanPrefix(head)) {
      if (member.key === 'method' && head[member.valueStart] === 0x22) {
        described.method = decodeString(head, member.valueStart, stringEnd(head, member.valueStart));
      } else if (member.key === 'id') {
        described.id = requestIdFromText(head.toString('utf8', member.valueStart, member.valueEnd));
      }
    }
  } catch {
    // a head that is not JSON at all tells nothing
  }
  if (described.id === undefined) {
    const trailing = TRAILING_ID.exec(tail.toString('utf8'));
    if (trailing !== null) {
      try {
        described.id = requestIdFromText(trailing[1]);
      } catch {
        // not a readable id
      }
    }
  }
  return described;
}
