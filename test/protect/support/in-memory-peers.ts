/**
 * A JSON-RPC client and a scripted MCP server on in-memory streams, with
 * protect() between them: the pipeline under test runs for real, only the two
 * ends are doubles.
 */
import { PassThrough } from 'node:stream';
import { protect, type Protection } from '../../../src/protect/protect.js';
import type { ProtectOptions } from '../../../src/protect/protect-options.js';

type Message = Record<string, any>;

function onLines(stream: PassThrough, handle: (message: Message) => void): void {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (text: string) => {
    partial += text;
    for (let nl = partial.indexOf('\n'); nl !== -1; nl = partial.indexOf('\n')) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      handle(JSON.parse(line) as Message);
    }
  });
}

export class TestClient {
  private nextId = 1;
  private readonly waiting = new Map<unknown, (message: Message) => void>();

  constructor(private readonly toProxy: PassThrough, fromProxy: PassThrough, private readonly onResponse?: (message: Message) => void) {
    onLines(fromProxy, (message) => {
      this.onResponse?.(message);
      this.waiting.get(message.id)?.(message);
      this.waiting.delete(message.id);
    });
  }

  request(method: string, params: unknown): Promise<Message> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.toProxy.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  }

  call(name: string, args: Record<string, unknown> = {}): Promise<Message> {
    return this.request('tools/call', { name, arguments: args });
  }

  close(): void {
    this.toProxy.end();
  }
}

export interface ScriptedServerOptions {
  tools?: Array<Record<string, unknown>>;
  /** The CallToolResult for a call; default: the arguments as JSON text. */
  answer?: (name: string, args: Record<string, unknown>) => Record<string, unknown>;
}

export class ScriptedServer {
  /** Every tools/call that reached the server. */
  readonly calls: Array<{ name: string; arguments: Record<string, unknown> }> = [];

  constructor(fromProxy: PassThrough, private readonly toProxy: PassThrough, private readonly options: ScriptedServerOptions) {
    onLines(fromProxy, (message) => this.handle(message));
    fromProxy.on('end', () => toProxy.end());
  }

  private handle(message: Message): void {
    if (message.id === undefined) return;
    let result: Record<string, unknown>;
    if (message.method === 'initialize') {
      result = { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'scripted-server', version: '1.0.0' } };
    } else if (message.method === 'tools/list') {
      result = { tools: this.options.tools ?? [] };
    } else if (message.method === 'tools/call') {
      this.calls.push({ name: message.params.name, arguments: message.params.arguments });
      result = this.options.answer?.(message.params.name, message.params.arguments) ?? { content: [{ type: 'text', text: JSON.stringify(message.params.arguments) }] };
    } else {
      result = {};
    }
    this.toProxy.write(`${JSON.stringify({ jsonrpc: '2.0', id: message.id, result })}\n`);
  }
}

export interface InMemoryProtection {
  gate: Protection;
  client: TestClient;
  server: ScriptedServer;
  reports: string[];
  /** Closes the client side and waits for protect() to finish. */
  close(): ReturnType<Protection['stop']>;
}

/** protect() between a TestClient and a ScriptedServer, started. Pins are off unless asked for. */
export async function protectInMemory(
  options: ProtectOptions,
  server: ScriptedServerOptions = {},
  onResponse?: (message: Message) => void,
): Promise<InMemoryProtection> {
  const clientToProxy = new PassThrough();
  const proxyToClient = new PassThrough();
  const proxyToServer = new PassThrough();
  const serverToProxy = new PassThrough();
  const reports: string[] = [];
  const gate = await protect(
    { client: { readable: clientToProxy, writable: proxyToClient }, server: { readable: serverToProxy, writable: proxyToServer }, serverCommand: ['node', 'scripted.js'] },
    { pins: false, report: (message) => reports.push(message), ...options },
  );
  const scripted = new ScriptedServer(proxyToServer, serverToProxy, server);
  const client = new TestClient(clientToProxy, proxyToClient, onResponse);
  await gate.start();
  return {
    gate,
    client,
    server: scripted,
    reports,
    close() {
      client.close();
      return gate.done;
    },
  };
}
