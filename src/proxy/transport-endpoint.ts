/**
 * Turns an MCP SDK Transport (1.x or 2.x: start/send/close, onmessage/onclose)
 * into a proxy endpoint, so a host can put toolgate between its own client and
 * server in one process, e.g. between two `InMemoryTransport` pairs. Transports
 * carry parsed messages, so each is serialized once into the proxy and parsed
 * once out of it; the core in between is the same as for stdio.
 */
import { PassThrough, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { ProxyEndpoint } from './proxy-core.js';

/** The part of the SDK's Transport interface the proxy needs. */
export interface MessageTransport {
  start(): Promise<void>;
  send(message: never): Promise<void>;
  close(): Promise<void>;
  onmessage?: (message: never, extra?: never) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
}

/**
 * The endpoint reads what the transport's peer sends and writes to that peer.
 * Call before the transport is started: this takes its callbacks and starts it.
 */
export async function endpointForTransport(transport: MessageTransport): Promise<ProxyEndpoint> {
  const readable = new PassThrough();
  const decoder = new StringDecoder('utf8');
  let partial = '';
  const writable = new Writable({
    decodeStrings: false,
    write(chunk: Buffer | string, _encoding, done) {
      partial += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      const sends: Array<Promise<void>> = [];
      for (let newline = partial.indexOf('\n'); newline !== -1; newline = partial.indexOf('\n')) {
        const line = partial.slice(0, newline);
        partial = partial.slice(newline + 1);
        if (line.trim().length > 0) sends.push(transport.send(JSON.parse(line) as never));
      }
      Promise.all(sends).then(() => done(), done);
    },
    final(done) {
      transport.close().then(() => done(), done);
    },
  });
  (transport as { onmessage?: (message: unknown) => void }).onmessage = (message) => {
    if (!readable.writableEnded) readable.write(`${JSON.stringify(message)}\n`);
  };
  transport.onclose = () => {
    if (!readable.writableEnded) readable.end();
  };
  transport.onerror = (error) => readable.emit('error', error);
  await transport.start();
  return { readable, writable };
}
