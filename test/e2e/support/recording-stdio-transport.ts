/**
 * An MCP SDK Transport that spawns a command (toolgate, or a server directly)
 * and records every raw line in both directions, the process's stderr, and how
 * it exited. Works with the SDK's Client (1.x and 2.x).
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

type Message = Record<string, unknown>;

export interface RecordingOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export class RecordingStdioTransport {
  readonly sent: string[] = [];
  readonly received: string[] = [];
  stderr = '';
  process!: ChildProcessWithoutNullStreams;
  exited!: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  onmessage?: (message: Message) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  private partial: Buffer[] = [];

  constructor(
    readonly command: string[],
    readonly options: RecordingOptions = {},
  ) {}

  async start(): Promise<void> {
    this.process = spawn(this.command[0], this.command.slice(1), {
      env: this.options.env ?? process.env,
      cwd: this.options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => this.process.once('exit', (code, signal) => resolve({ code, signal })));
    void this.exited.then(() => this.onclose?.());
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.process.stdin.on('error', () => {});
    this.process.stdout.on('data', (chunk: Buffer) => {
      let start = 0;
      for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
        this.partial.push(chunk.subarray(start, nl));
        const line = Buffer.concat(this.partial).toString('utf8');
        this.partial = [];
        start = nl + 1;
        this.received.push(line);
        try {
          this.onmessage?.(JSON.parse(line) as Message);
        } catch (error) {
          this.onerror?.(error as Error);
        }
      }
      if (start < chunk.length) this.partial.push(chunk.subarray(start));
    });
    await new Promise<void>((resolve, reject) => {
      this.process.once('spawn', () => resolve());
      this.process.once('error', reject);
    });
  }

  async send(message: Message): Promise<void> {
    this.sendRaw(JSON.stringify(message));
  }

  /** Writes a line exactly as given. */
  sendRaw(line: string): void {
    this.sent.push(line);
    this.process.stdin.write(line + '\n');
  }

  /** Closes the process's stdin, as a client does when it is done, and waits for the exit. */
  async close(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    this.process.stdin.end();
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** The received lines that parse as JSON-RPC messages with this id. */
  responsesTo(id: number | string): Message[] {
    return this.received.map((line) => JSON.parse(line) as Message).filter((message) => message.id === id && message.method === undefined);
  }
}
