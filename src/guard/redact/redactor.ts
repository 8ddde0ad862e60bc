import { isRedactionKind, piiKinds, type PiiKind, redactionKinds } from '../kinds.js';
import { dropOverlaps } from '../patterns/overlaps.js';
import { piiMatchers } from '../patterns/pii/index.js';
import { findSecrets } from '../patterns/secrets/index.js';
import type { TextMatch, TextMatcher } from '../patterns/text-match.js';
import { compileCustomPattern } from './custom-pattern.js';

export interface RedactedText {
  text: string;
  /** Replacements made, per kind ("secret.github_token", "pii.email", "custom"). */
  counts: Map<string, number>;
}

/**
 * What a decision's `redact` list asks for, compiled once: `secrets`, `pii`,
 * a PII kind (`pii.email`, `pii.phone`, `pii.ssn`, `pii.card`, `pii.iban`) or a
 * custom `/regex/flags`. Unknown names are an error, not silently ignored.
 */
export class Redactor {
  readonly secrets: boolean;
  private readonly matchers: TextMatcher[];

  constructor(spec: readonly string[]) {
    const pii = new Set<PiiKind>();
    const custom: TextMatcher[] = [];
    let secrets = false;
    for (const entry of spec) {
      if (typeof entry !== 'string') throw new Error(`redaction entries must be strings, got ${JSON.stringify(entry)}`);
      if (entry.startsWith('/')) custom.push(compileCustomPattern(entry));
      else if (!isRedactionKind(entry)) throw new Error(`unknown redaction kind '${entry}' (known: ${redactionKinds.join(', ')}, or /regex/flags)`);
      else if (entry === 'secrets') secrets = true;
      else if (entry === 'pii') piiKinds.forEach((kind) => pii.add(kind));
      else pii.add(entry);
    }
    this.secrets = secrets;
    // Listed most specific first: of overlapping matches the earlier matcher wins.
    this.matchers = [...(secrets ? [findSecrets] : []), ...piiKinds.filter((k) => pii.has(k)).map((k) => piiMatchers[k]), ...custom];
  }

  get isEmpty(): boolean {
    return this.matchers.length === 0;
  }

  redactText(text: string): RedactedText {
    const counts = new Map<string, number>();
    if (this.matchers.length === 0 || text.length === 0) return { text, counts };
    const matches: TextMatch[] = dropOverlaps(this.matchers.flatMap((find) => find(text)));
    if (matches.length === 0) return { text, counts };
    const parts: string[] = [];
    let cursor = 0;
    for (const match of matches) {
      parts.push(text.slice(cursor, match.start), `[REDACTED:${match.kind}]`);
      cursor = match.end;
      counts.set(match.kind, (counts.get(match.kind) ?? 0) + 1);
    }
    parts.push(text.slice(cursor));
    return { text: parts.join(''), counts };
  }
}
