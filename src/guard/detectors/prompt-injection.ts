import { decodeTagText } from '../text/invisible.js';
import { foldForMatching } from '../text/fold.js';
import { phrasePatterns, roleTokenPattern, squashedPatterns } from './prompt-injection-patterns.js';
import type { ScannedString } from './scanned-string.js';

const nonAlphanumericRun = /[^a-z0-9]+/g;
const nonLetter = /[^a-z]+/g;
/** Five single letters in a row, split by up to three non-letters: "i g n o r e", "i.g.n.o.r.e". */
const spacedLetters = /(?:^|[^a-z])[a-z][^a-z]{1,3}[a-z][^a-z]{1,3}[a-z][^a-z]{1,3}[a-z][^a-z]{1,3}[a-z](?![a-z])/;
const leetDigits = /[a-z][013457@$]|[013457@$][a-z]/;
const leet: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/** The labels of the injection phrases and role tokens in one folded text. */
export function injectionLabels(folded: string): string[] {
  const labels = new Set<string>();
  if (roleTokenPattern.test(folded)) labels.add('chat role or delimiter token');
  const collapsed = folded.replace(nonAlphanumericRun, ' ');
  for (const { label, pattern } of phrasePatterns) if (pattern.test(collapsed)) labels.add(label);
  if (leetDigits.test(folded)) {
    const deLeeted = folded.replace(/[013457@$]/g, (c) => leet[c]).replace(nonAlphanumericRun, ' ');
    for (const { label, pattern } of phrasePatterns) if (pattern.test(deLeeted)) labels.add(`${label} (leetspeak)`);
  }
  if (spacedLetters.test(folded)) {
    const squashed = folded.replace(nonLetter, '');
    for (const { label, pattern } of squashedPatterns) if (pattern.test(squashed)) labels.add(`${label} (letters spaced out)`);
  }
  return [...labels];
}

/**
 * Prompt injection: override phrases and role tokens after Unicode folding,
 * in the text itself, in text smuggled as Unicode tag characters, and in
 * base64 payloads a model could decode.
 */
export function detectPromptInjection(scanned: ScannedString): string[] {
  const details = new Set<string>();
  for (const label of injectionLabels(scanned.folded)) details.add(label);
  const smuggled = decodeTagText(scanned.text);
  if (smuggled) {
    details.add('text hidden in invisible Unicode tag characters');
    for (const label of injectionLabels(foldForMatching(smuggled))) details.add(`${label} in hidden tag-character text`);
  }
  for (const payload of scanned.base64Payloads) {
    for (const label of injectionLabels(foldForMatching(payload.text))) details.add(`${label} in base64-encoded text`);
  }
  return [...details];
}
