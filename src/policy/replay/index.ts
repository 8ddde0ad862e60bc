/** `toolgate replay`: recorded calls decided again by another policy. See docs/policy-lifecycle.md. */
export { replayLog, type ChangedDecision, type ReplayReport } from './replay-log.js';
export { recordedCall, type RecordedCall } from './recorded-call.js';
export { FAIL_ON, REPLAY_EXIT_CODES, gateFails, type FailOn } from './replay-gate.js';
export { REPLAY_FORMATS, formatReplay, type ReplayFormat } from './replay-format.js';
