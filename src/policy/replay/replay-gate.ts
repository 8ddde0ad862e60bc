import type { ReplayReport } from './replay-log.js';

/** What makes `toolgate replay` fail a CI gate. */
export const FAIL_ON = ['new-denies', 'any-change', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export const REPLAY_EXIT_CODES = { passed: 0, failed: 1, cannotReplay: 2 } as const;

export function gateFails(report: ReplayReport, failOn: FailOn): boolean {
  switch (failOn) {
    case 'new-denies':
      return report.newlyDenied.length > 0;
    case 'any-change':
      return report.newlyDenied.length + report.newlyAllowed.length > 0;
    case 'none':
      return false;
  }
}
