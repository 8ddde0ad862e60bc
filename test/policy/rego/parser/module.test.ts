import { describe, expect, it } from 'vitest';
import { parseModule } from '../../../../src/policy/rego/parse.js';
import { moduleError } from './helpers.js';
import { renderTerm } from './render.js';

describe('package', () => {
  it('turns dotted and bracketed package paths into data refs', () => {
    const m = parseModule('package a.b["c.d"]', 'p.rego');
    expect(renderTerm(m.package)).toBe('data.a.b["c.d"]');
    expect(m.package.loc).toEqual({ file: 'p.rego', line: 1, col: 9, offset: 8, end: 18 });
    expect(renderTerm(parseModule('# leading comment\npackage x', 'p.rego').package)).toBe('data.x');
  });

  it('requires exactly one package, first, with a path of names and strings', () => {
    expect(moduleError('')).toBe('p.rego:1:1: rego_parse_error: empty module\n  \n  ^');
    expect(moduleError('p := 1')).toBe('p.rego:1:1: rego_parse_error: package expected\n  p := 1\n  ^');
    expect(moduleError('package a[x]')).toBe(
      'p.rego:1:11: rego_parse_error: unexpected var in package path, expected a string\n  package a[x]\n            ^',
    );
    expect(moduleError('package\n')).toBe('p.rego:2:1: rego_parse_error: unexpected end of file, expected a package path\n  \n  ^');
    expect(moduleError('package a\npackage b')).toBe(
      'p.rego:2:1: rego_parse_error: unexpected package keyword: a module has exactly one package declaration\n  package b\n  ^',
    );
  });
});

describe('imports', () => {
  it('parses data and input imports with aliases, and accepts rego.v1 and future.keywords', () => {
    const m = parseModule(
      'package p\nimport data.lib.x\nimport input.y as z\nimport rego.v1\nimport future.keywords\nimport future.keywords.in\nq := 1\nimport data.late',
      'p.rego',
    );
    expect(m.imports.map((i) => `${renderTerm(i.path)}${i.alias ? ` as ${i.alias}` : ''}`)).toEqual([
      'data.lib.x',
      'input.y as z',
      'rego.v1',
      'future.keywords',
      'future.keywords.in',
      'data.late',
    ]);
    expect(m.imports[1].loc).toEqual({ file: 'p.rego', line: 3, col: 1, offset: 28, end: 47 });
  });

  it('rejects unknown roots, bad rego and future imports, and keyword endings', () => {
    expect(moduleError('package p\nimport foo.bar')).toBe(
      'p.rego:2:8: rego_parse_error: unexpected import path, must begin with one of: {data, future, input, rego}, got: foo\n  import foo.bar\n         ^',
    );
    expect(moduleError('package p\nimport rego.v2')).toBe(
      'p.rego:2:8: rego_parse_error: invalid import `rego.v2`, must be `rego.v1`\n  import rego.v2\n         ^',
    );
    expect(moduleError('package p\nimport future.keywords.when')).toBe(
      'p.rego:2:8: rego_parse_error: unexpected keyword, must be one of [contains every if in]\n  import future.keywords.when\n         ^',
    );
    expect(moduleError('package p\nimport future.keywords as k')).toBe(
      'p.rego:2:8: rego_parse_error: `future` imports cannot be aliased\n  import future.keywords as k\n         ^',
    );
    expect(moduleError('package p\nimport data.x[y]')).toBe(
      'p.rego:2:15: rego_parse_error: unexpected var in import path, expected a string\n  import data.x[y]\n                ^',
    );
    expect(moduleError('package p\nimport data.x.if')).toBe(
      'p.rego:2:8: rego_parse_error: unexpected import path, must not end with a keyword, got: if (import a different path or use an alias)\n  import data.x.if\n         ^',
    );
    expect(moduleError('package p\nimport data.x as 1')).toBe(
      'p.rego:2:18: rego_parse_error: unexpected number token, expected an alias name\n  import data.x as 1\n                   ^',
    );
  });
});

describe('annotations', () => {
  it('keeps # METADATA blocks raw, one per block, ending at the first non-adjacent comment', () => {
    const m = parseModule(
      [
        '# METADATA',
        '# title: Policy',
        '# description: |',
        '#   multi',
        'package p',
        '',
        '  # METADATA',
        '# title: rule',
        '',
        '# METADATA',
        '#entrypoint: true',
        '  # not part of it',
        'allow := true',
        '# just a comment',
      ].join('\n'),
      'm.rego',
    );
    expect(m.annotations.map((a) => a.yaml)).toEqual([
      'title: Policy\ndescription: |\n  multi\n',
      'title: rule\n',
      'entrypoint: true\n',
    ]);
    expect(m.annotations[1].loc).toEqual({ file: 'm.rego', line: 7, col: 3, offset: 67, end: 91 });
  });

  it('counts each comment once even when the parser reads a body twice', () => {
    const m = parseModule('package p\np if {\n# METADATA\n# title: inside\n  true\n}', 'm.rego');
    expect(m.annotations.map((a) => a.yaml)).toEqual(['title: inside\n']);
  });
});

describe('whole modules', () => {
  it('keeps file and source, and parses a realistic policy', () => {
    const source = `package toolgate.decision

import rego.v1

default allow := false

dangerous_tools := {"shell.exec", "fs.delete"}

allow if {
\tnot input.tool in dangerous_tools
\tcount(deny) == 0
}

deny contains reason if {
\tsome path in input.arguments.paths
\tstartswith(path, "/etc/")
\treason := sprintf("path %s is protected", [path])
}

decision := {"allow": allow, "reasons": [r | some r in deny]}
`;
    const m = parseModule(source, 'decision.rego');
    expect(m.file).toBe('decision.rego');
    expect(m.source).toBe(source);
    expect(m.rules.map((r) => r.head.ref.map((t) => renderTerm(t)).join('.'))).toEqual([
      'allow',
      'dangerous_tools',
      'allow',
      'deny',
      'decision',
    ]);
  });

  it('reports errors with file, line, column, the source line and a caret (tabs shown as spaces)', () => {
    expect(moduleError('package p\n\nallow if {\n\tinput.x ==\n}')).toBe(
      'p.rego:5:1: rego_parse_error: unexpected } token, expected a term\n  }\n  ^',
    );
    expect(moduleError('package p\r\nq := [1,, 2]\r\n')).toBe(
      'p.rego:2:9: rego_parse_error: unexpected , token, expected a term\n  q := [1,, 2]\n          ^',
    );
    expect(moduleError('package p\n\tx := "😀" +')).toBe(
      'p.rego:2:12: rego_parse_error: unexpected end of file, expected a term\n   x := "😀" +\n             ^',
    );
  });
});
