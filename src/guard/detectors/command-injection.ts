import { decodedLayers, escapeSpans } from '../text/decode-escapes.js';
import { windowsAroundSpans } from './injection-windows.js';
import type { ScannedString } from './scanned-string.js';
import { knownCommands } from './shell-commands.js';
import { isWholeCommand } from './shell-context.js';
import { shellHazardsFrom, type QuoteState } from './shell-lexer.js';

/**
 * Options that make git, ssh, tar, find, rsync and friends run a program of
 * the caller's choosing even without a shell (arguments passed to execFile).
 */
const dangerousOption =
  /^-(?:-(?:upload-pack|receive-pack|exec|output|config|checkpoint-action|to-command|use-compress-program|rsh|open-files-in-pager|ext-diff|textconv|post-file|template)\b|o\s*proxycommand|o\s*localcommand|c\s*core\.(?:sshcommand|pager|editor|fsmonitor|hookspath|gitproxy)|exec\b)/i;

/** Full-width and small forms of ASCII punctuation (U+FE50-FE6B, U+FF01-FF5E): what NFKC turns into shell metacharacters. */
function isCompatibilityPunctuation(code: number): boolean {
  return (code >= 0xfe50 && code <= 0xfe6b) || (code >= 0xff01 && code <= 0xff5e);
}
/** Around an escape or a full-width character, far enough to hold the command it introduces. */
const reach = 256;

/** [i, i + 1) for each full-width or small punctuation character, found inside the non-ASCII runs. */
function compatibilityPunctuationSpans(text: string, nonAsciiRuns: Array<[number, number]>): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const [start, end] of nonAsciiRuns) {
    for (let i = start; i < end; i++) if (isCompatibilityPunctuation(text.charCodeAt(i))) spans.push([i, i + 1]);
  }
  return spans;
}

/**
 * The text as sent, plus the stretches around escape sequences decoded and
 * the stretches around full-width punctuation NFKC-normalized: only those can
 * read differently once a server decodes or normalizes the value.
 */
function variantsOf(scanned: ScannedString): Array<{ text: string; how: string }> {
  const { text } = scanned;
  const variants = [{ text, how: '' }];
  for (const [start, end] of windowsAroundSpans(text.length, escapeSpans(text), reach)) {
    decodedLayers(text.slice(start, end)).forEach((decoded, i) => variants.push({ text: decoded, how: ` after ${i + 1} layer${i ? 's' : ''} of decoding` }));
  }
  for (const [start, end] of windowsAroundSpans(text.length, compatibilityPunctuationSpans(text, scanned.nonAsciiRuns), reach)) {
    variants.push({ text: text.slice(start, end).normalize('NFKC'), how: ' after Unicode normalization' });
  }
  return variants;
}

/** A value spliced into a command may sit inside quotes the attacker escapes from; a whole command starts unquoted. */
function startStates(scanned: ScannedString): QuoteState[] {
  return isWholeCommand(scanned) ? ['unquoted'] : ['unquoted', 'single', 'double'];
}

/**
 * Command injection where the value reaches a shell: substitutions, chaining
 * and pipes into a command, redirections to files, also after percent-decoding
 * and Unicode normalization. Anywhere: option injection (`--upload-pack=...`).
 */
export function detectCommandInjection(scanned: ScannedString): string[] {
  const details = new Set<string>();
  if (!scanned.isKey && dangerousOption.test(scanned.text.trimStart())) {
    details.add(`option injection '${scanned.text.trimStart().split(/[=\s]/)[0].slice(0, 32)}'`);
  }
  if (!scanned.reachesShell) return [...details];
  const seen = new Set<string>();
  const states = startStates(scanned);
  for (const variant of variantsOf(scanned)) {
    const readings = shellHazardsFrom(variant.text, states, knownCommands);
    for (const [s, state] of states.entries()) {
      for (const hazard of readings[s]) {
        if (seen.has(hazard.description)) continue;
        seen.add(hazard.description);
        const where = state === 'unquoted' ? '' : ` (breaking out of ${state} quotes)`;
        details.add(`${hazard.description}${variant.how}${where}`);
      }
    }
  }
  return [...details];
}
