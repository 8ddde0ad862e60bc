/**
 * toolgate as a library: put the policy, the guards and the audit log between
 * an MCP client and server with `protect()` (docs/protect.md). The lower
 * layers are exported for hosts that assemble their own pipeline.
 */
export { protect, type Protection } from './protect/protect.js';
export type {
  CallReport,
  CommandTarget,
  ConnectionTarget,
  PeerConnection,
  ProtectAuditOptions,
  ProtectOptions,
  ProtectTarget,
} from './protect/protect-options.js';
export type { CallOutcomeKind } from './protect/call-report.js';
export { ProtectConfigError } from './protect/protect-errors.js';
export { OPERATOR_LIMIT_KEY } from './protect/resolve-settings.js';

export type { DecisionDocument, Decider, Finding, InputDocument, LimitSpec } from './policy/documents.js';
export { loadToolgatePolicy, type PolicyLoadOptions, type ToolgatePolicy } from './policy/toolgate-policy.js';
export { fixedPolicy, type PolicyHandle } from './policy/policy-handle.js';

export { detect, type DetectOptions } from './guard/detect.js';
export { detectorKinds, type DetectorKind } from './guard/kinds.js';

export { AuditConfigError, AuditWriteError } from './audit/audit-errors.js';
export { verifyAuditLog, type VerifyReport } from './audit/verify-log.js';

export {
  createStreamProxy,
  endpointForTransport,
  startCommandProxy,
  type CallContext,
  type CallVerdict,
  type MessageTransport,
  type ProxyEndpoint,
  type ProxyHooks,
  type ProxyOutcome,
  type RunningProxy,
  type ToolCall,
} from './proxy/index.js';
