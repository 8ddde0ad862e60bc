/** JSON-RPC 2.0 pieces toolgate needs to answer requests itself: ids, error codes, response text. */

export type JsonRpcId = string | number | null;

export interface JsonRpcError {
  code: number;
  message: string;
  data?: unknown;
}

export const RpcErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  InvalidParams: -32602,
  InternalError: -32603,
  /** The MCP server went away before answering (same code as the MCP SDK's ConnectionClosed). */
  ConnectionClosed: -32000,
  /** A tools/call denied by the policy, when denials are JSON-RPC errors. */
  PolicyDenied: -32003,
} as const;

/** The JSON text of a request id as the peer wrote it, and a key that is equal for equal ids. */
export interface RequestId {
  text: string;
  key: string;
}

const SIMPLE_INTEGER = /^-?(?:0|[1-9][0-9]{0,14})$/;

/**
 * Builds the id from its JSON text. Peers may re-serialize ids (`1.0` comes back
 * as `1`, `"\u0061"` as `"a"`), so the key is the canonical JSON form.
 */
export function requestIdFromText(text: string): RequestId {
  if (SIMPLE_INTEGER.test(text) || text === 'null') return { text, key: text };
  if (text.charCodeAt(0) === 0x22 && !text.includes('\\')) return { text, key: text };
  return { text, key: JSON.stringify(JSON.parse(text) as JsonRpcId) };
}

/** The id of responses to messages whose own id could not be read. */
export const NULL_ID: RequestId = { text: 'null', key: 'null' };

export function resultResponseText(id: RequestId, result: unknown): string {
  return `{"jsonrpc":"2.0","id":${id.text},"result":${JSON.stringify(result)}}`;
}

export function errorResponseText(id: RequestId, error: JsonRpcError): string {
  return `{"jsonrpc":"2.0","id":${id.text},"error":${JSON.stringify(error)}}`;
}
