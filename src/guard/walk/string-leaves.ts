/** A string found somewhere inside a JSON value: a string value or an object key. */
export interface StringLeaf {
  text: string;
  /** True when the text is an object key (its path then ends with that key). */
  isKey: boolean;
  /** The JSON path of the value (or of the property, for a key); built on demand. */
  path(): Array<string | number>;
}

interface PathNode {
  parent: PathNode | undefined;
  key: string | number;
}

function materialize(node: PathNode | undefined): Array<string | number> {
  const path: Array<string | number> = [];
  for (let n = node; n; n = n.parent) path.push(n.key);
  return path.reverse();
}

/**
 * Visits every string value and object key inside `value`, at any depth and in
 * arrays. Iterative (an explicit stack), so arbitrarily deep nesting cannot
 * overflow the call stack; objects already visited are skipped, so a cyclic
 * value cannot loop.
 */
export function forEachString(value: unknown, visit: (leaf: StringLeaf) => void): void {
  const seen = new WeakSet<object>();
  const stack: Array<{ value: unknown; node: PathNode | undefined }> = [{ value, node: undefined }];
  while (stack.length > 0) {
    const { value: current, node } = stack.pop()!;
    if (typeof current === 'string') {
      visit({ text: current, isKey: false, path: () => materialize(node) });
      continue;
    }
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], node: { parent: node, key: i } });
      continue;
    }
    const children = Object.entries(current).map(([key, child]) => ({ key, child, node: { parent: node, key } }));
    for (const { key, node: keyNode } of children) visit({ text: key, isKey: true, path: () => materialize(keyNode) });
    for (let i = children.length - 1; i >= 0; i--) stack.push({ value: children[i].child, node: children[i].node });
  }
}
