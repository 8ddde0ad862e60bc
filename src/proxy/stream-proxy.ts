/**
 * A proxy between two pairs of streams: a host's own client and server, or
 * in-memory pairs in tests. Same core as the command proxy.
 */
import { ProxyCore, type ProxyEndpoint } from './proxy-core.js';
import { coreOptions, type ProxyOptions } from './proxy-options.js';
import type { ProxyOutcome, RunningProxy } from './running-proxy.js';
import { settlesWithin } from './settle.js';

export interface StreamProxyOptions extends ProxyOptions {
  client: ProxyEndpoint;
  server: ProxyEndpoint;
  /** The server's command line as the policy sees it (`server.command`). */
  serverCommand?: string[];
  /** After the client closed, how long the server's output may stay open before toolgate stops reading it. Default 2000 ms. */
  shutdownGraceMs?: number;
}

export function createStreamProxy(options: StreamProxyOptions): RunningProxy {
  const resolved = coreOptions(options, options.serverCommand ?? []);
  const core = new ProxyCore(options.client, options.server, resolved);
  core.start();
  const done = (async (): Promise<ProxyOutcome> => {
    const first = await Promise.race([
      core.clientClosed.then(() => 'client' as const),
      core.serverClosed.then(() => (core.clientHasClosed ? ('client' as const) : ('server' as const))),
    ]);
    let outcome: ProxyOutcome;
    if (first === 'client') {
      await core.clientClosed;
      if (!(await settlesWithin(core.serverClosed, options.shutdownGraceMs ?? 2000))) core.closeServerInput();
      await core.serverClosed;
      const failedRequests = core.failPending('toolgate: the client closed the connection');
      await core.closeClient();
      outcome = { reason: 'client-closed', exitCode: 0, failedRequests };
    } else {
      const failedRequests = core.failPending('toolgate: the MCP server closed the connection before answering');
      await core.closeClient();
      core.closeClientInput();
      outcome = { reason: 'server-exited', exitCode: 1, failedRequests, message: 'the MCP server closed the connection while the client was connected' };
    }
    core.emit({ type: 'stopped', exitCode: outcome.exitCode });
    return outcome;
  })();

  return {
    session: resolved.session,
    done,
    stop() {
      core.closeClientInput();
      return done;
    },
  };
}
