/**
 * Reads a tools/call request into the call toolgate decides, refusing any
 * shape the server might read differently than the policy does.
 */
import type { ToolCall } from './hooks.js';
import { type JsonRpcId } from './jsonrpc.js';
import { caseFoldKey, imitatedName } from './lookalike-names.js';

export const PROTOCOL_VERSION_META_KEY = 'io.modelcontextprotocol/protocolVersion';
export const CLIENT_INFO_META_KEY = 'io.modelcontextprotocol/clientInfo';

const PARAMS_KEYS = ['name', 'arguments', '_meta', 'task'] as const;

export class ToolCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolCallError';
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `message` is the parsed request; `scannedMembers` the number of object members
 * the byte scanner counted in the same text. Fewer keys after parsing means a
 * key was repeated, and decoders disagree on which repetition wins.
 */
export function readToolCall(message: unknown, scannedMembers: number, negotiatedVersion: string | undefined): ToolCall {
  if (countObjectMembers(message) !== scannedMembers) throw new ToolCallError('tools/call request repeats a key');
  const request = message as Record<string, unknown>;
  const params = request.params;
  if (!isPlainObject(params)) throw new ToolCallError('tools/call params must be an object');
  for (const key of Object.keys(params)) {
    const imitated = imitatedName(key, PARAMS_KEYS);
    if (imitated !== undefined) throw new ToolCallError(`tools/call params key ${JSON.stringify(key)} imitates "${imitated}"`);
  }
  if (typeof params.name !== 'string') throw new ToolCallError('tools/call params.name must be a string');
  const args = params.arguments ?? {};
  if (!isPlainObject(args)) throw new ToolCallError('tools/call params.arguments must be an object');
  const collision = findCaseFoldCollision(args);
  if (collision !== undefined) throw new ToolCallError(`tools/call arguments hold keys that differ only in case: ${collision}`);
  const meta = isPlainObject(params._meta) ? params._meta : undefined;
  const requestedVersion = meta?.[PROTOCOL_VERSION_META_KEY];
  return {
    id: request.id as JsonRpcId,
    name: params.name,
    arguments: args,
    params,
    protocolVersion: typeof requestedVersion === 'string' ? requestedVersion : negotiatedVersion,
  };
}

/** Counts the members of every object in a parsed JSON value. */
export function countObjectMembers(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current !== 'object' || current === null) continue;
    if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i++) stack.push(current[i]);
      continue;
    }
    for (const key in current) {
      count++;
      stack.push((current as Record<string, unknown>)[key]);
    }
  }
  return count;
}

interface Frame {
  value: unknown;
  parent: Frame | undefined;
  step: string | number;
}

/** The JSON path of the first object holding two keys that fold to the same name, e.g. `$.options: "Path", "path"`. */
export function findCaseFoldCollision(value: unknown): string | undefined {
  const stack: Frame[] = [{ value, parent: undefined, step: '$' }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const current = frame.value;
    if (typeof current !== 'object' || current === null) continue;
    if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i++) stack.push({ value: current[i], parent: frame, step: i });
      continue;
    }
    const keys = Object.keys(current);
    if (keys.length > 1) {
      const folded = new Map<string, string>();
      for (const key of keys) {
        const fold = caseFoldKey(key);
        const earlier = folded.get(fold);
        if (earlier !== undefined) return `${pathOf(frame)}: ${JSON.stringify(earlier)}, ${JSON.stringify(key)}`;
        folded.set(fold, key);
      }
    }
    for (const key of keys) stack.push({ value: (current as Record<string, unknown>)[key], parent: frame, step: key });
  }
  return undefined;
}

function pathOf(frame: Frame): string {
  const steps: Array<string | number> = [];
  for (let f: Frame | undefined = frame; f !== undefined; f = f.parent) steps.unshift(f.step);
  return steps.map((step, i) => (i === 0 ? step : typeof step === 'number' ? `[${step}]` : `.${step}`)).join('');
}
