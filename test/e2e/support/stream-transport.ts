/**
 * An MCP SDK Transport over a pair of in-memory streams, for putting an SDK
 * Client (1.x or 2.x) in front of a proxy created in-process by the library.
 */
import { PassThrough } from 'node:stream';

type Message = Record<string, unknown>;

export class StreamTransport {
  onmessage?: (message: Message) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  /** Every raw line received, for assertions on the wire format. */
  readonly received: string[] = [];
  private partial = '';

  constructor(
    /** What the peer writes to us. */
    readonly incoming: PassThrough,
    /** Where we write for the peer. */
    readonly outgoing: PassThrough,
  ) {}

  async start(): Promise<void> {
    this.incoming.setEncoding('utf8');
    this.incoming.on('data', (text: string) => {
      this.partial += text;
      let nl: number;
      while ((nl = this.partial.indexOf('\n')) !== -1) {
        const line = this.partial.slice(0, nl);
        this.partial = this.partial.slice(nl + 1);
        this.received.push(line);
        try {
          this.onmessage?.(JSON.parse(line) as Message);
        } catch (error) {
          this.onerror?.(error as Error);
        }
      }
    });
    this.incoming.on('end', () => this.onclose?.());
  }

  async send(message: Message): Promise<void> {
    this.outgoing.write(JSON.stringify(message) + '\n');
  }

  async close(): Promise<void> {
    this.outgoing.end();
  }
}

/** The client's transport and the proxy's client-side endpoint, linked. */
export function clientLink(): { transport: StreamTransport; endpoint: { readable: PassThrough; writable: PassThrough } } {
  const toProxy = new PassThrough();
  const toClient = new PassThrough();
  return { transport: new StreamTransport(toClient, toProxy), endpoint: { readable: toProxy, writable: toClient } };
}
