import { describe, expect, it } from 'vitest';
import { RegoError } from '../../../../src/policy/rego/errors.js';
import { compileSources, evalOne } from '../support/eval.js';

/** A module from lines (METADATA blocks written out with their `# `). */
const mod = (...lines: string[]): string => `${lines.join('\n')}\n`;

function compileError(sources: string | string[]): { code: string; message: string; line: number; col: number; file: string } {
  try {
    compileSources(sources, ['a/p']);
  } catch (e) {
    if (!(e instanceof RegoError)) throw e;
    const d = e.diagnostics[0];
    return { code: d.code, message: d.message, line: d.location!.line, col: d.location!.col, file: d.location!.file };
  }
  throw new Error('compiled without error');
}

describe('rego.metadata.rule()', () => {
  it('is the rule statement\'s own annotations, with its scope', () => {
    const src = mod('package a', '', '# METADATA', '# title: P', '# custom:', '#   severity: high', 'p := rego.metadata.rule()');
    expect(evalOne(src, 'a/p')).toEqual({ scope: 'rule', title: 'P', custom: { severity: 'high' } });
  });

  it('is an empty object for a rule without a block, even when its document and package have one', () => {
    const src = mod('# METADATA', '# title: pkg', 'package a', '', '# METADATA', '# scope: document', '# title: doc', 'p := 1 if false', '', 'p := rego.metadata.rule()');
    expect(evalOne(src, 'a/p')).toEqual({});
  });

  it('belongs to one statement: another definition of the same rule does not see it', () => {
    const src = mod('package a', '', '# METADATA', '# title: first', 'p contains 1', '', 'p contains rego.metadata.rule()');
    expect(evalOne(src, 'a/p')).toEqual([1, {}]);
  });

  it('is the nearest of several rule-scope blocks on one rule; the chain lists them all, nearest first, as OPA does', () => {
    const src = mod('package a', '', '# METADATA', '# title: far', '', '# METADATA', '# title: near', 'p := [rego.metadata.rule(), rego.metadata.chain()]');
    expect(evalOne(src, 'a/p')).toEqual([
      { scope: 'rule', title: 'near' },
      [
        { path: ['a', 'p'], annotations: { scope: 'rule', title: 'near' } },
        { path: ['a', 'p'], annotations: { scope: 'rule', title: 'far' } },
      ],
    ]);
  });

  it('attaches a block to the next statement even when blank lines or plain comments come between', () => {
    const src = mod('package a', '', '# METADATA', '# title: t', '', '# a plain comment', '', 'p := rego.metadata.rule()');
    expect(evalOne(src, 'a/p')).toEqual({ scope: 'rule', title: 't' });
  });

  it('reads a block inside a rule body as annotating the next rule', () => {
    const src = mod('package a', '', 'q if {', '# METADATA', '# title: for p', '  true', '}', '', 'p := rego.metadata.rule()');
    expect(evalOne(src, 'a/p')).toEqual({ scope: 'rule', title: 'for p' });
  });

  it('gives entrypoint blocks without a scope the document scope, as OPA does', () => {
    const src = mod('package a', '', '# METADATA', '# entrypoint: true', 'p := rego.metadata.chain()');
    expect(evalOne(src, 'a/p')).toEqual([{ path: ['a', 'p'] }, { path: ['a', 'p'], annotations: { scope: 'document', entrypoint: true } }]);
  });
});

