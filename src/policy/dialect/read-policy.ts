import type { LimitSpec } from '../documents.js';
import type { Origin } from './condition-types.js';
import { isAbsolutePath, readConditionList, type ConditionContext } from './conditions.js';
import { parseLimit } from './limits.js';
import { parseSlashRegex, regexError } from './patterns.js';
import type { PolicyDiagnostic } from './policy-error.js';
import type { AuditSettings, Policy, PolicyRule, PolicyTest } from './policy-types.js';
import { readToolPattern } from './tool-pattern.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

/** One YAML file's own settings, before `extends` is merged in: a Policy whose mode and default may be left to the base. */
export interface PolicyLayer extends Omit<Policy, 'mode' | 'defaultAction'>, Partial<Pick<Policy, 'mode' | 'defaultAction'>> {
  extends?: { target: string; origin: Origin };
  rego?: Array<{ file: string; origin: Origin }>;
}

export const REDACT_KINDS = ['secrets', 'pii', 'pii.email', 'pii.phone', 'pii.ssn', 'pii.card', 'pii.iban'];

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Reads a schema-checked document into a layer, with the checks a schema cannot
 * make: regexes (RE2), globs, limits, condition operators, ids. Tolerates values
 * the schema already rejected (they are skipped, not reported twice).
 */
export function readPolicyLayer(source: YamlSource, name: string): { layer: PolicyLayer; diagnostics: PolicyDiagnostic[] } {
  const diagnostics: PolicyDiagnostic[] = [];
  const error = (path: YamlPath, message: string, key?: string) =>
    diagnostics.push({ code: 'policy_semantic_error', message, location: key === undefined ? source.valueAt(path) : source.keyAt(path, key) });
  const origin = (path: YamlPath, key?: string): Origin => (key === undefined ? source.valueAt(path) : source.keyAt(path, key));
  const ctx: ConditionContext = { error, origin };
  const doc = isObject(source.value) ? source.value : {};

  const limit = (value: unknown, path: YamlPath, key: string): LimitSpec | undefined => {
    if (value === undefined) return undefined;
    // Malformed {requests, per} mappings are the schema's to report.
    if (isObject(value) && (typeof value.requests !== 'number' || !Number.isInteger(value.requests) || value.requests < 1)) return undefined;
    const parsed = parseLimit(value);
    if (typeof parsed === 'string') {
      error(path, parsed);
      return undefined;
    }
    const scope = isObject(value) ? str(value.scope) : undefined;
    return { key, requests: parsed.requests, per: parsed.per, ...(scope ? { scope: scope as LimitSpec['scope'] } : {}) };
  };

  const layer: PolicyLayer = { rules: [], perToolLimits: [], detectors: {}, redact: [], tests: [] };
  if (typeof doc.extends === 'string') layer.extends = { target: doc.extends, origin: origin(['extends']) };
  if (doc.mode === 'enforce' || doc.mode === 'shadow') layer.mode = doc.mode;
  if (doc.default_action === 'allow' || doc.default_action === 'deny') {
    layer.defaultAction = doc.default_action;
    layer.defaultOrigin = origin([], 'default_action');
  }
  if (Array.isArray(doc.rego)) {
    layer.rego = doc.rego.flatMap((file, i) => (typeof file === 'string' ? [{ file, origin: origin(['rego', i]) }] : []));
  }
  if (Array.isArray(doc.roots)) {
    layer.roots = [];
    doc.roots.forEach((root, i) => {
      if (typeof root !== 'string') return;
      if (!isAbsolutePath(root)) error(['roots', i], `roots must be absolute paths, got ${JSON.stringify(root)}`);
      else layer.roots!.push(root);
    });
  }

  const seenIds = new Map<string, number>();
  (Array.isArray(doc.rules) ? doc.rules : []).forEach((raw, i) => {
    if (!isObject(raw)) return;
    const path = ['rules', i];
    const rule = readRule(raw, path, name, ctx, limit);
    if (!rule) return;
    const previous = seenIds.get(rule.id);
    if (previous !== undefined) error(path, `duplicate rule id ${JSON.stringify(rule.id)} (also rules[${previous}])`, 'id');
    seenIds.set(rule.id, i);
    layer.rules.push(rule);
  });

  const limits = isObject(doc.rate_limits) ? doc.rate_limits : {};
  layer.globalLimit = limit(limits.global, ['rate_limits', 'global'], 'global');
  if (isObject(limits.per_tool)) {
    for (const [tool, value] of Object.entries(limits.per_tool)) {
      const pattern = readToolPattern(tool);
      if (typeof pattern === 'string') {
        error(['rate_limits', 'per_tool'], pattern, tool);
        continue;
      }
      const spec = limit(value, ['rate_limits', 'per_tool', tool], `tool:${tool}`);
      if (spec) layer.perToolLimits.push({ tool: pattern, limit: spec });
    }
  }

  if (isObject(doc.detectors)) {
    for (const [kind, action] of Object.entries(doc.detectors)) {
      if (action === 'deny' || action === 'warn' || action === 'ignore') layer.detectors[kind] = action;
    }
  }
  (Array.isArray(doc.redact) ? doc.redact : []).forEach((entry, i) => {
    if (typeof entry !== 'string') return;
    const slash = parseSlashRegex(entry);
    if (slash) {
      const problem = regexError(slash.ignoreCase ? `(?i)${slash.source}` : slash.source);
      if (problem) return error(['redact', i], `invalid redact regex ${entry}: ${problem}`);
    } else if (!REDACT_KINDS.includes(entry)) {
      return error(['redact', i], `unknown redact kind ${JSON.stringify(entry)}: expected ${REDACT_KINDS.join(', ')} or "/regex/"`);
    }
    layer.redact.push(entry);
  });

  (Array.isArray(doc.tests) ? doc.tests : []).forEach((raw, i) => {
    if (!isObject(raw) || !isObject(raw.call) || typeof raw.call.tool !== 'string' || !isObject(raw.expect)) return;
    layer.tests.push({
      name: str(raw.name) ?? `tests[${i}]`,
      origin: origin(['tests', i]),
      call: raw.call as PolicyTest['call'],
      expect: raw.expect as PolicyTest['expect'],
    });
  });
  if (isObject(doc.audit)) layer.audit = doc.audit as AuditSettings;
  return { layer, diagnostics };
}

