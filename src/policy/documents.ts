/**
 * The two documents every decision is made of (see docs/architecture): what a
 * policy sees about one tool call, and what it answers.
 */

export interface Finding {
  /** Detector kind: "path_traversal", "sensitive_path", "command_injection", "prompt_injection", "pii", "secret", ... */
  detector: string;
  /** Where in the arguments, as a JSON path of keys and indexes: ["options", "paths", 2]. */
  path: Array<string | number>;
  /** A short human-readable explanation (never the full matched secret). */
  detail: string;
}

export interface InputDocument {
  /** The JSON-RPC method: "tools/call" (or "tools/list" when the policy filters a listing). */
  method: string;
  tool: string;
  arguments: Record<string, unknown>;
  server: { name: string; command: string[] };
  client: { name?: string; version?: string };
  identity: Record<string, unknown>;
  session: string;
  findings: Finding[];
  tool_annotations: Record<string, unknown>;
  tool_changed: boolean;
  /** RFC 3339 time of the call. */
  time: string;
  /** Rate-limit counters the proxy keeps, visible to the policy. */
  counters?: Record<string, unknown>;
}

export interface LimitSpec {
  key: string;
  requests: number;
  /** Window in seconds. */
  per: number;
  /** What the bucket is kept per: the whole proxy, each session or each identity. */
  scope?: 'global' | 'session' | 'identity';
}

export interface DecisionDocument {
  allow: boolean;
  reasons: string[];
  /** The id of the rule that decided, if any. */
  rule?: string;
  severity?: string;
  mitigates?: string[];
  limits?: LimitSpec[];
  /** What to redact from the result: detector kinds ("secrets", "pii.email") or patterns ("/regex/"). */
  redact?: string[];
  /** The policy's mode: enforce acts on the decision; shadow only records it. */
  mode?: 'enforce' | 'shadow';
}

/** Decides one tool call. Implementations must fail closed: an error is a deny. */
export interface Decider {
  decide(input: InputDocument): Promise<DecisionDocument> | DecisionDocument;
}
