/**
 * The MCP server as a child process: spawned exactly as given (no shell, no
 * npx), with the full environment, its stderr on toolgate's stderr, in a
 * process group of its own so that stopping it also stops whatever it spawned.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';

export interface ChildServerOptions {
  command: string;
  args?: string[];
  /** Default: toolgate's whole environment. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Where the server's stderr goes: toolgate's stderr (default), or a pipe the caller reads. */
  stderr?: 'inherit' | 'pipe';
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  startError?: NodeJS.ErrnoException;
}

export class ChildServer {
  readonly process: ChildProcess;
  readonly exited: Promise<ChildExit>;
  private hasExited = false;

  constructor(readonly options: ChildServerOptions) {
    this.process = spawn(options.command, options.args ?? [], {
      stdio: ['pipe', 'pipe', options.stderr ?? 'inherit'],
      env: options.env ?? process.env,
      cwd: options.cwd,
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    this.exited = new Promise((resolve) => {
      this.process.once('error', (error: NodeJS.ErrnoException) => {
        // 'error' without a pid: the process never started
        if (this.process.pid === undefined) {
          this.hasExited = true;
          resolve({ code: null, signal: null, startError: error });
        }
      });
      this.process.once('exit', (code, signal) => {
        this.hasExited = true;
        resolve({ code, signal });
      });
    });
    // writing to a server that has exited fails with EPIPE; the exit is handled, not the write
    this.process.stdin?.on('error', () => {});
  }

  get running(): boolean {
    return !this.hasExited && this.process.pid !== undefined;
  }

  /** Sends a signal to the server and everything in its process group. */
  signal(signal: NodeJS.Signals): void {
    const pid = this.process.pid;
    if (pid === undefined) return;
    try {
      if (process.platform === 'win32') this.process.kill(signal);
      else process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }

  /**
   * Closes the server's stdin and waits for it to exit; after `graceMs` it is
   * sent SIGTERM, after another `graceMs` SIGKILL. Whatever remains of its
   * process group afterwards is killed too.
   */
  async stop(graceMs: number): Promise<ChildExit> {
    this.process.stdin?.end();
    let exit = await this.within(graceMs);
    if (exit === undefined) {
      this.signal('SIGTERM');
      exit = await this.within(graceMs);
    }
    if (exit === undefined) {
      this.signal('SIGKILL');
      exit = await this.exited;
    }
    this.killLeftovers();
    return exit;
  }

  /** Kills what the server spawned and left behind in its process group. */
  killLeftovers(): void {
    this.signal('SIGKILL');
  }

  private within(ms: number): Promise<ChildExit | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), ms);
      void this.exited.then((exit) => {
        clearTimeout(timer);
        resolve(exit);
      });
    });
  }
}

/** The exit code a shell would report for this exit. */
export function exitCodeOf(exit: ChildExit): number {
  if (exit.startError !== undefined) return exit.startError.code === 'ENOENT' ? 127 : 126;
  if (exit.code !== null) return exit.code;
  if (exit.signal !== null) return 128 + (constants.signals[exit.signal] ?? 0);
  return 1;
}

export function describeExit(exit: ChildExit): string {
  if (exit.startError !== undefined) return `could not be started (${exit.startError.message})`;
  if (exit.signal !== null) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code}`;
}
