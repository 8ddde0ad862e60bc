/** A bare JSON-RPC client over a child's stdio (no SDK), for pipelining thousands of calls. */
import { type ChildProcessWithoutNullStreams, spawn, type SpawnOptions } from 'node:child_process';

type Message = Record<string, any>;

export class LineClient {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number | null>;
  stderr = '';
  private readonly waiting = new Map<number, (message: Message) => void>();
  private nextId = 1;
  private partial = '';

  constructor(command: string[], options: SpawnOptions = {}) {
    this.child = spawn(command[0], command.slice(1), { ...options, stdio: ['pipe', 'pipe', 'pipe'] }) as ChildProcessWithoutNullStreams;
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.stdin.on('error', () => {});
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (text: string) => {
      this.partial += text;
      for (let nl = this.partial.indexOf('\n'); nl !== -1; nl = this.partial.indexOf('\n')) {
        const message = JSON.parse(this.partial.slice(0, nl)) as Message;
        this.partial = this.partial.slice(nl + 1);
        this.waiting.get(message.id)?.(message);
        this.waiting.delete(message.id);
      }
    });
  }

  /** Sends every request in one write and resolves with the responses, in request order. */
  requestAll(requests: Array<{ method: string; params: unknown }>): Promise<Message[]> {
    const answers = requests.map(({ method, params }) => {
      const id = this.nextId++;
      return { line: JSON.stringify({ jsonrpc: '2.0', id, method, params }), answer: new Promise<Message>((resolve) => this.waiting.set(id, resolve)) };
    });
    this.child.stdin.write(answers.map((a) => `${a.line}\n`).join(''));
    return Promise.all(answers.map((a) => a.answer));
  }

  async initialize(): Promise<void> {
    await this.requestAll([{ method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'line-client', version: '1' } } }]);
    this.child.stdin.write('{"jsonrpc":"2.0","method":"notifications/initialized"}\n');
  }

  /** Closes stdin and resolves with the exit code. */
  close(): Promise<number | null> {
    this.child.stdin.end();
    return this.exited;
  }
}
