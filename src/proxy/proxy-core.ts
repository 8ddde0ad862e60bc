/**
 * The proxy between one client and one server, over two pairs of byte streams.
 *
 * Every message is forwarded as the bytes it arrived as, unless toolgate has
 * to change it. Each line is scanned (strictly, for the client's) to find its
 * method and id; only tools/call requests, the responses to tools/list and
 * initialize, and tool results when a hook wants them, are parsed. Batches are
 * taken apart element by element: a denied element is answered by toolgate,
 * the others are forwarded, and the client gets one assembled batch response.
 */
import { isUtf8 } from 'node:buffer';
import type { Readable, Writable } from 'node:stream';
import { EnvelopeError, readEnvelope, TOOLS_CALL, type Envelope } from './envelope.js';
import type { CallContext, CallVerdict, ProxyEvent, ProxyHooks, ToolCall, ToolResponse, ToolsListResult } from './hooks.js';
import { scanJson, JsonScanError, type JsonMember, type ScannedValue } from './json-scan.js';
import {
  errorResponseText,
  type JsonRpcError,
  NULL_ID,
  type RequestId,
  resultResponseText,
  RpcErrorCode,
} from './jsonrpc.js';
import { LineReader } from './line-reader.js';
import { LineWriter } from './line-writer.js';
import { describeOversized } from './oversized-message.js';
import { completeResult } from './protocol-revision.js';
import { SerialQueue } from './serial-queue.js';
import type { Session } from './session.js';
import { isPlainObject, readToolCall, ToolCallError } from './tool-call.js';

export interface ProxyEndpoint {
  /** Messages from this peer. */
  readable: Readable;
  /** Messages to this peer. */
  writable: Writable;
}

export interface ProxyCoreOptions {
  hooks: ProxyHooks[];
  maxMessageBytes: number;
  session: Session;
  /** One line of diagnostics for the operator (toolgate's stderr). */
  report(message: string): void;
}

interface PendingRequest {
  id: RequestId;
  method: string;
  call?: ToolCall;
  context?: CallContext;
  /** Set when the request was forwarded as part of a batch that toolgate partly answered. */
  batch?: BatchMerge;
  /** The request reached the server (a tools/call may still be being decided). */
  forwarded?: boolean;
}

/** Answers toolgate gave to some elements of a batch, waiting to join the server's answers to the others. */
interface BatchMerge {
  unanswered: number;
  replies: string[];
}

type ClientOutcome = { kind: 'forward'; pending?: PendingRequest } | { kind: 'reply'; text: string } | { kind: 'drop' };

/** What to do with one message from the server: forward it, or send `replacement` instead; plus a batch it completed. */
interface ServerOutcome {
  replacement?: string;
  completed?: BatchMerge;
}

type Awaitable<T> = T | Promise<T>;

const FORWARD: ClientOutcome = { kind: 'forward' };
const DROP: ClientOutcome = { kind: 'drop' };
const KEEP: ServerOutcome = {};
const FORWARD_VERDICT: CallVerdict = { action: 'forward' };

const isPromiseLike = <T>(value: Awaitable<T>): value is Promise<T> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

export class ProxyCore {
  private readonly pending = new Map<string, PendingRequest>();
  private readonly toServer: LineWriter;
  private readonly toClient: LineWriter;
  private readonly clientQueue: SerialQueue<Buffer>;
  private readonly serverQueue: SerialQueue<Buffer>;
  private readonly clientReader: LineReader;
  private readonly serverReader: LineReader;
  private readonly callHooks: ProxyHooks[];
  private readonly resultHooks: ProxyHooks[];
  private readonly listHooks: ProxyHooks[];
  private readonly verdictHooks: ProxyHooks[];
  private clientDone = false;
  private serverDone = false;
  private serverInputBroken = false;
  readonly clientClosed: Promise<void>;
  readonly serverClosed: Promise<void>;
  private resolveClientClosed!: () => void;
  private resolveServerClosed!: () => void;

