import type { LimitSpec } from '../documents.js';
import type { Condition, Origin } from './condition-types.js';

/** Which tool names a rule applies to: exact names, prefix/suffix globs, translated globs and regexes. */
export interface ToolPattern {
  /** As written, for comments and reasons. */
  label: string;
  anyTool: boolean;
  names: string[];
  /** Globs whose only wildcard is a trailing (`git_*`) or leading (`*_file`) `*`. */
  prefixes: string[];
  suffixes: string[];
  /** RE2 sources (other globs already translated). */
  regexes: string[];
}

export interface PolicyRule {
  id: string;
  origin: Origin;
  tool: ToolPattern;
  action: 'allow' | 'deny';
  reason?: string;
  severity?: string;
  mitigates?: string[];
  /** Select the rule: when one fails the next rule is tried. */
  when: Condition[];
  /** Requirements on an allow rule (failure denies); triggers on a deny rule (all must hold to deny). */
  conditions: Condition[];
  rateLimit?: LimitSpec;
}

export type DetectorAction = 'deny' | 'warn' | 'ignore';

/** A `tests:` entry: a call and what its decision must be. */
export interface PolicyTest {
  name: string;
  origin: Origin;
  call: { tool: string; arguments?: Record<string, unknown>; [field: string]: unknown };
  expect: { allow?: boolean; rule?: string; reason_contains?: string };
}

export interface AuditSettings {
  log_all?: boolean;
  include_arguments?: boolean;
  redact_fields?: string[];
}

/** A policy after validation, with `extends` resolved (own rules first, then the base's). */
export interface Policy {
  mode: 'enforce' | 'shadow';
  defaultAction: 'allow' | 'deny';
  /** Where default_action is written, if it is. */
  defaultOrigin?: Origin;
  roots?: string[];
  rules: PolicyRule[];
  globalLimit?: LimitSpec;
  perToolLimits: Array<{ tool: ToolPattern; limit: LimitSpec }>;
  detectors: Record<string, DetectorAction>;
  redact: string[];
  tests: PolicyTest[];
  audit?: AuditSettings;
}

/** What loadPolicyFile returns and compilePolicy takes. */
export interface PolicySource {
  /** Absolute path of the policy file. */
  file: string;
  /** The policy's name in comments and reasons: its file name. */
  name: string;
  policy: Policy;
  /** Hand-written modules joined through the toolgate.ext contract. */
  regoModules: Array<{ file: string; source: string }>;
  /** Every YAML file read (the policy and what it extends), for diagnostics. */
  files: Array<{ file: string; text: string }>;
}
