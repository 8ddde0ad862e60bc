import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The parts of an MCP tool definition that shape what a model does with it. */
export interface ToolDefinition {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: unknown;
  annotations?: unknown;
  [other: string]: unknown;
}

/** What is pinned: name, description, input schema and annotations (absent fields left out). */
export function pinnedParts(tool: ToolDefinition): Record<string, unknown> {
  const parts: Record<string, unknown> = { name: tool.name };
  if (tool.description !== undefined) parts.description = tool.description;
  if (tool.inputSchema !== undefined) parts.inputSchema = tool.inputSchema;
  if (tool.annotations !== undefined) parts.annotations = tool.annotations;
  return parts;
}

/**
 * `sha256:<hex>` of the RFC 8785 canonical JSON of the pinned parts: the same
 * definition hashes the same whatever the key order or whitespace the server
 * sends.
 */
export function toolFingerprint(tool: ToolDefinition): string {
  const canonical = canonicalize(pinnedParts(tool));
  if (canonical === undefined) throw new Error(`tool ${JSON.stringify(tool.name)} cannot be serialized for pinning`);
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}