function readRule(
  raw: Raw,
  path: YamlPath,
  name: string,
  ctx: ConditionContext,
  limit: (value: unknown, path: YamlPath, key: string) => LimitSpec | undefined,
): PolicyRule | undefined {
  // Every part is read even when another is wrong, so all problems show at once.
  const tool = raw.tool;
  const toolValid = typeof tool === 'string' ? tool !== '' : Array.isArray(tool) && tool.length > 0 && tool.every((t) => typeof t === 'string' && t !== '');
  const pattern = toolValid ? readToolPattern(tool as string | string[]) : undefined;
  if (typeof pattern === 'string') ctx.error([...path, 'tool'], pattern);
  const origin = ctx.origin(path);
  const id = str(raw.id) ?? `${name}:${origin.line}`;
  const when = readConditionList(raw.when, [...path, 'when'], ctx);
  const conditions = readConditionList(raw.conditions, [...path, 'conditions'], ctx);
  const rateLimit = limit(raw.rate_limit, [...path, 'rate_limit'], `rule:${id}`);
  if (pattern === undefined || typeof pattern === 'string' || (raw.action !== 'allow' && raw.action !== 'deny')) return undefined;
  const rule: PolicyRule = { id, origin, tool: pattern, action: raw.action, when, conditions };
  if (typeof raw.reason === 'string') rule.reason = raw.reason;
  if (typeof raw.severity === 'string') rule.severity = raw.severity;
  if (Array.isArray(raw.mitigates)) rule.mitigates = raw.mitigates.filter((m): m is string => typeof m === 'string');
  if (rateLimit) rule.rateLimit = rateLimit;
  return rule;
}
