/** A string found somewhere inside a JSON value: a string value or an object key. */
export interface StringLeaf {
  text: string;
  /** True when the text is an object key (its path then ends with that key). */
  isKey: boolean;
  /** The innermost object key above the string (for a key: above that key), array indexes skipped. */
  fieldName: string | undefined;
  /** Whether any object key above the string satisfies the walk's `flagKey` test. */
  underFlaggedKey: boolean;
  /** The JSON path of the value (or of the property, for a key); built on demand. */
  path(): Array<string | number>;
}

interface PathNode {
  parent: PathNode | undefined;
  key: string | number;
  /** Innermost string key at or above this node. */
  field: string | undefined;
  flagged: boolean;
}

function materialize(node: PathNode | undefined): Array<string | number> {
  const path: Array<string | number> = [];
  for (let n = node; n; n = n.parent) path.push(n.key);
  return path.reverse();
}

export interface WalkOptions {
  /** Keys that mark everything below them (the shell-bound `command` field, ...). */
  flagKey?: (key: string) => boolean;
}

/**
 * Visits every string value and object key inside `value`, at any depth and in
 * arrays. Iterative (an explicit stack), so arbitrarily deep nesting cannot
 * overflow the call stack; what a leaf needs to know about its ancestors is
 * carried down, so the cost stays linear however deep the nesting; objects
 * already visited are skipped, so a cyclic value cannot loop.
 */
export function forEachString(value: unknown, visit: (leaf: StringLeaf) => void, options: WalkOptions = {}): void {
  const flagKey = options.flagKey ?? (() => false);
  const seen = new WeakSet<object>();
  const stack: Array<{ value: unknown; node: PathNode | undefined }> = [{ value, node: undefined }];
  while (stack.length > 0) {
    const { value: current, node } = stack.pop()!;
    if (typeof current === 'string') {
      visit({ text: current, isKey: false, fieldName: node?.field, underFlaggedKey: node?.flagged ?? false, path: () => materialize(node) });
      continue;
    }
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const field = node?.field;
    const flagged = node?.flagged ?? false;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], node: { parent: node, key: i, field, flagged } });
      continue;
    }
    const children = Object.entries(current).map(([key, child]) => ({ child, node: { parent: node, key, field: key, flagged: flagged || flagKey(key) } }));
    for (const { node: keyNode } of children) {
      visit({ text: keyNode.key, isKey: true, fieldName: field, underFlaggedKey: flagged, path: () => materialize(keyNode) });
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push({ value: children[i].child, node: children[i].node });
  }
}
