/** One client connection: who the client is, what was negotiated, and the input document for each call. */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { InputDocument } from '../policy/documents.js';
import type { SessionInfo, ToolCall } from './hooks.js';
import { ToolCatalog } from './tool-catalog.js';
import { CLIENT_INFO_META_KEY, isPlainObject } from './tool-call.js';

export interface SessionOptions {
  /** The server's command line, as the policy sees it. */
  serverCommand: string[];
  /** The server's name for the policy; default: the name it reports in initialize, else the command's basename. */
  serverName?: string;
  identity?: Record<string, unknown>;
  sessionId?: string;
}

export class Session implements SessionInfo {
  readonly id: string;
  client: { name?: string; version?: string } = {};
  protocolVersion: string | undefined;
  readonly tools = new ToolCatalog();
  private readonly commandName: string;
  private reportedServerName: string | undefined;

  constructor(private readonly options: SessionOptions) {
    this.id = options.sessionId ?? randomUUID();
    this.commandName = options.serverCommand.length > 0 ? basename(options.serverCommand[0]) : 'mcp-server';
  }

  get server(): { name: string; command: string[] } {
    return { name: this.options.serverName ?? this.reportedServerName ?? this.commandName, command: this.options.serverCommand };
  }

  /** The client's initialize request. */
  recordInitializeRequest(params: unknown): void {
    if (!isPlainObject(params)) return;
    this.client = clientInfoFrom(params.clientInfo) ?? this.client;
  }

  /** The server's initialize result. */
  recordInitializeResult(result: unknown): void {
    if (!isPlainObject(result)) return;
    if (typeof result.protocolVersion === 'string') this.protocolVersion = result.protocolVersion;
    if (isPlainObject(result.serverInfo) && typeof result.serverInfo.name === 'string') this.reportedServerName = result.serverInfo.name;
  }

  inputFor(call: ToolCall): InputDocument {
    // stateless revisions (2026-07-28) carry the client's identity on each request instead of initialize
    const meta = isPlainObject(call.params._meta) ? call.params._meta : undefined;
    const client = clientInfoFrom(meta?.[CLIENT_INFO_META_KEY]) ?? this.client;
    return {
      method: 'tools/call',
      tool: call.name,
      arguments: call.arguments,
      server: this.server,
      client: { ...client },
      identity: { ...this.options.identity },
      session: this.id,
      findings: [],
      tool_annotations: this.tools.annotations(call.name),
      tool_changed: this.tools.changed(call.name),
      time: new Date().toISOString(),
    };
  }
}

function clientInfoFrom(value: unknown): { name?: string; version?: string } | undefined {
  if (!isPlainObject(value)) return undefined;
  const info: { name?: string; version?: string } = {};
  if (typeof value.name === 'string') info.name = value.name;
  if (typeof value.version === 'string') info.version = value.version;
  return info;
}
