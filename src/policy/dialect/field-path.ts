/**
 * Field paths in conditions: `arguments.options.path`, `arguments.paths[0]`,
 * `arguments.paths[any]`, `arguments.edits[all].newText`, `arguments["odd.key"]`,
 * `arguments.**` (any value at any depth).
 */

export type PathSegment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  /** Some element of an array satisfies the rest. */
  | { kind: 'any' }
  /** The value is an array and every element satisfies the rest. */
  | { kind: 'all' }
  /** Some value at any depth (the value itself included) satisfies the test. */
  | { kind: 'deep' };

export interface FieldPath {
  text: string;
  /** The input document's top-level field: arguments, client, identity, ... */
  root: string;
  segments: PathSegment[];
}

/** Input-document fields a condition may address (src/policy/documents.ts). */
export const FIELD_ROOTS = [
  'arguments',
  'tool',
  'tool_annotations',
  'client',
  'identity',
  'session',
  'server',
  'findings',
  'method',
  'tool_changed',
  'time',
  'counters',
] as const;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$-]*/;

/** Parses a field path; returns an error message when it is malformed. */
export function parseFieldPath(text: string): FieldPath | string {
  const rootMatch = IDENT.exec(text);
  if (!rootMatch) return `invalid field path ${JSON.stringify(text)}`;
  const root = rootMatch[0];
  if (!(FIELD_ROOTS as readonly string[]).includes(root)) {
    return `unknown field ${JSON.stringify(root)}: conditions address ${FIELD_ROOTS.join(', ')}`;
  }
  const segments: PathSegment[] = [];
  let rest = text.slice(root.length);
  while (rest.length > 0) {
    if (segments.at(-1)?.kind === 'deep') return `in ${JSON.stringify(text)}: ** must be the last segment`;
    let match: RegExpExecArray | null;
    if (rest.startsWith('.**')) {
      segments.push({ kind: 'deep' });
      rest = rest.slice(3);
    } else if ((match = /^\.([A-Za-z_$][A-Za-z0-9_$-]*)/.exec(rest))) {
      segments.push({ kind: 'key', key: match[1] });
      rest = rest.slice(match[0].length);
    } else if ((match = /^\[(\d+)\]/.exec(rest))) {
      segments.push({ kind: 'index', index: Number(match[1]) });
      rest = rest.slice(match[0].length);
    } else if ((match = /^\[(any|all)\]/.exec(rest))) {
      segments.push({ kind: match[1] as 'any' | 'all' });
      rest = rest.slice(match[0].length);
    } else if ((match = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest))) {
      segments.push({ kind: 'key', key: JSON.parse(match[1]) as string });
      rest = rest.slice(match[0].length);
    } else if (rest.startsWith('[*]')) {
      return `in ${JSON.stringify(text)}: write [any] (some element) or [all] (every element) instead of [*]`;
    } else {
      return `invalid field path ${JSON.stringify(text)} at ${JSON.stringify(rest)}`;
    }
  }
  return { text, root, segments };
}
