/**
 * Parses and validates one `# METADATA` block (raw YAML kept by the parser)
 * into the annotation model. A malformed block is a rego_parse_error pointing
 * at the offending line and column inside the comment block, as OPA reports
 * METADATA problems as parse errors.
 *
 * Like OPA, names other than the known annotations are ignored, and a scalar
 * given where text is expected is read as its text (`title: 1.0` is "1.0").
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Scalar } from 'yaml';
import type { Annotation, Location, Term } from '../ast.js';
import { RegoError } from '../errors.js';
import { parseTerm } from '../parse.js';
import { LineIndex } from '../parser/line-index.js';
import { SCOPES, type AnnotationScope, type Annotations, type Author, type MetaValue, type RelatedResource, type SchemaAnnotation } from './metadata-model.js';

/** Where a YAML node sits in its YAML text: [start, end). */
type Range = readonly [number, number];

export function parseMetadataBlock(block: Annotation, source: string): Annotations {
  return new BlockParser(block, source).parse();
}

class BlockParser {
  private readonly doc: Document.Parsed;

  constructor(
    private readonly block: Annotation,
    private readonly source: string,
  ) {
    this.doc = parseDocument(block.yaml, { prettyErrors: false, intAsBigInt: true });
  }

  parse(): Annotations {
    const [error] = this.doc.errors;
    if (error) this.fail(`invalid METADATA block: ${error.message}`, error.pos);
    const root = this.doc.contents;
    if (root === null || (isScalar(root) && root.value === null)) this.fail('METADATA block is empty');
    if (!isMap(root)) this.fail('METADATA block must be a YAML mapping of annotation names to values', rangeOf(root));
    const out: Annotations = { organizations: [], relatedResources: [], authors: [], schemas: [], entrypoint: false, loc: this.block.loc };
    for (const pair of root.items) {
      const key = pair.key as Node | null;
      if (!isScalar(key) || typeof key.value !== 'string') this.fail('annotation names must be strings', rangeOf(key));
      const value = (pair.value as Node | null) ?? undefined;
      const at = rangeOf(value) ?? rangeOf(key);
      switch (key.value) {
        case 'scope':
          out.scope = this.scope(value, at);
          break;
        case 'title':
          out.title = this.text(value, 'title', at);
          break;
        case 'description':
          out.description = this.text(value, 'description', at);
          break;
        case 'organizations':
          out.organizations = this.list(value, 'organizations', at).map((item) => this.requiredText(item, 'organizations entry'));
          break;
        case 'related_resources':
          out.relatedResources = this.list(value, 'related_resources', at).map((item) => this.relatedResource(item));
          break;
        case 'authors':
          out.authors = this.list(value, 'authors', at).map((item) => this.author(item));
          break;
        case 'schemas':
          out.schemas = this.list(value, 'schemas', at).flatMap((item) => this.schemas(item));
          break;
        case 'entrypoint':
          out.entrypoint = this.flag(value, at);
          break;
        case 'custom':
          out.custom = this.mapping(value, 'custom', at);
          break;
        case 'labels':
          out.labels = this.mapping(value, 'labels', at);
          break;
        default:
          break;
      }
    }
    return out;
  }

  private scope(node: Node | undefined, at: Range | undefined): AnnotationScope | undefined {
    const text = this.text(node, 'scope', at);
    if (text === undefined) return undefined;
    if (!(SCOPES as readonly string[]).includes(text)) {
      this.fail(`invalid annotation scope '${text}': use one of 'rule', 'document', 'package' or 'subpackages'`, at);
    }
    return text as AnnotationScope;
  }

  /** A scalar's text; undefined for null or empty. */
  private text(node: Node | undefined, what: string, at: Range | undefined): string | undefined {
    if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
    if (!isScalar(node)) this.fail(`${what} must be a string`, at);
    const text = scalarText(node);
    return text === '' ? undefined : text;
  }

  private requiredText(node: Node, what: string): string {
    const text = this.text(node, what, rangeOf(node));
    if (text === undefined) this.fail(`${what} must be a non-empty string`, rangeOf(node));
    return text;
  }

