import { describe, expect, it } from 'vitest';
import { annotationsValue } from '../../../../src/policy/rego/compiler/metadata-model.js';
import { parseMetadataBlock } from '../../../../src/policy/rego/compiler/metadata-parse.js';
import { RegoError } from '../../../../src/policy/rego/errors.js';
import { parseModule } from '../../../../src/policy/rego/parse.js';

/** The module's first METADATA block (its lines given without the leading `# `), parsed. */
function block(...lines: string[]) {
  const source = ['package p', '', '# METADATA', ...lines.map((l) => (l === '' ? '#' : `# ${l}`)), 'allow := true', ''].join('\n');
  const module = parseModule(source, 'm.rego');
  return parseMetadataBlock(module.annotations[0], source);
}

/** The rego_parse_error a block raises: message, position, and the caret text. */
function blockError(...lines: string[]): { message: string; line: number; col: number; text: string } {
  try {
    block(...lines);
  } catch (e) {
    if (!(e instanceof RegoError)) throw e;
    expect(e.code).toBe('rego_parse_error');
    const d = e.diagnostics[0];
    return { message: d.message, line: d.location!.line, col: d.location!.col, text: e.message };
  }
  throw new Error('parsed without error');
}

describe('METADATA blocks parse into annotations', () => {
  it('reads every known annotation', () => {
    const a = block(
      'scope: document',
      'title: Allow rule',
      'description: |',
      '  Allows reads.',
      'organizations:',
      '- Acme',
      'related_resources:',
      '- https://example.com/a',
      '- ref: https://example.com/b',
      '  description: the other one',
      'authors:',
      '- Jane Doe <jane@example.com>',
      '- name: John',
      '  email: john@example.com',
      'schemas:',
      '- input: schema.input',
      '- data.acl: schema["acl-schema"]',
      '- input.x: {type: string}',
      'entrypoint: true',
      'custom:',
      '  severity: high',
      '  weights: [1, 2.5, 12345678901234567890]',
      'labels:',
      '  team: platform',
    );
    expect(annotationsValue(a, a.scope!)).toEqual({
      scope: 'document',
      title: 'Allow rule',
      description: 'Allows reads.\n',
      organizations: ['Acme'],
      related_resources: [{ ref: 'https://example.com/a' }, { ref: 'https://example.com/b', description: 'the other one' }],
      authors: [{ name: 'Jane Doe', email: 'jane@example.com' }, { name: 'John', email: 'john@example.com' }],
      schemas: [
        { path: ['input'], schema: ['schema', 'input'] },
        { path: ['data', 'acl'], schema: ['schema', 'acl-schema'] },
        { path: ['input', 'x'], definition: { type: 'string' } },
      ],
      entrypoint: true,
      custom: { severity: 'high', weights: [1n, 2.5, 12345678901234567890n] },
      labels: { team: 'platform' },
    });
  });

  it('leaves the scope unset when the block does not give one, and omits empty fields from the value', () => {
    const a = block('title: t', 'description: ""', 'custom: {}', 'organizations: []');
    expect(a.scope).toBeUndefined();
    expect(annotationsValue(a, 'rule')).toEqual({ scope: 'rule', title: 't' });
  });

  it('reads the short author form as OPA does: the last word in angle brackets is the email', () => {
    const authors = block('authors:', '- "  Jane   van  Doe   <jane@example.com> "', '- <only@example.com>', '- Just A Name', '- a <b> c', '- {name: "  Padded  ", email: " p@example.com "}').authors;
    expect(authors).toEqual([
      { name: 'Jane van Doe', email: 'jane@example.com' },
      { email: 'only@example.com' },
      { name: 'Just A Name' },
      { name: 'a <b> c' },
      { name: 'Padded', email: 'p@example.com' },
    ]);
  });

  it('reads scalars given for text as their text, as OPA does', () => {
    expect(block('title: 1.0', 'description: true').title).toBe('1.0');
    expect(block('title: 1.0', 'description: true').description).toBe('true');
  });

  it('ignores names that are not annotations, as OPA does', () => {
    const a = block('title: t', 'severity: high');
    expect(annotationsValue(a, 'rule')).toEqual({ scope: 'rule', title: 't' });
  });

  it('keeps benign text that looks hostile as plain data', () => {
    const a = block('title: "<script>alert(1)</script>"', 'custom:', '  __proto__: {polluted: true}', '  "a.b": "${input}"', '  "ünï": "\\u202e"');
    expect(a.title).toBe('<script>alert(1)</script>');
    expect(Object.getPrototypeOf(a.custom)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.keys(a.custom!)).toEqual(['__proto__', 'a.b', 'ünï']);
    expect(a.custom!['ünï']).toBe('\u202e');
  });
});

