import type { SessionInfo } from './hooks.js';

export type ProxyEndReason = 'client-closed' | 'server-exited' | 'server-not-started' | 'stopped';

export interface ProxyOutcome {
  reason: ProxyEndReason;
  /** What a CLI should exit with: 0 after the client closed, the server's failure otherwise. */
  exitCode: number;
  /** Requests that got an error because the server went away before answering. */
  failedRequests: number;
  /** A sentence for the operator when the end was not the client's doing. */
  message?: string;
}

export interface RunningProxy {
  readonly session: SessionInfo;
  /** Resolves once both sides are closed. */
  readonly done: Promise<ProxyOutcome>;
  /** Shuts the proxy down as if the client had closed. */
  stop(): Promise<ProxyOutcome>;
}
