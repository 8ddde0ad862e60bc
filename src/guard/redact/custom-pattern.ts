import { RE2JS } from 're2js';
import type { TextMatch, TextMatcher } from '../patterns/text-match.js';

const flagBits: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL };

/**
 * A policy's own redaction pattern, written `/regex/flags` (flags i, m, s).
 * Compiled with RE2 (re2js), so whatever the policy author writes runs in
 * linear time: no backreferences or lookarounds, no catastrophic backtracking.
 */
export function compileCustomPattern(spec: string): TextMatcher {
  const close = spec.lastIndexOf('/');
  if (!spec.startsWith('/') || close <= 0) throw new Error(`redaction pattern ${JSON.stringify(spec)} must be written /regex/flags`);
  const source = spec.slice(1, close);
  const flags = spec.slice(close + 1);
  if (source.length === 0) throw new Error(`redaction pattern ${spec} is empty`);
  let bits = 0;
  for (const flag of flags) {
    if (!(flag in flagBits)) throw new Error(`redaction pattern ${spec}: unknown flag '${flag}' (allowed: i, m, s)`);
    bits |= flagBits[flag];
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source, bits);
  } catch (error) {
    throw new Error(`redaction pattern ${spec} is not a valid RE2 expression: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (text: string): TextMatch[] => {
    const matches: TextMatch[] = [];
    const matcher = compiled.matcher(text);
    while (matcher.find()) {
      const start = matcher.start();
      const end = matcher.end();
      if (end > start) matches.push({ kind: 'custom', label: `pattern ${spec}`, start, end });
    }
    return matches;
  };
}
