import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { parseFieldPath } from '../../../src/policy/dialect/field-path.js';
import { parseLimit } from '../../../src/policy/dialect/limits.js';
import { pathGlobToRegex, toolGlobToRegex } from '../../../src/policy/dialect/patterns.js';
import { readToolPattern } from '../../../src/policy/dialect/tool-pattern.js';

/** regex.match semantics: RE2, unanchored search. */
const matches = (regex: string, text: string) => RE2JS.compile(regex).matcher(text).find();

describe('tool globs: only * and ? are wildcards, every other character is literal', () => {
  it.each([
    ['git_*', 'git_status', true],
    ['git_*', 'git_', true],
    ['git_*', 'xgit_status', false],
    ['git_*', 'git-status', false],
    ['git_*', 'git_\nrm', true],
    ['read_?ile', 'read_file', true],
    ['read_?ile', 'read_ile', false],
    ['fs.read*', 'fs.read_file', true],
    ['fs.read*', 'fsXread_file', false],
    ['a[b]*', 'a[b]c', true],
    ['a[b]*', 'abc', false],
    ['{x,y}*', '{x,y}z', true],
    ['{x,y}*', 'xz', false],
    ['a\\*', 'a\\b', true],
    ['a+b*', 'aab', false],
    ['a+b*', 'a+b', true],
    ['(x)|y*', 'y', false],
    ['^x$*', '^x$1', true],
  ])('%s matches %j: %s', (glob, name, expected) => {
    expect(matches(toolGlobToRegex(glob), name)).toBe(expected);
  });
});

describe('tool patterns', () => {
  it('keeps exact names exact, even with regex metacharacters', () => {
    expect(readToolPattern('fs.read(v2)')).toEqual({ label: 'fs.read(v2)', anyTool: false, names: ['fs.read(v2)'], prefixes: [], suffixes: [], regexes: [] });
  });
  it('reads lists mixing names, globs and /regex/ with an i flag', () => {
    expect(readToolPattern(['read_file', 'git_*', 'fs.*.read', '/^SQL_/i', '*'])).toEqual({
      label: 'read_file, git_*, fs.*.read, /^SQL_/i, *',
      anyTool: true,
      names: ['read_file'],
      prefixes: ['git_'],
      suffixes: [],
      regexes: ['(?s)^fs\\..*\\.read$', '(?i)^SQL_'],
    });
  });
  it.each([
    ['git_*', { prefixes: ['git_'] }],
    ['git_**', { prefixes: ['git_'] }],
    ['*_file', { suffixes: ['_file'] }],
    ['**', { anyTool: true }],
    ['*_file_*', { regexes: ['(?s)^.*_file_.*$'] }],
    ['git_?', { regexes: ['(?s)^git_.$'] }],
    ['?it_*', { regexes: ['(?s)^.it_.*$'] }],
  ])('glob %s with only a leading or trailing * is a suffix or prefix test', (glob, parts) => {
    expect(readToolPattern(glob)).toEqual({ label: glob, anyTool: false, names: [], prefixes: [], suffixes: [], regexes: [], ...parts });
  });
  it.each([
    ['/^read_/', 'read_file', true],
    ['/^read_/', 'unread_file', false],
    ['/read/', 'unread_file', true],
    ['/file$/', 'read_file', true],
    ['/file$/', 'read_file_x', false],
    ['/^WRITE_/i', 'write_file', true],
  ])('regex %s against %j: %s', (tool, name, expected) => {
    const pattern = readToolPattern(tool);
    if (typeof pattern === 'string') throw new Error(pattern);
    expect(pattern.regexes.some((r) => matches(r, name))).toBe(expected);
  });
});

