/**
 * What `protect()` takes: the same options behind every `toolgate protect`
 * flag, for hosts that embed toolgate as a library.
 */
import type { KeyObject } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { AuditFormat } from '../audit/event-format.js';
import type { RedactionOptions } from '../audit/redact-arguments.js';
import type { DetectorKind } from '../guard/kinds.js';
import type { DecisionDocument, LimitSpec } from '../policy/documents.js';
import type { PolicyHandle } from '../policy/policy-handle.js';
import type { ToolgatePolicy } from '../policy/toolgate-policy.js';
import type { ProxyEndpoint } from '../proxy/proxy-core.js';
import type { MessageTransport } from '../proxy/transport-endpoint.js';
import type { CallOutcomeKind } from './call-report.js';

/** One side of the proxy: a pair of byte streams, or an MCP SDK Transport (e.g. one end of `InMemoryTransport.createLinkedPair()`). */
export type PeerConnection = ProxyEndpoint | MessageTransport;

/** toolgate starts the server as a child process and talks to it over its stdio. */
export interface CommandTarget {
  command: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The server's stderr: toolgate's own (default) or a pipe on the child process. */
  stderr?: 'inherit' | 'pipe';
  /** The client's side. Default: this process's stdin and stdout. */
  client?: PeerConnection;
}

/** toolgate sits between a client and a server the host already has (transports or streams). */
export interface ConnectionTarget {
  client: PeerConnection;
  server: PeerConnection;
  /** The server's command line as the policy sees it (`input.server.command`). */
  serverCommand?: string[];
}

export type ProtectTarget = CommandTarget | ConnectionTarget;

export interface ProtectAuditOptions {
  /** Log file (the file sink). */
  path?: string;
  /** `stderr` writes events to standard error (or `stream`) instead of a file. */
  sink?: 'file' | 'stderr';
  stream?: Writable;
  /** `cloudevents` (default) or `json`. */
  format?: AuditFormat;
  /** Block calls while the log cannot be written (fail closed). */
  required?: boolean;
  /** Ed25519 private key (PEM file path or KeyObject) for signed checkpoints. */
  key?: string | KeyObject;
  /** A signed checkpoint after this many events (default 100; needs `key`). */
  checkpointEvery?: number;
  rotate?: { maxBytes?: number; maxAgeMs?: number };
  fsync?: boolean;
  redaction?: RedactionOptions;
}

export interface ProtectOptions {
  /** A profile name, policy.yaml, a folder or a bundle .tar.gz (default: the standard profile); or a loaded policy, or a handle (hot reload). */
  policy?: string | ToolgatePolicy | PolicyHandle;
  /** Allowed roots: `data.toolgate.roots` for `within: roots`, and the roots the path detectors check against. */
  roots?: string[];
  /** `shadow` forwards every call and records what would have been denied. Default: the policy's own mode. */
  mode?: 'enforce' | 'shadow';
  /** A candidate policy evaluated beside the enforced one; only the enforced one acts, both are recorded. */
  shadowPolicy?: string | ToolgatePolicy;
  /** The tamper-evident audit log; none when left out. */
  audit?: ProtectAuditOptions;
  /** A global limit added to every decision's limits: `"100/minute"` or a LimitSpec. */
  rateLimit?: string | LimitSpec;
  /** Which detectors fill `input.findings`: all (default, `true`), none (`false`), or the kinds listed. */
  detectors?: boolean | readonly DetectorKind[];
  /** Tool pinning: on by default (`$TOOLGATE_PINS_DIR` or `~/.toolgate/pins`), `false` to turn off, or another directory. */
  pins?: boolean | { directory: string };
  /** Hide tools the policy denies whatever the arguments from tools/list (default true). */
  hideTools?: boolean;
  /** `input.identity` for every call. */
  identity?: Record<string, unknown>;
  /** The server's name in the policy input and the audit events' source. Default: the command's basename (the policy input then uses the name the server reports). */
  serverName?: string;
  /** How a blocked call is answered: an `isError` tool result (default) or a JSON-RPC error. */
  denial?: 'result' | 'error';
  maxMessageBytes?: number;
  /** How long the server gets to exit after the client closed, before SIGTERM (and again before SIGKILL). Default 2000 ms. */
  shutdownGraceMs?: number;
  /** Every decided call, once it is settled and before its answer is sent. A callback that throws is reported and changes nothing. */
  onDecision?: (report: CallReport) => void;
  /** Every call the policy or a limit denied, blocked or only recorded (shadow); and calls blocked because the audit log could not be written. */
  onViolation?: (report: CallReport) => void;
  /** One line per decided call on the diagnostics channel. */
  verbose?: boolean;
  /** Diagnostics, one line each (warnings, write failures, verbose lines). Default: stderr, prefixed `toolgate: `. */
  report?: (message: string) => void;
}

/** What happened to one tools/call. */
export interface CallReport {
  tool: string;
  arguments: Record<string, unknown>;
  session: string;
  identity: Record<string, unknown>;
  /** `allowed`, `denied` (policy), `rate-limited`, `shadow-deny` (forwarded, the policy in mode shadow would deny), `audit-unavailable`, `error` (a guard failed; blocked). */
  outcome: CallOutcomeKind;
  /** True when toolgate answered the call itself; false when it was forwarded to the server. */
  blocked: boolean;
  reasons: string[];
  /** The enforced policy's decision (absent when deciding did not get that far). */
  decision?: DecisionDocument;
  /** The candidate's decision (`shadowPolicy`). */
  shadow?: DecisionDocument;
  policyRevision?: string;
  evalMicros?: number;
  /** For `rate-limited`: seconds until the call would pass. */
  retryAfterSeconds?: number;
}
