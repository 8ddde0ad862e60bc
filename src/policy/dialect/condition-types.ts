import type { FieldPath } from './field-path.js';

/** Where a condition is written in its YAML file. */
export interface Origin {
  file: string;
  line: number;
  col: number;
}

/** What a test looks at: one input field, or every path-like argument (AgentMesh's path_* conditions). */
export type Subject = { kind: 'field'; path: FieldPath } | { kind: 'path_arguments' };

export type Comparison = 'gt' | 'gte' | 'lt' | 'lte' | 'equals';

/** One operator applied to one subject; globs are already translated to regexes. */
export type Test =
  | { op: 'equals'; value: unknown }
  | { op: 'in'; values: unknown[] }
  | { op: 'prefix' | 'suffix' | 'contains'; values: string[] }
  | { op: 'regex'; patterns: string[] }
  | { op: 'within'; roots: string[] | 'data' }
  | { op: 'compare'; comparison: Comparison; number: number }
  | { op: 'length'; comparison: Comparison; number: number }
  | { op: 'exists' }
  | { op: 'type'; types: string[] }
  | { op: 'paths_start_with'; prefix: string }
  | { op: 'paths_contain'; parts: string[] };

export type Condition =
  | { kind: 'test'; origin: Origin; label: string; subject: Subject; test: Test; negated: boolean; ignoreCase: boolean }
  | { kind: 'any' | 'all'; origin: Origin; label: string; items: Condition[] }
  | { kind: 'not'; origin: Origin; label: string; item: Condition };
