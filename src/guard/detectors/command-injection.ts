import { isAscii } from '../text/fold.js';
import type { ScannedString } from './scanned-string.js';
import { knownCommands } from './shell-commands.js';
import { isWholeCommand } from './shell-context.js';
import { shellHazards, type QuoteState } from './shell-lexer.js';

/**
 * Options that make git, ssh, tar, find, rsync and friends run a program of
 * the caller's choosing even without a shell (arguments passed to execFile).
 */
const dangerousOption =
  /^-(?:-(?:upload-pack|receive-pack|exec|output|config|checkpoint-action|to-command|use-compress-program|rsh|open-files-in-pager|ext-diff|textconv|post-file|template)\b|o\s*proxycommand|o\s*localcommand|c\s*core\.(?:sshcommand|pager|editor|fsmonitor|hookspath|gitproxy)|exec\b)/i;

/** A value spliced into a command may sit inside quotes the attacker escapes from; a whole command starts unquoted. */
function startStates(scanned: ScannedString): QuoteState[] {
  return isWholeCommand(scanned) ? ['unquoted'] : ['unquoted', 'single', 'double'];
}

/**
 * Command injection where the value reaches a shell: substitutions, chaining
 * and pipes into a command, redirections to files, also after percent-decoding
 * and Unicode normalization. Anywhere: option injection (`--upload-pack=...`).
 */
export function detectCommandInjection(scanned: ScannedString, reachesShell: boolean): string[] {
  const details = new Set<string>();
  if (!scanned.isKey && dangerousOption.test(scanned.text.trimStart())) {
    details.add(`option injection '${scanned.text.trimStart().split(/[=\s]/)[0].slice(0, 32)}'`);
  }
  if (!reachesShell) return [...details];
  const variants = [{ text: scanned.text, how: '' }];
  scanned.decoded.forEach((text, i) => variants.push({ text, how: ` after ${i + 1} layer${i ? 's' : ''} of decoding` }));
  for (const { text } of [...variants]) {
    if (!isAscii(text)) variants.push({ text: text.normalize('NFKC'), how: ' after Unicode normalization' });
  }
  const seen = new Set<string>();
  for (const variant of variants) {
    for (const state of startStates(scanned)) {
      for (const hazard of shellHazards(variant.text, state, knownCommands)) {
        if (seen.has(hazard.description)) continue;
        seen.add(hazard.description);
        const where = state === 'unquoted' ? '' : ` (breaking out of ${state} quotes)`;
        details.add(`${hazard.description}${variant.how}${where}`);
      }
    }
  }
  return [...details];
}
