/**
 * The interception seam: what guards, audit and policy plug into. The proxy
 * forwards every message raw; only these points see parsed content.
 */
import type { DecisionDocument, InputDocument } from '../policy/documents.js';
import type { JsonRpcError, JsonRpcId } from './jsonrpc.js';

export type Awaitable<T> = T | Promise<T>;

export interface ToolCall {
  id: JsonRpcId;
  name: string;
  arguments: Record<string, unknown>;
  /** The request's params as sent, `_meta` included. */
  params: Record<string, unknown>;
  /** The protocol revision governing this request: its `_meta` protocol version, else the one initialize negotiated. */
  protocolVersion: string | undefined;
}

export interface SessionInfo {
  readonly id: string;
  readonly client: { name?: string; version?: string };
  /** The protocol version the server answered initialize with. */
  readonly protocolVersion: string | undefined;
  readonly server: { name: string; command: string[] };
}

export interface CallContext {
  readonly session: SessionInfo;
  /** What the policy will see. Hooks running before the decision may add findings or counters. */
  readonly input: InputDocument;
  /** Set by the policy hook once the decider has answered. */
  decision?: DecisionDocument;
  /** Scratch space the hooks of one call share, from onToolCall to onToolResult. */
  readonly notes: Map<string, unknown>;
}

/** What happens to a tools/call: forwarded to the server, or answered by toolgate. */
export type CallVerdict =
  | { action: 'forward' }
  /** Answer with this CallToolResult (for a denial: `isError: true`). */
  | { action: 'respond'; result: Record<string, unknown> }
  | { action: 'error'; error: JsonRpcError };

export type ToolResponse = { result: Record<string, unknown> } | { error: JsonRpcError };

export interface ListContext {
  readonly session: SessionInfo;
}

export type ProxyEvent =
  | { type: 'started'; session: SessionInfo }
  /** The client closed its side; the server's input is being closed. */
  | { type: 'client-closed' }
  | { type: 'server-exited'; code: number | null; signal: NodeJS.Signals | null; failedRequests: number }
  | { type: 'message-dropped'; from: 'client' | 'server'; reason: string }
  | { type: 'stopped'; exitCode: number };

/**
 * One participant in interception. Every method is optional.
 *
 * onToolCall hooks run in order for each tools/call; `forward` (or nothing)
 * passes the call to the next hook, `respond`/`error` answers it and stops the
 * chain. The call reaches the server only when every hook let it pass. A hook
 * that throws answers the call with an error (fail closed).
 */
export interface ProxyHooks {
  readonly name?: string;
  onToolCall?(call: ToolCall, context: CallContext): Awaitable<CallVerdict | void>;
  /**
   * After the chain settled, for observers (audit, metrics). A returned promise
   * holds the verdict back until it settles, so an audit event can be written
   * before the answer it describes leaves; a rejection is reported, never fatal.
   */
  onVerdict?(call: ToolCall, context: CallContext, verdict: CallVerdict): Awaitable<void>;
  /** A forwarded call's response; return a replacement to change what the client receives. */
  onToolResult?(call: ToolCall, response: ToolResponse, context: CallContext): Awaitable<ToolResponse | void>;
  /** A tools/list result; return a replacement (filtered, annotated) to change what the client receives. */
  onToolsListResult?(result: ToolsListResult, context: ListContext): Awaitable<ToolsListResult | void>;
  onEvent?(event: ProxyEvent): void;
}

export interface ToolsListResult extends Record<string, unknown> {
  tools: Array<Record<string, unknown>>;
}