  constructor(
    private readonly client: ProxyEndpoint,
    private readonly server: ProxyEndpoint,
    private readonly options: ProxyCoreOptions,
  ) {
    this.callHooks = options.hooks.filter((hook) => hook.onToolCall !== undefined);
    this.resultHooks = options.hooks.filter((hook) => hook.onToolResult !== undefined);
    this.listHooks = options.hooks.filter((hook) => hook.onToolsListResult !== undefined);
    this.verdictHooks = options.hooks.filter((hook) => hook.onVerdict !== undefined);
    this.clientClosed = new Promise((resolve) => (this.resolveClientClosed = resolve));
    this.serverClosed = new Promise((resolve) => (this.resolveServerClosed = resolve));
    this.toServer = new LineWriter(server.writable, {
      onBlocked: () => client.readable.pause(),
      onDrained: () => client.readable.resume(),
    });
    this.toClient = new LineWriter(client.writable, {
      onBlocked: () => server.readable.pause(),
      onDrained: () => server.readable.resume(),
    });
    const fail = (from: string) => (error: unknown) =>
      options.report(`internal error while handling a message from the ${from}: ${error instanceof Error ? error.stack : String(error)}`);
    this.clientQueue = new SerialQueue((line) => this.onClientLine(line), fail('client'));
    this.serverQueue = new SerialQueue((line) => this.onServerLine(line), fail('server'));
    this.clientReader = new LineReader(options.maxMessageBytes, {
      onLine: (line) => this.clientQueue.push(line),
      onOversized: (head, tail, size) => this.onClientOversized(head, tail, size),
    });
    this.serverReader = new LineReader(options.maxMessageBytes, {
      onLine: (line) => this.serverQueue.push(line),
      onOversized: (head, tail, size) => this.onServerOversized(head, tail, size),
    });
  }