describe('rego.metadata.chain()', () => {
  it('lists the rule, its document, its package, then enclosing packages from the nearest out', () => {
    const sources = [
      mod('# METADATA', '# scope: subpackages', '# title: root', 'package a'),
      mod('# METADATA', '# scope: subpackages', '# title: a.b and below', 'package a.b'),
      mod(
        '# METADATA',
        '# title: a.b.c',
        'package a.b.c',
        '',
        '# METADATA',
        '# scope: document',
        '# title: every p',
        'p := 0 if false',
        '',
        '# METADATA',
        '# title: this p',
        'p := rego.metadata.chain()',
      ),
    ];
    expect(evalOne(sources, 'a/b/c/p')).toEqual([
      { path: ['a', 'b', 'c', 'p'], annotations: { scope: 'rule', title: 'this p' } },
      { path: ['a', 'b', 'c', 'p'], annotations: { scope: 'document', title: 'every p' } },
      { path: ['a', 'b', 'c'], annotations: { scope: 'package', title: 'a.b.c' } },
      { path: ['a', 'b'], annotations: { scope: 'subpackages', title: 'a.b and below' } },
      { path: ['a'], annotations: { scope: 'subpackages', title: 'root' } },
    ]);
  });

  it('puts the package scope before the subpackages scope of the same package', () => {
    const sources = [mod('# METADATA', '# title: pkg', 'package a', '', 'p := rego.metadata.chain()'), mod('# METADATA', '# scope: subpackages', '# title: sub', 'package a')];
    expect(evalOne(sources, 'a/p')).toEqual([
      { path: ['a', 'p'] },
      { path: ['a'], annotations: { scope: 'package', title: 'pkg' } },
      { path: ['a'], annotations: { scope: 'subpackages', title: 'sub' } },
    ]);
  });

  it('finds document blocks written in another module of the package', () => {
    const sources = [mod('package a', '', '# METADATA', '# scope: document', '# title: doc', 'p contains 1'), mod('package a', '', 'p contains x if x := rego.metadata.chain()[1].annotations.title')];
    expect(evalOne(sources, 'a/p')).toEqual([1, 'doc']);
  });

  it('does not apply a package block to other packages, nor subpackages blocks to sibling or parent packages', () => {
    const sources = [
      mod('# METADATA', '# title: only a.x', 'package a.x'),
      mod('# METADATA', '# scope: subpackages', '# title: a.y and below', 'package a.y'),
      mod('package a', '', 'p := rego.metadata.chain()'),
    ];
    expect(evalOne(sources, 'a/p')).toEqual([{ path: ['a', 'p'] }]);
  });

  it('names a ref-head rule by its ground prefix and a function by its name', () => {
    const src = mod(
      'package a',
      '',
      '# METADATA',
      '# scope: document',
      '# title: objects',
      'obj.items[k] := rego.metadata.chain() if some k in ["x"]',
      '',
      'f(_) := rego.metadata.chain()',
      'p := [obj.items.x, f(1)]',
    );
    expect(evalOne(src, 'a/p')).toEqual([
      [{ path: ['a', 'obj', 'items'] }, { path: ['a', 'obj', 'items'], annotations: { scope: 'document', title: 'objects' } }],
      [{ path: ['a', 'f'] }],
    ]);
  });
});

describe('misplaced and repeated blocks', () => {
  it('requires rule and document scopes on a rule, package scopes on the package, at the block', () => {
    expect(compileError(mod('package a', '', '# METADATA', '# scope: package', 'p := 1'))).toEqual({
      code: 'rego_parse_error',
      message: "annotation scope 'package' must be applied to package (found rule)",
      line: 3,
      col: 1,
      file: 'policy0.rego',
    });
    expect(compileError(mod('# METADATA', '# scope: document', 'package a', 'p := 1')).message).toBe("annotation scope 'document' must be applied to rule (found package)");
  });

  it('rejects a block before an import or at the end of the module', () => {
    expect(compileError(mod('package a', '', '# METADATA', '# title: t', 'import input.x', 'p := x')).message).toBe(
      'METADATA block without a scope must precede a rule or the package (found import)',
    );
    expect(compileError(mod('package a', 'p := 1', '', '# METADATA', '# title: t'))).toMatchObject({
      message: 'METADATA block without a scope must precede a rule or the package (found nothing)',
      line: 4,
    });
  });

  it('allows entrypoint only on document and package scopes, as OPA does', () => {
    expect(compileError(mod('package a', '', '# METADATA', '# scope: rule', '# entrypoint: true', 'p := 1')).message).toBe(
      "annotation entrypoint applied to non-document or package scope 'rule'",
    );
    expect(evalOne(mod('# METADATA', '# entrypoint: true', 'package a', 'p := rego.metadata.chain()[1].annotations'), 'a/p')).toEqual({ scope: 'package', entrypoint: true });
  });

  it('rejects a second document, package or subpackages block for the same path, pointing at the first', () => {
    const doc = mod('package a', '', '# METADATA', '# scope: document', 'p contains 1', '', '# METADATA', '# scope: document', 'p contains 2');
    expect(compileError(doc)).toMatchObject({ code: 'rego_type_error', message: 'annotation redeclared: policy0.rego:3:1', line: 7 });
    const pkgs = [mod('# METADATA', '# title: one', 'package a', 'p := 1'), mod('# METADATA', '# title: two', 'package a')];
    expect(compileError(pkgs)).toMatchObject({ code: 'rego_type_error', message: 'annotation redeclared: policy0.rego:1:1', file: 'policy1.rego' });
  });

  it('validates blocks of modules that never call rego.metadata', () => {
    expect(compileError(mod('package a', '', '# METADATA', '# scope: [rule]', 'p := 1'))).toMatchObject({ code: 'rego_parse_error', message: 'scope must be a string', line: 4, col: 10 });
  });

  it('leaves comments that merely mention METADATA in passing alone', () => {
    const src = mod('package a', '', '# see the METADATA docs', '# title: [not yaml', 'p := rego.metadata.rule()');
    expect(evalOne(src, 'a/p')).toEqual({});
  });
});
