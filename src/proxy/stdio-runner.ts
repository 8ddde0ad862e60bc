/**
 * Runs a command proxy on toolgate's own stdin and stdout, as `toolgate protect`
 * does: termination signals are passed to the server, the server never
 * outlives toolgate, and the outcome becomes the exit code.
 */
import { constants } from 'node:os';
import { type CommandProxyOptions, startCommandProxy } from './command-proxy.js';
import { reportToStderr } from './proxy-options.js';
import type { ProxyOutcome } from './running-proxy.js';

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Resolves with the exit code once the client or the server has gone and everything is cleaned up. */
export async function runProxyOnStdio(options: Omit<CommandProxyOptions, 'client'>): Promise<number> {
  const report = options.report ?? reportToStderr;
  return superviseOnStdio(startCommandProxy({ ...options, report }), report);
}

/** A running proxy in front of a server process: what superviseOnStdio needs of it. */
export interface SupervisedProxy {
  readonly done: Promise<ProxyOutcome>;
  stop(): Promise<unknown>;
  /** Sends a signal to the server's process group. */
  signal(signal: NodeJS.Signals): void;
}

/**
 * Passes SIGINT, SIGTERM and SIGHUP on to the server, kills it if toolgate
 * exits first, and turns the outcome into an exit code (128+n after signal n).
 */
export async function superviseOnStdio(
  proxy: SupervisedProxy,
  report: (message: string) => void = reportToStderr,
  /** protect leaves SIGHUP out: there it reloads the policy. */
  forwarded: NodeJS.Signals[] = FORWARDED_SIGNALS,
): Promise<number> {
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    received ??= signal;
    proxy.signal(signal);
    void proxy.stop();
  };
  const killOnExit = () => proxy.signal('SIGKILL');
  for (const signal of forwarded) process.on(signal, onSignal);
  process.on('exit', killOnExit);
  try {
    const outcome = await proxy.done;
    if (received !== undefined) return 128 + (constants.signals[received] ?? 0);
    if (outcome.message !== undefined) report(outcome.message);
    return outcome.exitCode;
  } finally {
    for (const signal of forwarded) process.off(signal, onSignal);
    process.off('exit', killOnExit);
  }
}
