/** A proxy in front of an MCP server that toolgate starts as a child process. */
import type { ChildProcess } from 'node:child_process';
import { ChildServer, type ChildServerOptions, describeExit, exitCodeOf } from './child-server.js';
import { ProxyCore, type ProxyEndpoint } from './proxy-core.js';
import { coreOptions, type ProxyOptions } from './proxy-options.js';
import type { ProxyOutcome, RunningProxy } from './running-proxy.js';
import { settlesWithin } from './settle.js';

export interface CommandProxyOptions extends ProxyOptions, ChildServerOptions {
  /** The client's side. Default: toolgate's own stdin and stdout. */
  client?: ProxyEndpoint;
  /** How long the server gets to exit after its stdin closes, before SIGTERM (and as long again before SIGKILL). Default 2000 ms. */
  shutdownGraceMs?: number;
}

export interface RunningCommandProxy extends RunningProxy {
  readonly child: ChildProcess;
  /** Sends a signal to the server's process group (Ctrl-C, termination). */
  signal(signal: NodeJS.Signals): void;
}

/** How long the server's stdout may stay open after the server exited (a grandchild holding it). */
const OUTPUT_DRAIN_MS = 500;

export function startCommandProxy(options: CommandProxyOptions): RunningCommandProxy {
  const resolved = coreOptions(options, [options.command, ...(options.args ?? [])]);
  const graceMs = options.shutdownGraceMs ?? 2000;
  const server = new ChildServer(options);
  const child = server.process;
  const client = options.client ?? { readable: process.stdin, writable: process.stdout };
  const core = new ProxyCore(client, { readable: child.stdout!, writable: child.stdin! }, resolved);
  core.start();

  const done = (async (): Promise<ProxyOutcome> => {
    const first = await Promise.race([
      core.clientClosed.then(() => 'client' as const),
      server.exited.then(() => (core.clientHasClosed ? ('client' as const) : ('server' as const))),
    ]);
    let outcome: ProxyOutcome;
    if (first === 'client') {
      await core.clientClosed;
      const exit = await server.stop(graceMs);
      await settlesWithin(core.serverClosed, OUTPUT_DRAIN_MS);
      const failedRequests = core.failPending('toolgate: the client closed the connection');
      core.emit({ type: 'server-exited', code: exit.code, signal: exit.signal, failedRequests });
      await core.closeClient();
      // a signal here is toolgate's own escalation, not a failure of the server
      outcome = { reason: 'client-closed', exitCode: exit.code ?? 0, failedRequests };
    } else {
      const exit = await server.exited;
      if (!(await settlesWithin(core.serverClosed, OUTPUT_DRAIN_MS))) core.closeServerInput();
      server.killLeftovers();
      const what = `the MCP server (${options.command}) ${describeExit(exit)}`;
      const failedRequests = core.failPending(`toolgate: ${what} before answering`);
      core.emit({ type: 'server-exited', code: exit.code, signal: exit.signal, failedRequests });
      await core.closeClient();
      core.closeClientInput();
      const pendingNote = failedRequests > 0 ? `; ${failedRequests} pending request(s) were answered with an error` : '';
      outcome = {
        reason: exit.startError !== undefined ? 'server-not-started' : 'server-exited',
        exitCode: exitCodeOf(exit) || 1,
        failedRequests,
        message: `${what} while the client was connected${pendingNote}`,
      };
    }
    core.emit({ type: 'stopped', exitCode: outcome.exitCode });
    return outcome;
  })();

  return {
    session: resolved.session,
    child,
    done,
    signal: (signal) => server.signal(signal),
    stop() {
      core.closeClientInput();
      return done;
    },
  };
}
