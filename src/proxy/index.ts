/**
 * toolgate's transparent MCP proxy, as a library: put it in front of a server
 * command (`startCommandProxy`), or between any client and server streams
 * (`createStreamProxy`). Both forward every message raw and decide each
 * tools/call through the hooks and the decider.
 */
export { startCommandProxy, type CommandProxyOptions, type RunningCommandProxy } from './command-proxy.js';
export { createStreamProxy, type StreamProxyOptions } from './stream-proxy.js';
export { runProxyOnStdio, superviseOnStdio, type SupervisedProxy } from './stdio-runner.js';
export { endpointForTransport, type MessageTransport } from './transport-endpoint.js';
export type { ProxyOptions } from './proxy-options.js';
export type { ProxyEndpoint } from './proxy-core.js';
export type { ProxyOutcome, ProxyEndReason, RunningProxy } from './running-proxy.js';
export type {
  Awaitable,
  CallContext,
  CallVerdict,
  ListContext,
  ProxyEvent,
  ProxyHooks,
  SessionInfo,
  ToolCall,
  ToolResponse,
  ToolsListResult,
} from './hooks.js';
export { policyHooks, denialVerdict, denialMessage, DENIAL_PREFIX, type DenialStyle } from './policy-hooks.js';
export { RpcErrorCode, type JsonRpcError, type JsonRpcId } from './jsonrpc.js';
export { DEFAULT_MAX_MESSAGE_BYTES, LineReader } from './line-reader.js';
export { FIRST_STATELESS_REVISION } from './protocol-revision.js';
