/**
 * Runs a command proxy on toolgate's own stdin and stdout, as `toolgate protect`
 * does: termination signals are passed to the server, the server never
 * outlives toolgate, and the outcome becomes the exit code.
 */
import { constants } from 'node:os';
import { type CommandProxyOptions, startCommandProxy } from './command-proxy.js';
import { reportToStderr } from './proxy-options.js';

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Resolves with the exit code once the client or the server has gone and everything is cleaned up. */
export async function runProxyOnStdio(options: Omit<CommandProxyOptions, 'client'>): Promise<number> {
  const report = options.report ?? reportToStderr;
  const proxy = startCommandProxy({ ...options, report });
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    received ??= signal;
    proxy.signal(signal);
    void proxy.stop();
  };
  const killOnExit = () => proxy.signal('SIGKILL');
  for (const signal of FORWARDED_SIGNALS) process.on(signal, onSignal);
  process.on('exit', killOnExit);
  try {
    const outcome = await proxy.done;
    if (received !== undefined) return 128 + (constants.signals[received] ?? 0);
    if (outcome.message !== undefined) report(outcome.message);
    return outcome.exitCode;
  } finally {
    for (const signal of FORWARDED_SIGNALS) process.off(signal, onSignal);
    process.off('exit', killOnExit);
  }
}