describe('path globs for the glob operator', () => {
  it.each([
    ['/data/*.txt', '/data/a.txt', true],
    ['/data/*.txt', '/data/sub/a.txt', false],
    ['/data/**/*.txt', '/data/a.txt', true],
    ['/data/**/*.txt', '/data/x/y/a.txt', true],
    ['/data/**', '/data/x/y', true],
    ['/data/?.md', '/data/a.md', true],
    ['/data/?.md', '/data/ab.md', false],
    ['*.{png,jpg}', 'logo.jpg', true],
    ['*.{png,jpg}', 'logo.gif', false],
    ['file[0-9].log', 'file7.log', true],
    ['file[!0-9].log', 'file7.log', false],
    ['file[!0-9].log', 'fileX.log', true],
    ['\\*.txt', '*.txt', true],
    ['\\*.txt', 'a.txt', false],
    ['a.b', 'axb', false],
    ['(a)', '(a)', true],
  ])('%s matches %j: %s', (glob, path, expected) => {
    const translated = pathGlobToRegex(glob);
    if ('error' in translated) throw new Error(translated.error);
    expect(matches(translated.regex, path)).toBe(expected);
  });
  it.each([
    ['/data/[abc', 'unclosed [ at offset 6'],
    ['{a,b', 'unclosed {'],
    ['a\\', 'glob ends with a lone backslash'],
  ])('rejects %j: %s', (glob, error) => {
    expect(pathGlobToRegex(glob)).toEqual({ error });
  });
});

describe('limits', () => {
  it.each([
    ['100/hour', { requests: 100, per: 3600 }],
    ['5/30s', { requests: 5, per: 30 }],
    ['10 / minute', { requests: 10, per: 60 }],
    ['1/d', { requests: 1, per: 86400 }],
    [{ requests: 10, per: 'minute' }, { requests: 10, per: 60 }],
    [{ requests: 3, per: 90 }, { requests: 3, per: 90 }],
    [{ requests: 3 }, { requests: 3, per: 60 }],
  ])('%j is %j', (written, parsed) => {
    expect(parseLimit(written)).toEqual(parsed);
  });
  it.each([
    ['100', 'invalid limit "100": expected "<requests>/<window>", e.g. "100/hour" or "5/30s"'],
    ['0/minute', 'invalid limit "0/minute": requests must be at least 1'],
    ['5/0s', 'invalid limit "5/0s": window must be positive, got "0s"'],
    ['5/week', 'invalid limit "5/week": unknown window "week": expected second, minute, hour, day (or s, m, h, d), optionally with a count such as 30s'],
    [{ requests: 2.5, per: 'minute' }, 'requests must be a whole number of at least 1'],
    [{ requests: 2, per: -1 }, 'window must be a positive number of seconds, got -1'],
  ])('rejects %j', (written, error) => {
    expect(parseLimit(written)).toBe(error);
  });
});

describe('field paths', () => {
  it.each([
    ['arguments.options.path', [{ kind: 'key', key: 'options' }, { kind: 'key', key: 'path' }]],
    ['arguments.paths[2]', [{ kind: 'key', key: 'paths' }, { kind: 'index', index: 2 }]],
    ['arguments.edits[all].newText', [{ kind: 'key', key: 'edits' }, { kind: 'all' }, { kind: 'key', key: 'newText' }]],
    ['arguments.files[any].meta["content-type"]', [{ kind: 'key', key: 'files' }, { kind: 'any' }, { kind: 'key', key: 'meta' }, { kind: 'key', key: 'content-type' }]],
    ['arguments["a.b"]', [{ kind: 'key', key: 'a.b' }]],
    ['arguments.**', [{ kind: 'deep' }]],
    ['tool_annotations.destructiveHint', [{ kind: 'key', key: 'destructiveHint' }]],
  ])('%s', (text, segments) => {
    expect(parseFieldPath(text)).toMatchObject({ text, segments });
  });
  it.each([
    ['argument.path', 'unknown field "argument": conditions address arguments, tool, tool_annotations, client, identity, session, server, findings, method, tool_changed, time, counters'],
    ['arguments.**.x', 'in "arguments.**.x": ** must be the last segment'],
    ['arguments.a[', 'invalid field path "arguments.a[" at "["'],
    ['arguments.a[*]', 'in "arguments.a[*]": write [any] (some element) or [all] (every element) instead of [*]'],
  ])('rejects %s', (text, error) => {
    expect(parseFieldPath(text)).toBe(error);
  });
});
