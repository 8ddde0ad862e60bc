import { describe, expect, it } from 'vitest';
import { isPathArgument, learnPathCondition, learnedFolders } from '../../../src/audit/learn-policy/path-roots.js';
import type { ArgumentTraffic } from '../../../src/audit/learn-policy/traffic-profile.js';

function argument(key: string, strings: string[], extra: Partial<ArgumentTraffic> = {}): ArgumentTraffic {
  return { key, presentIn: strings.length, strings, hasOtherValues: false, hasArrays: false, hasScalars: true, ...extra };
}

describe('learnedFolders', () => {
  it('keeps the folder shared by files below it', () => {
    expect(learnedFolders(['/srv/data/a.txt', '/srv/data/sub/b.txt', '/srv/data/c.txt'])).toEqual(['/srv/data/']);
  });

  it('generalizes at most to the first two levels, giving one folder per group', () => {
    expect(learnedFolders(['/home/alice/docs/a.md', '/home/alice/code/b.ts', '/tmp/x.log', '/var/log/app/1.log'])).toEqual([
      '/home/alice/',
      '/tmp/',
      '/var/log/app/',
    ]);
  });

  it('drops folders inside another learned folder', () => {
    expect(learnedFolders(['/tmp/a', '/tmp/b/c/d'])).toEqual(['/tmp/']);
  });

  it('learns nothing from bare names', () => {
    expect(learnedFolders(['notes.txt', '/srv/a.txt'])).toBeUndefined();
  });

  it('handles relative and Windows paths as literal prefixes', () => {
    expect(learnedFolders(['docs/guide/a.md', 'docs/guide/b.md'])).toEqual(['docs/guide/']);
    expect(learnedFolders(['C:\\Users\\alice\\a.txt', 'C:\\Users\\alice\\sub\\b.txt'])).toEqual(['C:\\Users\\alice\\']);
  });
});

describe('learnPathCondition', () => {
  it('uses within for absolute paths, with the folders as roots', () => {
    expect(learnPathCondition(argument('path', ['/srv/data/a', '/srv/data/b']))).toEqual({ kind: 'within', roots: ['/srv/data'] });
    expect(learnPathCondition(argument('path', ['/a.txt']))).toEqual({ kind: 'within', roots: ['/'] });
  });

  it('uses prefix when a value has a .. segment, which within never allows', () => {
    expect(learnPathCondition(argument('path', ['/srv/data/../data/a', '/srv/data/b']))).toEqual({ kind: 'prefix', prefixes: ['/srv/data/'] });
  });

  it('uses prefix for relative paths and says why it learns nothing from bare names', () => {
    expect(learnPathCondition(argument('path', ['./out/a.json']))).toEqual({ kind: 'prefix', prefixes: ['./out/'] });
    expect(learnPathCondition(argument('file', ['README.md']))).toEqual({ kind: 'none', why: 'some values are bare names without a folder' });
  });
});

describe('isPathArgument', () => {
  it('takes path-like keys, and other keys only when every value is a path', () => {
    expect(isPathArgument(argument('path', ['README.md']))).toBe(true);
    expect(isPathArgument(argument('input_file', ['data/x.csv']))).toBe(true);
    expect(isPathArgument(argument('pattern', ['/etc/hosts', '/tmp/a']))).toBe(true);
    expect(isPathArgument(argument('query', ['select 1', '/etc/hosts']))).toBe(false);
    expect(isPathArgument(argument('url', ['https://example.com/a/b']))).toBe(false);
    expect(isPathArgument(argument('path', ['https://example.com/a']))).toBe(false);
    expect(isPathArgument(argument('path', ['/a'], { hasOtherValues: true }))).toBe(false);
  });
});
