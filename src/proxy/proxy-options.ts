/** Options every toolgate proxy takes, and how they become the core's configuration. */
import type { Decider } from '../policy/documents.js';
import type { ProxyHooks } from './hooks.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from './line-reader.js';
import { type DenialStyle, policyHooks } from './policy-hooks.js';
import type { ProxyCoreOptions } from './proxy-core.js';
import { Session } from './session.js';

export interface ProxyOptions {
  /** Decides every tools/call. Consulted after `hooks`' onToolCall, unless the hooks include `policyHooks(...)` themselves. */
  decider?: Decider;
  /** How a denied call is answered: an `isError` CallToolResult (default) or a JSON-RPC error. */
  denial?: DenialStyle;
  /** Interception hooks, in order (detectors, limits, audit, ...). */
  hooks?: ProxyHooks[];
  /** Largest message accepted in either direction, in bytes. Default 64 MiB. */
  maxMessageBytes?: number;
  /** The server's name in the policy's input. Default: the name it reports in initialize, else the command's basename. */
  serverName?: string;
  /** `identity` in the policy's input. */
  identity?: Record<string, unknown>;
  sessionId?: string;
  /** Diagnostics for the operator, one line each. Default: toolgate's stderr. */
  report?: (message: string) => void;
}

export const reportToStderr = (message: string): void => {
  process.stderr.write(`toolgate: ${message}\n`);
};

export function coreOptions(options: ProxyOptions, serverCommand: string[]): ProxyCoreOptions {
  const hooks = [...(options.hooks ?? [])];
  if (options.decider !== undefined) hooks.push(policyHooks(options.decider, options.denial ?? 'result'));
  if (!hooks.some((hook) => hook.onToolCall !== undefined)) {
    throw new Error('a proxy needs a decider (or an onToolCall hook): without one every tool call would pass unchecked');
  }
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (!Number.isSafeInteger(maxMessageBytes) || maxMessageBytes < 1) {
    throw new RangeError(`maxMessageBytes must be a positive integer, got ${maxMessageBytes}`);
  }
  return {
    hooks,
    maxMessageBytes,
    session: new Session({
      serverCommand,
      serverName: options.serverName,
      identity: options.identity,
      sessionId: options.sessionId,
    }),
    report: options.report ?? reportToStderr,
  };
}
