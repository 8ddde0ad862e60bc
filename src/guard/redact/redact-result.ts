import { isSecretName, looksLikeSecretValue } from '../patterns/secrets/generic.js';
import { decodeReadable } from '../text/base64-payloads.js';
import { Redactor } from './redactor.js';

export interface RedactionOutcome<T> {
  /** A redacted copy; the input is never modified. */
  result: T;
  /** Total replacements made. */
  count: number;
  /** Replacements per kind, for the audit event. */
  byKind: Record<string, number>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

class Tally {
  readonly byKind: Record<string, number> = {};
  count = 0;

  add(counts: Map<string, number>): void {
    for (const [kind, n] of counts) {
      this.byKind[kind] = (this.byKind[kind] ?? 0) + n;
      this.count += n;
    }
  }
}

function redactString(text: string, redactor: Redactor, tally: Tally): string {
  const redacted = redactor.redactText(text);
  tally.add(redacted.counts);
  return redacted.text;
}

/** Every string value at any depth (keys are left alone: they are the schema, not the data). */
function redactJson(value: Json, redactor: Redactor, tally: Tally, key?: string): Json {
  if (typeof value === 'string') {
    if (redactor.secrets && key !== undefined && isSecretName(key) && looksLikeSecretValue(value)) {
      tally.add(new Map([['secret.assigned', 1]]));
      return '[REDACTED:secret.assigned]';
    }
    return redactString(value, redactor, tally);
  }
  if (Array.isArray(value)) return value.map((item) => redactJson(item, redactor, tally, key));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactJson(v, redactor, tally, k);
    return out;
  }
  return value;
}

/** A base64 blob is redacted when it is text (a file read as a blob); binary blobs pass untouched. */
function redactBlob(blob: string, redactor: Redactor, tally: Tally): string {
  const text = decodeReadable(blob);
  if (text === undefined) return blob;
  const before = tally.count;
  const redacted = redactString(text, redactor, tally);
  return tally.count === before ? blob : Buffer.from(redacted, 'utf8').toString('base64');
}

function redactContentBlock(block: unknown, redactor: Redactor, tally: Tally): unknown {
  if (block === null || typeof block !== 'object') return block;
  const item = block as Record<string, unknown>;
  if (item.type === 'text' && typeof item.text === 'string') return { ...item, text: redactString(item.text, redactor, tally) };
  if (item.type === 'resource' && item.resource !== null && typeof item.resource === 'object') {
    const resource = { ...(item.resource as Record<string, unknown>) };
    if (typeof resource.text === 'string') resource.text = redactString(resource.text, redactor, tally);
    if (typeof resource.blob === 'string') resource.blob = redactBlob(resource.blob, redactor, tally);
    return { ...item, resource };
  }
  return block;
}

/**
 * Applies a decision's `redact` list to a tools/call result before it reaches
 * the client: text content, embedded resources (text, and blobs that decode to
 * text) and structured content at any depth. Images, audio and resource links
 * pass unchanged.
 */
export function redact<T>(result: T, spec: readonly string[] | Redactor): RedactionOutcome<T> {
  const redactor = spec instanceof Redactor ? spec : new Redactor(spec);
  const tally = new Tally();
  if (redactor.isEmpty || result === null || typeof result !== 'object') return { result, count: 0, byKind: {} };
  const copy = { ...(result as Record<string, unknown>) };
  if (Array.isArray(copy.content)) copy.content = copy.content.map((block) => redactContentBlock(block, redactor, tally));
  if (copy.structuredContent !== undefined) copy.structuredContent = redactJson(copy.structuredContent as Json, redactor, tally);
  return { result: copy as T, count: tally.count, byKind: tally.byKind };
}