  private list(node: Node | undefined, what: string, at: Range | undefined): Node[] {
    if (node === undefined || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) this.fail(`${what} must be a list`, at);
    return node.items.map((item) => {
      if (item === null || item === undefined) this.fail(`${what} must not hold empty entries`, at);
      return item as Node;
    });
  }

  private flag(node: Node | undefined, at: Range | undefined): boolean {
    if (node === undefined || (isScalar(node) && node.value === null)) return false;
    if (!isScalar(node) || typeof node.value !== 'boolean') this.fail('entrypoint must be true or false', at);
    return node.value as boolean;
  }

  /** `https://...` or `{ref: https://..., description: ...}`. */
  private relatedResource(node: Node): RelatedResource {
    const at = rangeOf(node);
    if (isScalar(node)) return { ref: this.url(this.requiredText(node, 'related_resources entry'), at) };
    if (!isMap(node)) this.fail('related_resources entry must be a URL or a mapping with ref and description', at);
    const ref = this.field(node, 'ref', 'related_resources ref')?.trim();
    if (!ref) this.fail("related_resources entry must have a 'ref' URL", at);
    const description = this.field(node, 'description', 'related_resources description')?.trim();
    return description ? { ref: this.url(ref, at), description } : { ref: this.url(ref, at) };
  }

  /** `Jane Doe <jane@example.com>`, `Jane Doe`, `<jane@example.com>`, or `{name: ..., email: ...}`. */
  private author(node: Node): Author {
    const at = rangeOf(node);
    let author: Author;
    if (isScalar(node)) {
      author = authorFromText(this.requiredText(node, 'author'));
    } else if (isMap(node)) {
      author = {};
      const name = this.field(node, 'name', 'author name')?.trim();
      const email = this.field(node, 'email', 'author email')?.trim();
      if (name) author.name = name;
      if (email) author.email = email;
    } else {
      this.fail('author must be a string ("Name <email>") or a mapping with name and email', at);
    }
    if (!author.name && !author.email) this.fail('author must have a name or an email', at);
    return author;
  }

  /** Each pair of `- input.x: schema.x` or `- input.x: {type: ...}`. */
  private schemas(node: Node): SchemaAnnotation[] {
    if (!isMap(node)) this.fail('schemas entry must map a path (input... or data...) to a schema ref or definition', rangeOf(node));
    return node.items.map((pair): SchemaAnnotation => {
      const key = pair.key as Node;
      const value = (pair.value as Node | null) ?? undefined;
      const keyText = isScalar(key) ? scalarText(key) : '';
      const path = this.refPath(keyText, ['input', 'data'], 'schema path must be a ref under input or data', rangeOf(key));
      if (isScalar(value) && typeof value.value === 'string') {
        return { path, schema: this.refPath(value.value, ['schema'], 'schema must be a ref under schema (schema.name) or an inline definition', rangeOf(value)) };
      }
      if (isMap(value)) return { path, definition: this.json(value, 'schema definition') };
      return this.fail('schema must be a ref under schema (schema.name) or an inline definition', rangeOf(value) ?? rangeOf(key));
    });
  }

  private mapping(node: Node | undefined, what: string, at: Range | undefined): { [key: string]: MetaValue } | undefined {
    if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
    if (!isMap(node)) this.fail(`${what} must be a mapping`, at);
    return this.json(node, what) as { [key: string]: MetaValue };
  }

  /** A string field of a mapping entry (authors, related_resources). */
  private field(map: Node, name: string, what: string): string | undefined {
    if (!isMap(map)) return undefined;
    const value = map.get(name, true) as Node | undefined;
    return this.text(value, what, rangeOf(value) ?? rangeOf(map));
  }

  private url(text: string, at: Range | undefined): string {
    if (/[\s\x00-\x1f\x7f]/.test(text)) this.fail(`related_resources ref ${JSON.stringify(text)} is not a URL: it holds whitespace or a control character`, at);
    if (/%(?![0-9a-fA-F]{2})/.test(text)) this.fail(`related_resources ref ${JSON.stringify(text)} is not a URL: invalid % escape`, at);
    return text;
  }

