import { codeUnits } from '../text/code-units.js';
import { decodedLayers, escapeSpans } from '../text/decode-escapes.js';
import { loadText } from '../text/kernels/kernel-memory.js';
import { normalizedSlice } from '../text/simple-fold.js';
import { windowsAroundSpans } from './injection-windows.js';
import type { ScannedString } from './scanned-string.js';
import { knownCommands } from './shell-commands.js';
import { isWholeCommand } from './shell-context.js';
import { readShell, type QuoteState, type ShellHazard } from './shell-lexer.js';

/**
 * Options that make git, ssh, tar, find, rsync and friends run a program of
 * the caller's choosing even without a shell (arguments passed to execFile).
 */
const dangerousOption =
  /^-(?:-(?:upload-pack|receive-pack|exec|output|config|checkpoint-action|to-command|use-compress-program|rsh|open-files-in-pager|ext-diff|textconv|post-file|template)\b|o\s*proxycommand|o\s*localcommand|c\s*core\.(?:sshcommand|pager|editor|fsmonitor|hookspath|gitproxy)|exec\b)/i;

/** Around an escape or a full-width character, far enough to hold the command it introduces. */
const reach = 256;

/**
 * The stretches around escape sequences, decoded: only those can read
 * differently once a server decodes the value. A stretch equal to one before
 * it (repeated text) is left out: it reads the same, so it would add nothing.
 */
function decodedWindows(text: string): Array<{ text: string; how: string }> {
  const variants: Array<{ text: string; how: string }> = [];
  for (const window of distinctWindows(text, escapeSpans(text))) {
    decodedLayers(window).forEach((decoded, i) => variants.push({ text: decoded, how: ` after ${i + 1} layer${i ? 's' : ''} of decoding` }));
  }
  return variants;
}

/**
 * The stretches around full-width and small forms of ASCII characters
 * (`forms`, spans of them), NFKC-normalized: what a server normalizing the
 * value reads. Repeated stretches are left out, as for `decodedWindows`.
 */
function normalizedWindows(text: string, forms: Array<[number, number]>): Array<{ text: string; how: string }> {
  const windows = distinctWindowSpans(text, forms);
  const units = windows.length > 0 ? loadText(text) : 0;
  return windows.map(([start, end]) => ({ text: normalizedSlice(text, units, start, end), how: ' after Unicode normalization' }));
}

/** The windows around `spans`, each text once (in order of first appearance). */
function distinctWindows(text: string, spans: Array<[number, number]>): string[] {
  return distinctWindowSpans(text, spans).map(([start, end]) => text.slice(start, end));
}

/** The windows around `spans` whose text no window before them has. Looked up by length, then compared: hashing every window cost more. */
function distinctWindowSpans(text: string, spans: Array<[number, number]>): Array<[number, number]> {
  const windows = windowsAroundSpans(text.length, spans, reach);
  if (windows.length < 2) return windows;
  const byLength = new Map<number, string[]>();
  return windows.filter(([start, end]) => {
    const window = text.slice(start, end);
    const sameLength = byLength.get(end - start);
    if (sameLength === undefined) byLength.set(end - start, [window]);
    else if (sameLength.includes(window)) return false;
    else sameLength.push(window);
    return true;
  });
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
  const report = (hazards: ShellHazard[][], how: string) => {
    for (const [s, state] of states.entries()) {
      for (const { description } of hazards[s]) {
        if (seen.has(description)) continue;
        seen.add(description);
        const where = state === 'unquoted' ? '' : ` (breaking out of ${state} quotes)`;
        details.add(`${description}${how}${where}`);
      }
    }
  };
  // The text as sent, then the stretches that read differently once decoded or normalized.
  const { text } = scanned;
  const reading = readShell(text, states, knownCommands, codeUnits(text));
  report(reading.hazards, '');
  for (const variant of [...decodedWindows(text), ...normalizedWindows(text, reading.compatibilityForms)]) {
    report(readShell(variant.text, states, knownCommands).hazards, variant.how);
  }
  return [...details];
}
