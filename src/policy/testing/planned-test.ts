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
 * `eval_builtin_error: div: divide by zero` → code and message (after the `file:row: ` of the failing call,
 * when the error names it); other errors are eval_internal_error.
 */
export function evaluationFailure(error: unknown): { code: string; message: string } {
  const text = error instanceof Error ? error.message : String(error);
  const coded = /^(?:[^\n]*?:\d+: )?([a-z][a-z_]*_error): ([\s\S]*)$/.exec(text);
  return coded ? { code: coded[1], message: coded[2] } : { code: 'eval_internal_error', message: text };
}