  /** `input.x["y"]` → ["input", "x", "y"], rooted at one of `roots`. */
  private refPath(text: string, roots: string[], message: string, at: Range | undefined): string[] {
    let term: Term;
    try {
      term = parseTerm(text, 'annotation');
    } catch {
      return this.fail(`${message}: ${JSON.stringify(text)}`, at);
    }
    const terms = term.type === 'ref' ? term.terms : [term];
    const [head, ...rest] = terms;
    if (head.type !== 'var' || !roots.includes(head.name)) this.fail(`${message}: ${JSON.stringify(text)}`, at);
    return [
      head.name,
      ...rest.map((t) => {
        if (t.type === 'string' || t.type === 'number') return t.value;
        return this.fail(`${message}: ${JSON.stringify(text)} must be a path of names`, at);
      }),
    ];
  }

  /** A YAML subtree as JSON data. */
  private json(node: Node, what: string): MetaValue {
    let value: unknown;
    try {
      value = node.toJS(this.doc, { maxAliasCount: 100 });
    } catch (e) {
      this.fail(`${what}: ${(e as Error).message}`, rangeOf(node));
    }
    const bad = nonJSON(value);
    if (bad) this.fail(`${what} holds ${bad}`, rangeOf(node));
    return value as MetaValue;
  }

  private fail(message: string, at?: Range | readonly number[]): never {
    const location = at ? this.locate(at[0], at[1] ?? at[0]) : this.block.loc;
    throw RegoError.at('rego_parse_error', message, location, this.source);
  }

  /** Maps [start, end) in the block's YAML to the source: YAML line i is the comment on the line after `# METADATA`'s i-th line. */
  private locate(start: number, end: number): Location {
    return new LineIndex(this.source, this.block.loc.file).location(this.sourceOffset(start), this.sourceOffset(Math.max(start, end)));
  }

  private sourceOffset(yamlOffset: number): number {
    const yaml = this.block.yaml;
    const offset = Math.min(yamlOffset, Math.max(0, yaml.length - 1));
    let lineIndex = 0;
    let lineStart = 0;
    for (let i = yaml.indexOf('\n'); i >= 0 && i < offset; i = yaml.indexOf('\n', i + 1)) {
      lineIndex++;
      lineStart = i + 1;
    }
    let sourceLine = this.block.loc.offset;
    for (let n = 0; n <= lineIndex; n++) sourceLine = this.source.indexOf('\n', sourceLine) + 1;
    // The comment starts at column 1 with '#'; the parser dropped one space after it.
    const prefix = this.source[sourceLine + 1] === ' ' ? 2 : 1;
    return sourceLine + prefix + (offset - lineStart);
  }
}

function rangeOf(node: Node | null | undefined): Range | undefined {
  const range = node?.range;
  return range ? [range[0], range[1]] : undefined;
}

function scalarText(node: Scalar): string {
  if (typeof node.value === 'string') return node.value;
  return node.source ?? String(node.value);
}

/** OPA's short form: the last whitespace-separated word in angle brackets is the email, the rest the name. */
function authorFromText(text: string): Author {
  const words = text.trim().split(/\s+/);
  const last = words[words.length - 1];
  const author: Author = {};
  if (last.length >= 2 && last.startsWith('<') && last.endsWith('>')) {
    words.pop();
    const email = last.slice(1, -1);
    if (email) author.email = email;
  }
  if (words.length > 0) author.name = words.join(' ');
  return author;
}

/** As deep as the Rego parser lets terms nest. */
const MAX_NESTING = 256;

/** What makes the value something other than JSON data of a sane depth, or undefined. */
function nonJSON(value: unknown, depth = 0, ancestors: object[] = []): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${String(value)}, which JSON cannot represent`;
  const isArray = Array.isArray(value);
  if (!isArray && (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype)) {
    return `a ${Object.prototype.toString.call(value).slice(8, -1)}, which JSON cannot represent`;
  }
  const container = value as object;
  // An alias inside its own anchor makes a value that contains itself.
  if (ancestors.includes(container)) return 'a value that contains itself (an alias inside its own anchor)';
  if (depth >= MAX_NESTING) return `data nested more than ${MAX_NESTING} levels deep`;
  ancestors.push(container);
  for (const item of isArray ? (container as unknown[]) : Object.values(container)) {
    const bad = nonJSON(item, depth + 1, ancestors);
    if (bad) return bad;
  }
  ancestors.pop();
  return undefined;
}