  start(): void {
    const { client, server } = this;
    client.readable.on('data', (chunk: Buffer) => this.handleChunk(this.clientReader, chunk));
    client.readable.once('end', () => this.endClient());
    client.readable.once('close', () => this.endClient());
    client.readable.on('error', (error) => {
      this.options.report(`reading from the client failed: ${error.message}`);
      this.endClient();
    });
    client.writable.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') this.options.report(`writing to the client failed: ${error.message}`);
      this.endClient();
    });
    server.readable.on('data', (chunk: Buffer) => this.handleChunk(this.serverReader, chunk));
    server.readable.once('end', () => this.endServer());
    server.readable.once('close', () => this.endServer());
    server.readable.on('error', (error) => {
      this.options.report(`reading from the MCP server failed: ${error.message}`);
      this.endServer();
    });
    server.writable.on('error', (error: NodeJS.ErrnoException) => {
      if (!this.serverInputBroken) {
        this.serverInputBroken = true;
        if (error.code !== 'EPIPE') this.options.report(`writing to the MCP server failed: ${error.message}`);
      }
    });
    this.emit({ type: 'started', session: this.options.session });
  }

  /** True from the moment the client's input ended (before its queued messages are flushed). */
  get clientHasClosed(): boolean {
    return this.clientDone;
  }

  /**
   * Messages produced while one input chunk is handled leave in one writev per
   * direction. A chunk with a single line needs no corking: it becomes one write.
   */
  private handleChunk(reader: LineReader, chunk: Buffer): void {
    const first = chunk.indexOf(0x0a);
    if (first === -1 || chunk.indexOf(0x0a, first + 1) === -1) {
      reader.push(chunk);
      return;
    }
    this.toServer.cork();
    this.toClient.cork();
    try {
      reader.push(chunk);
    } finally {
      this.toServer.uncork();
      this.toClient.uncork();
    }
  }

  get pendingRequests(): number {
    return this.pending.size;
  }

  /**
   * Answers every request the server will no longer answer with a JSON-RPC
   * error, and returns how many there were.
   */
  failPending(message: string): number {
    const error: JsonRpcError = { code: RpcErrorCode.ConnectionClosed, message };
    const merges = new Set<BatchMerge>();
    let failed = 0;
    for (const request of this.pending.values()) {
      failed++;
      if (request.forwarded && request.call !== undefined) this.observeUnanswered(request, error);
      const text = errorResponseText(request.id, error);
      if (request.batch === undefined) {
        this.toClient.writeMessage(text);
      } else {
        request.batch.replies.push(text);
        merges.add(request.batch);
      }
    }
    this.pending.clear();
    for (const merge of merges) this.toClient.writeMessage(`[${merge.replies.join(',')}]`);
    return failed;
  }

  /** Stops reading from the client as if it had closed its side. */
  closeClientInput(): void {
    this.client.readable.pause();
    this.endClient();
  }

  /** Stops reading from the server as if it had closed its side. */
  closeServerInput(): void {
    this.server.readable.pause();
    this.endServer();
  }

  /** Ends the client's stream after everything queued for it. */
  closeClient(): Promise<void> {
    return this.toClient.end();
  }

  emit(event: ProxyEvent): void {
    for (const hook of this.options.hooks) {
      try {
        hook.onEvent?.(event);
      } catch (error) {
        this.options.report(`hook ${hook.name ?? '(unnamed)'} failed on ${event.type}: ${describe(error)}`);
      }
    }
  }

  private endClient(): void {
    if (this.clientDone) return;
    this.clientDone = true;
    this.clientReader.end();
    void this.clientQueue.idle().then(async () => {
      this.emit({ type: 'client-closed' });
      await this.toServer.end();
      this.resolveClientClosed();
    });
  }

  private endServer(): void {
    if (this.serverDone) return;
    this.serverDone = true;
    this.serverReader.end();
    void this.serverQueue.idle().then(() => this.resolveServerClosed());
  }

  // ---- client to server -------------------------------------------------

  private onClientLine(line: Buffer): void | Promise<void> {
    if (!isUtf8(line)) return this.rejectClientLine('the message is not valid UTF-8', RpcErrorCode.ParseError);
    let scanned;
    try {
      scanned = scanJson(line);
    } catch (error) {
      if (!(error instanceof JsonScanError)) throw error;
      return this.rejectClientLine(`the message is not valid JSON: ${error.message}`, RpcErrorCode.ParseError);
    }
    if (scanned.elements !== undefined) return this.onClientBatch(line, scanned.elements);
    const outcome = this.decideClientMessage(line, scanned.root, scanned.memberCount);
    if (isPromiseLike(outcome)) return outcome.then((settled) => this.applyClientOutcome(line, settled));
    this.applyClientOutcome(line, outcome);
  }

  private rejectClientLine(reason: string, code: number): void {
    this.options.report(`refused a message from the client: ${reason}`);
    this.emit({ type: 'message-dropped', from: 'client', reason });
    this.toClient.writeMessage(errorResponseText(NULL_ID, { code, message: `toolgate: ${reason}` }));
  }

  private applyClientOutcome(line: Buffer, outcome: ClientOutcome): void {
    if (outcome.kind === 'forward') {
      if (outcome.pending !== undefined) outcome.pending.forwarded = true;
      this.toServer.writeLine(line);
    } else if (outcome.kind === 'reply') {
      this.toClient.writeMessage(outcome.text);
    }
  }

  /** `memberCount` is known for a whole-line message; batch elements are counted when needed. */
  private decideClientMessage(buf: Buffer, value: ScannedValue, memberCount: number | undefined): Awaitable<ClientOutcome> {
    let envelope: Envelope;
    try {
      envelope = readEnvelope(buf, value, true);
    } catch (error) {
      if (!(error instanceof EnvelopeError)) throw error;
      return this.refuse(error.id ?? NULL_ID, RpcErrorCode.InvalidRequest, error.message);
    }
    if (envelope.kind === 'response') return FORWARD;
    if (envelope.kind === 'notification') {
      if (envelope.method !== TOOLS_CALL) return FORWARD;
      this.options.report('dropped a tools/call without an id: a tool call must be a request');
      this.emit({ type: 'message-dropped', from: 'client', reason: 'tools/call without an id' });
      return DROP;
    }
    const id = envelope.id as RequestId;
    if (this.pending.has(id.key)) {
      return this.refuse(id, RpcErrorCode.InvalidRequest, `request id ${id.text} is already in use by a pending request`);
    }
    if (envelope.method === TOOLS_CALL) return this.decideToolCall(buf, value, id, memberCount);
    if (envelope.method === 'initialize') this.session.recordInitializeRequest(parseMember(buf, envelope.members, 'params'));
    const pending: PendingRequest = { id, method: envelope.method as string };
    this.pending.set(id.key, pending);
    return { kind: 'forward', pending };
  }

  private refuse(id: RequestId, code: number, reason: string): ClientOutcome {
    this.options.report(`refused a message from the client: ${reason}`);
    this.emit({ type: 'message-dropped', from: 'client', reason });
    return { kind: 'reply', text: errorResponseText(id, { code, message: `toolgate: ${reason}` }) };
  }

  private get session(): Session {
    return this.options.session;
  }

  private decideToolCall(buf: Buffer, value: ScannedValue, id: RequestId, memberCount: number | undefined): Awaitable<ClientOutcome> {
    let call: ToolCall;
    try {
      const members = memberCount ?? scanJson(buf.subarray(value.start, value.end)).memberCount;
      call = readToolCall(JSON.parse(buf.toString('utf8', value.start, value.end)), members, this.session.protocolVersion);
    } catch (error) {
      if (error instanceof ToolCallError) return this.refuse(id, RpcErrorCode.InvalidParams, error.message);
      return this.refuse(id, RpcErrorCode.InvalidRequest, `the tools/call request cannot be read: ${describe(error)}`);
    }
    const context: CallContext = { session: this.session, input: this.session.inputFor(call), notes: new Map() };
    // the id is taken while the call is decided, so a second request cannot reuse it meanwhile
    const pending: PendingRequest = { id, method: TOOLS_CALL, call, context };
    this.pending.set(id.key, pending);
    const verdict = this.runCallHooks(call, context, 0);
    if (isPromiseLike(verdict)) return verdict.then((settled) => this.settleToolCall(pending, settled));
    return this.settleToolCall(pending, verdict);
  }

  private runCallHooks(call: ToolCall, context: CallContext, from: number): Awaitable<CallVerdict> {
    for (let i = from; i < this.callHooks.length; i++) {
      const hook = this.callHooks[i];
      let verdict: Awaitable<CallVerdict | void>;
      try {
        verdict = (hook.onToolCall as NonNullable<ProxyHooks['onToolCall']>)(call, context);
      } catch (error) {
        return this.hookFailed(hook, error);
      }
      if (isPromiseLike(verdict)) {
        return verdict.then(
          (settled) => (settled && settled.action !== 'forward' ? settled : this.runCallHooks(call, context, i + 1)),
          (error: unknown) => this.hookFailed(hook, error),
        );
      }
      if (verdict && verdict.action !== 'forward') return verdict;
    }
    return FORWARD_VERDICT;
  }

  private hookFailed(hook: ProxyHooks, error: unknown): CallVerdict {
    const message = `${hook.name ?? 'an interception hook'} failed: ${describe(error)}`;
    this.options.report(`denied a tool call because ${message}`);
    return { action: 'error', error: { code: RpcErrorCode.InternalError, message: `toolgate could not decide this call: ${message}` } };
  }

  private settleToolCall(pending: PendingRequest, verdict: CallVerdict): Awaitable<ClientOutcome> {
    const call = pending.call as ToolCall;
    const context = pending.context as CallContext;
    let observing: Array<Promise<void>> | undefined;
    for (const hook of this.verdictHooks) {
      const failed = (error: unknown) => this.options.report(`hook ${hook.name ?? '(unnamed)'} failed in onVerdict: ${describe(error)}`);
      try {
        const observed = (hook.onVerdict as NonNullable<ProxyHooks['onVerdict']>)(call, context, verdict);
        if (isPromiseLike(observed)) (observing ??= []).push(observed.then(undefined, failed));
      } catch (error) {
        failed(error);
      }
    }
    if (observing !== undefined) return Promise.all(observing).then(() => this.answerToolCall(pending, verdict));
    return this.answerToolCall(pending, verdict);
  }

  private answerToolCall(pending: PendingRequest, verdict: CallVerdict): ClientOutcome {
    const call = pending.call as ToolCall;
    // the server went away while the call was being decided: it was already answered
    if (this.pending.get(pending.id.key) !== pending) return DROP;
    if (verdict.action === 'forward') return { kind: 'forward', pending };
    this.pending.delete(pending.id.key);
    const text =
      verdict.action === 'respond'
        ? resultResponseText(pending.id, completeResult(verdict.result, call.protocolVersion))
        : errorResponseText(pending.id, verdict.error);
    return { kind: 'reply', text };
  }

  private onClientBatch(line: Buffer, elements: ScannedValue[]): void | Promise<void> {
    if (elements.length === 0) return this.rejectClientLine('an empty batch is not a valid request', RpcErrorCode.InvalidRequest);
    const outcomes: ClientOutcome[] = [];
    const from = (start: number): void | Promise<void> => {
      for (let i = start; i < elements.length; i++) {
        const element = elements[i];
        const outcome =
          element.members === undefined
            ? this.refuse(NULL_ID, RpcErrorCode.InvalidRequest, 'a batch element must be an object')
            : this.decideClientMessage(line, element, undefined);
        if (isPromiseLike(outcome)) {
          return outcome.then((settled) => {
            outcomes.push(settled);
            return from(i + 1);
          });
        }
        outcomes.push(outcome);
      }
      this.applyClientBatch(line, elements, outcomes);
    };
    return from(0);
  }

  private applyClientBatch(line: Buffer, elements: ScannedValue[], outcomes: ClientOutcome[]): void {
    const forwarded: ScannedValue[] = [];
    const awaited: PendingRequest[] = [];
    const replies: string[] = [];
    outcomes.forEach((outcome, i) => {
      if (outcome.kind === 'forward') {
        forwarded.push(elements[i]);
        if (outcome.pending !== undefined) {
          outcome.pending.forwarded = true;
          awaited.push(outcome.pending);
        }
      } else if (outcome.kind === 'reply') {
        replies.push(outcome.text);
      }
    });
    if (forwarded.length === elements.length) {
      this.toServer.writeLine(line);
      return;
    }
    if (forwarded.length > 0) this.toServer.writeMessage(joinArray(forwarded.map((element) => line.subarray(element.start, element.end))));
    if (replies.length === 0) return;
    if (awaited.length === 0) {
      this.toClient.writeMessage(`[${replies.join(',')}]`);
      return;
    }
    const merge: BatchMerge = { unanswered: awaited.length, replies };
    for (const request of awaited) request.batch = merge;
  }

  private onClientOversized(head: Buffer, tail: Buffer, size: number): void {
    const { id, method } = describeOversized(head, tail);
    const reason = `a message of ${size} bytes from the client exceeds the maximum message size of ${this.options.maxMessageBytes} bytes`;
    this.options.report(`dropped ${reason}${method === undefined ? '' : ` (${method})`}`);
    this.emit({ type: 'message-dropped', from: 'client', reason });
    if (id === undefined) return;
    const error = { code: RpcErrorCode.InvalidRequest, message: `toolgate: ${reason}` };
    // a request is answered to the client; the client's own answer to a server request becomes an error for the server
    if (method !== undefined) this.toClient.writeMessage(errorResponseText(id, error));
    else this.toServer.writeMessage(errorResponseText(id, error));
  }

  // ---- server to client -------------------------------------------------

  private onServerLine(line: Buffer): void | Promise<void> {
    let scanned;
    try {
      scanned = scanJson(line);
    } catch (error) {
      if (!(error instanceof JsonScanError)) throw error;
      const excerpt = line.toString('utf8', 0, Math.min(line.length, 200)).trimEnd();
      this.options.report(`dropped a line from the MCP server's stdout that is not JSON-RPC (${error.message}): ${excerpt}`);
      this.emit({ type: 'message-dropped', from: 'server', reason: `not JSON: ${error.message}` });
      return;
    }
    if (scanned.elements !== undefined) return this.onServerBatch(line, scanned.elements);
    const outcome = this.inspectServerMessage(line, scanned.root);
    if (isPromiseLike(outcome)) return outcome.then((settled) => this.applyServerOutcome(line, settled));
    this.applyServerOutcome(line, outcome);
  }

  private applyServerOutcome(line: Buffer, outcome: ServerOutcome): void {
    if (outcome.replacement === undefined) this.toClient.writeLine(line);
    else this.toClient.writeMessage(outcome.replacement);
    if (outcome.completed !== undefined) this.toClient.writeMessage(`[${outcome.completed.replies.join(',')}]`);
  }

  private inspectServerMessage(buf: Buffer, value: ScannedValue): Awaitable<ServerOutcome> {
    if (value.members === undefined) return KEEP;
    let envelope: Envelope;
    try {
      envelope = readEnvelope(buf, value, false);
    } catch {
      return KEEP;
    }
    if (envelope.kind !== 'response') return KEEP;
    const id = envelope.id as RequestId;
    const pending = this.pending.get(id.key);
    if (pending === undefined) return KEEP;
    this.pending.delete(id.key);
    let completed: BatchMerge | undefined;
    if (pending.batch !== undefined && --pending.batch.unanswered === 0) completed = pending.batch;
    const done: ServerOutcome = completed === undefined ? KEEP : { completed };
    switch (pending.method) {
      case 'initialize':
        this.session.recordInitializeResult(parseMember(buf, envelope.members, 'result'));
        return done;
      case 'tools/list':
        return this.interceptToolsList(buf, envelope, done);
      case TOOLS_CALL:
        return this.resultHooks.length === 0 ? done : this.interceptToolResult(buf, value, pending, done);
      default:
        return done;
    }
  }

  private interceptToolsList(buf: Buffer, envelope: Envelope, done: ServerOutcome): Awaitable<ServerOutcome> {
    const result = parseMember(buf, envelope.members, 'result');
    if (!isPlainObject(result) || !Array.isArray(result.tools)) return done;
    this.session.tools.remember(result.tools);
    if (this.listHooks.length === 0) return done;
    const id = envelope.id as RequestId;
    let current = result as ToolsListResult;
    let changed = false;
    const from = (start: number): Awaitable<ServerOutcome> => {
      for (let i = start; i < this.listHooks.length; i++) {
        const hook = this.listHooks[i];
        const next = (hook.onToolsListResult as NonNullable<ProxyHooks['onToolsListResult']>)(current, { session: this.session });
        const apply = (replacement: ToolsListResult | void) => {
          if (replacement !== undefined && replacement !== current) {
            current = replacement;
            changed = true;
          }
        };
        if (isPromiseLike(next)) return next.then((settled) => (apply(settled), from(i + 1)));
        apply(next);
      }
      return changed ? { ...done, replacement: resultResponseText(id, current) } : done;
    };
    return from(0);
  }

  /**
   * A forwarded call the server will never answer: the result hooks see the
   * error the client gets (so the audit log records the call); what they
   * return is not used, the error is the answer.
   */
  private observeUnanswered(request: PendingRequest, error: JsonRpcError): void {
    const response: ToolResponse = { error };
    for (const hook of this.resultHooks) {
      const failed = (reason: unknown) => this.options.report(`hook ${hook.name ?? '(unnamed)'} failed on an unanswered call: ${describe(reason)}`);
      try {
        const observed = (hook.onToolResult as NonNullable<ProxyHooks['onToolResult']>)(request.call as ToolCall, response, request.context as CallContext);
        if (isPromiseLike(observed)) observed.then(undefined, failed);
      } catch (reason) {
        failed(reason);
      }
    }
  }

  private interceptToolResult(buf: Buffer, value: ScannedValue, pending: PendingRequest, done: ServerOutcome): Awaitable<ServerOutcome> {
    const message = JSON.parse(buf.toString('utf8', value.start, value.end)) as Record<string, unknown>;
    let current: ToolResponse =
      message.error !== undefined ? { error: message.error as JsonRpcError } : { result: (message.result ?? {}) as Record<string, unknown> };
    let changed = false;
    const call = pending.call as ToolCall;
    const context = pending.context as CallContext;
    const from = (start: number): Awaitable<ServerOutcome> => {
      for (let i = start; i < this.resultHooks.length; i++) {
        const hook = this.resultHooks[i];
        const next = (hook.onToolResult as NonNullable<ProxyHooks['onToolResult']>)(call, current, context);
        const apply = (replacement: ToolResponse | void) => {
          if (replacement !== undefined && replacement !== current) {
            current = replacement;
            changed = true;
          }
        };
        if (isPromiseLike(next)) return next.then((settled) => (apply(settled), from(i + 1)));
        apply(next);
      }
      if (!changed) return done;
      const replacement =
        'error' in current
          ? errorResponseText(pending.id, current.error)
          : resultResponseText(pending.id, completeResult(current.result, call.protocolVersion));
      return { ...done, replacement };
    };
    return from(0);
  }

  private onServerBatch(line: Buffer, elements: ScannedValue[]): void | Promise<void> {
    const outcomes: ServerOutcome[] = [];
    const from = (start: number): void | Promise<void> => {
      for (let i = start; i < elements.length; i++) {
        const outcome = this.inspectServerMessage(line, elements[i]);
        if (isPromiseLike(outcome)) {
          return outcome.then((settled) => {
            outcomes.push(settled);
            return from(i + 1);
          });
        }
        outcomes.push(outcome);
      }
      this.applyServerBatch(line, elements, outcomes);
    };
    return from(0);
  }

  private applyServerBatch(line: Buffer, elements: ScannedValue[], outcomes: ServerOutcome[]): void {
    if (outcomes.every((outcome) => outcome === KEEP)) {
      this.toClient.writeLine(line);
      return;
    }
    const parts: Array<Buffer | string> = [];
    outcomes.forEach((outcome, i) => {
      parts.push(outcome.replacement ?? line.subarray(elements[i].start, elements[i].end));
      if (outcome.completed !== undefined) parts.push(...outcome.completed.replies);
    });
    this.toClient.writeMessage(joinArray(parts));
  }

  private onServerOversized(head: Buffer, tail: Buffer, size: number): void {
    const { id, method } = describeOversized(head, tail);
    const reason = `a message of ${size} bytes from the MCP server exceeds the maximum message size of ${this.options.maxMessageBytes} bytes`;
    this.options.report(`dropped ${reason}${method === undefined ? '' : ` (${method})`}`);
    this.emit({ type: 'message-dropped', from: 'server', reason });
    const pending = method === undefined && id !== undefined ? this.pending.get(id.key) : undefined;
    if (pending === undefined) return;
    this.pending.delete(pending.id.key);
    const text = errorResponseText(pending.id, {
      code: RpcErrorCode.InternalError,
      message: `toolgate: the response (${size} bytes) exceeds the maximum message size of ${this.options.maxMessageBytes} bytes`,
    });
    if (pending.batch === undefined) {
      this.toClient.writeMessage(text);
      return;
    }
    pending.batch.replies.push(text);
    if (--pending.batch.unanswered === 0) this.toClient.writeMessage(`[${pending.batch.replies.join(',')}]`);
  }
}

function parseMember(buf: Buffer, members: JsonMember[], key: string): unknown {
  let found: JsonMember | undefined;
  for (const member of members) if (member.key === key) found = member;
  if (found === undefined) return undefined;
  try {
    return JSON.parse(buf.toString('utf8', found.valueStart, found.valueEnd));
  } catch {
    return undefined;
  }
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

function joinArray(parts: Array<Buffer | string>): Buffer {
  const pieces: Buffer[] = [OPEN];
  parts.forEach((part, i) => {
    if (i > 0) pieces.push(COMMA);
    pieces.push(typeof part === 'string' ? Buffer.from(part) : part);
  });
  pieces.push(CLOSE);
  return Buffer.concat(pieces);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
