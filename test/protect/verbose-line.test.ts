import { describe, expect, it } from 'vitest';
import type { CallReport } from '../../src/protect/protect-options.js';
import { verboseLine } from '../../src/protect/verbose-line.js';

const report = (overrides: Partial<CallReport>): CallReport => ({
  tool: 'read_file',
  arguments: {},
  session: 's',
  identity: {},
  outcome: 'allowed',
  blocked: false,
  reasons: [],
  ...overrides,
});

describe('--verbose lines', () => {
  it('say what happened, why, under which rule, how fast, and what the shadow policy said', () => {
    expect(verboseLine(report({ decision: { allow: true, reasons: ['ok'], rule: 'read-root' }, evalMicros: 42 }))).toBe('allowed read_file [rule read-root, 42 µs]');
    expect(
      verboseLine(
        report({
          outcome: 'denied',
          blocked: true,
          reasons: ['writes are not allowed', 'outside root'],
          decision: { allow: false, reasons: [], rule: 'no-writes' },
          shadow: { allow: false, reasons: [], rule: 'candidate-rule' },
          evalMicros: 7,
        }),
      ),
    ).toBe('denied read_file: writes are not allowed; outside root [rule no-writes, 7 µs, shadow policy: deny (rule candidate-rule)]');
    expect(verboseLine(report({ outcome: 'error', blocked: true, reasons: ['guards:inspect failed: boom'] }))).toBe('error read_file: guards:inspect failed: boom');
  });

  it('cannot be forged or rewritten by tool names and reasons from agents (newlines, ANSI escapes, bidi overrides)', () => {
    const line = verboseLine(
      report({
        tool: 'evil\ntoolgate: allowed everything',
        outcome: 'denied',
        blocked: true,
        reasons: ['\u001b[2K\u001b[1Gfine', 'abc\u202edcba', 'line\u2028separator'],
      }),
    );
    expect(line).not.toMatch(/[\n\u001b\u202e\u2028]/);
    expect(line).toBe('denied evil\\u000atoolgate: allowed everything: \\u001b[2K\\u001b[1Gfine; abc\\u202edcba; line\\u2028separator');
  });

  it('leaves ordinary Unicode alone', () => {
    expect(verboseLine(report({ tool: 'lire_fichier_été_日本' }))).toBe('allowed lire_fichier_été_日本');
  });
});
