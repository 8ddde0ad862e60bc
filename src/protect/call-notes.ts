/**
 * What the hooks of one call leave for each other in `context.notes`. The
 * rate-limit and redaction keys are the ones the guards write
 * (src/guard/proxy-hooks.ts).
 */
import type { RateLimitVerdict } from '../guard/rate-limit/rate-limiter.js';
import type { DecisionDocument } from '../policy/documents.js';
import type { CallContext } from '../proxy/hooks.js';

const POLICY = 'toolgate.policy';
const RATE_LIMIT = 'toolgate.rateLimit';
const REDACTION = 'toolgate.redaction';
const FORWARDED_AT = 'toolgate.forwardedAt';
const AUDIT_BLOCKED = 'toolgate.auditBlocked';

/** How the policy decided: under which revision, how fast, and what the candidate (shadow policy) said. */
export interface PolicyNote {
  revision?: string;
  evalMicros?: number;
  candidate?: { decision: DecisionDocument; revision: string };
}

type Notes = Pick<CallContext, 'notes'>;

export const setPolicyNote = (context: Notes, note: PolicyNote): void => void context.notes.set(POLICY, note);
export const policyNote = (context: Notes): PolicyNote => (context.notes.get(POLICY) as PolicyNote | undefined) ?? {};

export const rateLimitNote = (context: Notes): RateLimitVerdict | undefined => context.notes.get(RATE_LIMIT) as RateLimitVerdict | undefined;

export const redactionCount = (context: Notes): number => (context.notes.get(REDACTION) as { count: number } | undefined)?.count ?? 0;

/** `performance.now()` when the call left for the server. */
export const markForwarded = (context: Notes): void => void context.notes.set(FORWARDED_AT, performance.now());
export const forwardedAt = (context: Notes): number | undefined => context.notes.get(FORWARDED_AT) as number | undefined;

/** The message a call was blocked with because the required audit log could not be written. */
export const setAuditBlocked = (context: Notes, message: string): void => void context.notes.set(AUDIT_BLOCKED, message);
export const auditBlocked = (context: Notes): string | undefined => context.notes.get(AUDIT_BLOCKED) as string | undefined;
