/** One end of an in-memory line-delimited connection, as a test sees it. */
import { PassThrough, type Readable, type Writable } from 'node:stream';

export class LinePeer {
  readonly lines: string[] = [];
  readonly rawLines: Buffer[] = [];
  private pendingBytes: Buffer[] = [];
  private waiters: Array<() => void> = [];
  ended = false;

  constructor(
    readonly incoming: Readable,
    readonly outgoing: Writable,
  ) {
    incoming.on('data', (chunk: Buffer) => {
      let start = 0;
      for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
        const line = Buffer.concat([...this.pendingBytes, chunk.subarray(start, nl)]);
        this.pendingBytes = [];
        this.rawLines.push(line);
        this.lines.push(line.toString('utf8'));
        start = nl + 1;
      }
      if (start < chunk.length) this.pendingBytes.push(chunk.subarray(start));
      this.wake();
    });
    incoming.on('end', () => {
      this.ended = true;
      this.wake();
    });
  }

  send(message: string | Buffer | object): void {
    const text = typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message);
    this.outgoing.write(Buffer.concat([Buffer.from(text), Buffer.from('\n')]));
  }

  close(): void {
    this.outgoing.end();
  }

  /** Resolves with the n-th received line (0-based), waiting for it if needed. */
  async line(index: number, timeoutMs = 2000): Promise<string> {
    await this.until(() => this.lines.length > index, timeoutMs, `line ${index}`);
    return this.lines[index];
  }

  async json(index: number): Promise<any> {
    return JSON.parse(await this.line(index));
  }

  async until(condition: () => boolean, timeoutMs = 2000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; received: ${JSON.stringify(this.lines).slice(0, 2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 20);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** Two linked pipes: what `a` writes, `b` reads, and the other way round. */
export function linkedPeers(): { left: LinePeer; right: { readable: Readable; writable: Writable } } {
  const toRight = new PassThrough();
  const toLeft = new PassThrough();
  return { left: new LinePeer(toLeft, toRight), right: { readable: toRight, writable: toLeft } };
}