describe('malformed METADATA blocks are positioned rego_parse_errors', () => {
  it('points at the YAML syntax error inside the comment block, with a caret', () => {
    const e = blockError('title: ok', 'description: a: b');
    expect(e).toMatchObject({ line: 5, col: 16 });
    expect(e.message).toMatch(/^invalid METADATA block: /);
    expect(e.text.split('\n').slice(1)).toEqual(['  # description: a: b', '                 ^']);
  });

  it('rejects a scope that is not one of the four, at its value', () => {
    expect(blockError('title: t', 'scope: module')).toEqual(
      expect.objectContaining({ message: "invalid annotation scope 'module': use one of 'rule', 'document', 'package' or 'subpackages'", line: 5, col: 10 }),
    );
  });

  it('rejects wrong shapes with the annotation named', () => {
    expect(blockError('title: [a, b]').message).toBe('title must be a string');
    expect(blockError('organizations: Acme').message).toBe('organizations must be a list');
    expect(blockError('organizations:', '- [x]').message).toBe('organizations entry must be a string');
    expect(blockError('entrypoint: yes').message).toBe('entrypoint must be true or false');
    expect(blockError('custom: [1, 2]').message).toBe('custom must be a mapping');
    expect(blockError('labels: team').message).toBe('labels must be a mapping');
    expect(blockError('authors: Jane').message).toBe('authors must be a list');
    expect(blockError('authors:', '- [Jane]').message).toMatch(/^author must be a string/);
    expect(blockError('authors:', '- {name: ""}').message).toBe('author must have a name or an email');
    expect(blockError('authors:', '- "<>"').message).toBe('author must have a name or an email');
  });

  it('requires a ref for related resources and rejects text that cannot be a URL', () => {
    expect(blockError('related_resources:', '- description: no ref').message).toBe("related_resources entry must have a 'ref' URL");
    expect(blockError('related_resources:', '- "https://exa mple.com"').message).toMatch(/is not a URL: it holds whitespace/);
    expect(blockError('related_resources:', '- "https://example.com/\\u0000"').message).toMatch(/control character/);
    expect(blockError('related_resources:', '- https://example.com/%zz').message).toMatch(/invalid % escape/);
  });

  it('requires schema paths under input or data and schema refs under schema', () => {
    expect(blockError('schemas:', '- secrets.x: schema.x').message).toBe('schema path must be a ref under input or data: "secrets.x"');
    expect(blockError('schemas:', '- input.x: other.x').message).toBe('schema must be a ref under schema (schema.name) or an inline definition: "other.x"');
    expect(blockError('schemas:', '- input[x]: schema.x').message).toMatch(/must be a path of names$/);
    expect(blockError('schemas:', '- input: 7').message).toBe('schema must be a ref under schema (schema.name) or an inline definition');
    expect(blockError('schemas:', '- "input.": schema.x').message).toMatch(/^schema path must be a ref under input or data/);
  });

  it('rejects empty blocks and blocks that are not mappings', () => {
    const empty = blockError();
    expect(empty).toMatchObject({ message: 'METADATA block is empty', line: 3, col: 1 });
    expect(blockError('- title: t').message).toBe('METADATA block must be a YAML mapping of annotation names to values');
    expect(blockError('just text').message).toBe('METADATA block must be a YAML mapping of annotation names to values');
  });

  it('rejects duplicate annotation names and several YAML documents', () => {
    expect(blockError('title: a', 'title: b')).toMatchObject({ message: 'invalid METADATA block: Map keys must be unique', line: 5 });
    expect(blockError('title: a', '---', 'title: b').message).toMatch(/multiple documents/);
  });

  it('rejects custom data JSON cannot hold', () => {
    expect(blockError('custom:', '  x: .inf').message).toBe('custom holds Infinity, which JSON cannot represent');
    expect(blockError('custom:', '  x: [.nan]').message).toBe('custom holds NaN, which JSON cannot represent');
  });

  it('stops alias bombs instead of expanding them', () => {
    const bomb = ['custom:', '  a: &a [x, x, x, x, x, x, x, x, x, x]', '  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', '  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', '  d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'];
    expect(blockError(...bomb).message).toMatch(/^custom: .*alias/i);
  });

  it('rejects an alias inside its own anchor and data nested deeper than Rego terms may be', () => {
    expect(blockError('custom:', '  a: &a [1, *a]')).toMatchObject({ message: 'custom holds a value that contains itself (an alias inside its own anchor)', line: 5, col: 5 });
    expect(blockError(`custom: {x: ${'['.repeat(300)}${']'.repeat(300)}}`).message).toBe('custom holds data nested more than 256 levels deep');
    expect(block(`custom: {x: ${'['.repeat(200)}${']'.repeat(200)}}`).custom).toBeDefined();
  });

  it('turns absurd nesting into a positioned error, whether or not the YAML parser runs out of stack first', () => {
    const e = blockError(`custom: {x: ${'['.repeat(20000)}${']'.repeat(20000)}}`);
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/^(invalid METADATA block: |custom holds data nested more than 256 levels deep$)/);
  });
});
