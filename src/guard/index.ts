/** The guards' public API, as the proxy and the CLI use it (see docs/guards.md). */
export { detect, type DetectOptions, type DetectionContext } from './detect.js';
export { detectorKinds, redactionKinds, piiKinds, toolPoisoningDetector, isDetectorKind, isRedactionKind } from './kinds.js';
export type { DetectorKind, RedactionKind, PiiKind } from './kinds.js';
export { outsideRoots } from './paths/outside-roots.js';
export { RateLimiter, type RateLimitVerdict, type ScopeKeys, type CounterSnapshot, type RateLimiterOptions } from './rate-limit/rate-limiter.js';
export { redact, type RedactionOutcome } from './redact/redact-result.js';
export { Redactor } from './redact/redactor.js';
export { PinStore, type PinObservation, type PinStatus } from './pins/pin-store.js';
export { defaultPinsDirectory } from './pins/default-pins-directory.js';
export { toolFingerprint, type ToolDefinition } from './pins/tool-fingerprint.js';
export { scanToolDescription } from './tool-description-scan.js';
export { deniedByDecider, filterToolList, listingInput, type HiddenTest, type ListingContext, type ToolListFiltering, type HiddenTool } from './tool-list/tool-listing.js';
export { guardHooks, identityKey, retryAfterMetaKey, type GuardEvent, type GuardHooks, type GuardHooksOptions } from './proxy-hooks.js';
