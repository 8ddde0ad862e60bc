import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Document, type Node } from 'yaml';
import type { PolicyDiagnostic, PolicyLocation } from './policy-error.js';

/** A path into the YAML document: mapping keys and sequence indexes. */
export type YamlPath = ReadonlyArray<string | number>;

/** One parsed YAML file that can tell where any of its nodes is. */
export class YamlSource {
  readonly value: unknown;
  readonly errors: PolicyDiagnostic[];
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    this.errors = this.doc.errors.map((e) => ({
      code: 'policy_yaml_error' as const,
      message: e.message.split('\n')[0],
      location: this.at(e.pos[0]),
    }));
    this.value = this.errors.length === 0 ? this.doc.toJS({ maxAliasCount: 100 }) : undefined;
  }

  /** Where the value at `path` starts (or its nearest existing ancestor). */
  valueAt(path: YamlPath): PolicyLocation {
    return this.at(this.nodeAt(path)?.range?.[0] ?? 0);
  }

  /** Where the key `key` of the mapping at `path` is written. */
  keyAt(path: YamlPath, key: string): PolicyLocation {
    const map = this.nodeAt(path);
    if (isMap(map)) {
      for (const pair of map.items) {
        if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) {
          return this.at(pair.key.range[0]);
        }
      }
    }
    return this.valueAt(path);
  }

  private nodeAt(path: YamlPath): Node | undefined {
    let node: unknown = this.doc.contents;
    let found = node as Node | undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        node = pair?.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        node = undefined;
      }
      if (node === undefined || node === null) break;
      found = node as Node;
    }
    return found;
  }

  private at(offset: number): PolicyLocation {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col };
  }
}
