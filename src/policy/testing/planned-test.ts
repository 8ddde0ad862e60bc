import type { TestLocation, TestResult } from './test-result.js';

/** A test ready to run: its bundle is built and loaded. */
export interface PlannedTest {
  name: string;
  location: TestLocation;
  run(): TestResult;
}

/** Runs `body`, returning its value and how long it took in nanoseconds. */
export function timed<T>(body: () => T): { value: T; durationNs: number } {
  const start = process.hrtime.bigint();
  const value = body();
  return { value, durationNs: Number(process.hrtime.bigint() - start) };
}

/**
 * `policy.rego:5: eval_builtin_error: div: divide by zero` → code, message and
 * `at` (the failing call's `file:row`, when the error names it); other errors are
 * eval_internal_error.
 */
export function evaluationFailure(error: unknown): { code: string; message: string; at?: string } {
  const text = error instanceof Error ? error.message : String(error);
  const coded = /^(?:([^\n]*?:\d+): )?([a-z][a-z_]*_error): ([\s\S]*)$/.exec(text);
  if (!coded) return { code: 'eval_internal_error', message: text };
  return coded[1] === undefined ? { code: coded[2], message: coded[3] } : { code: coded[2], message: coded[3], at: coded[1] };
}
