import { decodedLayers, escapeSpans } from '../text/decode-escapes.js';
import { isAsciiLetter } from '../text/char-runs.js';
import { decodeTagText } from '../text/invisible.js';
import { foldLookalikes } from '../text/fold.js';
import type { FoldedText } from '../text/folded-text.js';
import { foldedSpacedLetterMatches } from '../text/folded-spaced-letters.js';
import { singleLetterShare, spacedLetterMatches } from '../text/spaced-letters.js';
import { codeUnits } from '../text/code-units.js';
import { kernel, loadText } from '../text/kernels/kernel-memory.js';
import { eachWordLacksALetter } from '../text/missing-letters.js';
import { squashedLetters, squashedStretches, squashedText, squashedUnits } from '../text/squashed-letters.js';
import { patternsIn, searchWindows, triggerIndex, windowsAroundSpans } from './injection-windows.js';
import { deLeeted, leetStandIns, leetTriggers, phrasePatterns, squashedPatterns } from './prompt-injection-patterns.js';
import type { ScannedString } from './scanned-string.js';

/** One pass over the text finds the windows for the plain and the leetspeak spellings alike. */
const triggers = triggerIndex(phrasePatterns, leetTriggers, deLeeted);
/** From this length on, a string is read by the scan kernels in kernel memory (see `injectionLabels`). */
const longText = 4096;
/** See trigger-kernels.as.ts. */
const leetInWordKernel = kernel<(units: number, start: number, end: number) => number>('leetInWord');
/** The digits and symbols that stand in for letters in leetspeak. */
const leetChar = new RegExp(`[${leetStandIns}]`, 'g');
/** Per code unit: 1 for an ASCII letter, 2 for a leetspeak stand-in, else 0. */
const leetKinds = new Uint8Array(65536);
for (let code = 65; code <= 122; code++) if (code <= 90 || code >= 97) leetKinds[code] = 1;
for (const char of leetStandIns) leetKinds[char.charCodeAt(0)] = 2;
/** Per two neighbouring units' kinds (`first << 2 | second`): 1 for a letter beside a stand-in. */
const letterBesideStandIn = new Uint8Array(16);
letterBesideStandIn[(1 << 2) | 2] = letterBesideStandIn[(2 << 2) | 1] = 1;

/**
 * Whether a window has a digit or symbol standing in for a letter inside a
 * word: a test of `/[a-zA-Z][013457@$!|]|[013457@$!|][a-zA-Z]/`, made by
 * jumping from one stand-in to the next (a search for one class of
 * characters is fast) and looking at the characters on either side of it:
 * 1.4 to 2.6 times as fast on the windows of large texts as a loop over every
 * character, which was as fast as the regex.
 */
export function hasLeetInWord(window: string): boolean {
  leetChar.lastIndex = 0;
  for (let found = leetChar.exec(window); found !== null; found = leetChar.exec(window)) {
    if (isAsciiLetter(window.charCodeAt(found.index - 1)) || isAsciiLetter(window.charCodeAt(found.index + 1))) return true;
  }
  return false;
}

/**
 * `hasLeetInWord` of the units `units[start, end)` of a short string: one
 * table lookup per unit and one per neighbouring pair, no search per
 * stand-in (1.3 to 2.3 times as fast where stand-ins are many; a long
 * string's windows are read by the kernel `leetInWord` instead).
 */
export function unitsHaveLeetInWord(units: Uint16Array, start: number, end: number): boolean {
  let previous = 0;
  for (let i = start; i < end; i++) {
    const kind = leetKinds[units[i]];
    if (letterBesideStandIn[(previous << 2) | kind] === 1) return true;
    previous = kind;
  }
  return false;
}

/** The phrase patterns, written for lower-cased text, with case ignored: tried on windows as they are (see `windowText`). */
const caselessPatterns = phrasePatterns.map(({ pattern }) => new RegExp(pattern.source, `${pattern.flags}i`));
/** The characters that lower-case into ASCII: U+0130 (into "i" and a dot) and the Kelvin sign (into "k"). */
const lowersIntoAscii = /[\u0130\u212a]/;

/**
 * A window as the case-ignoring patterns read it: as it is, unless it holds
 * a character that lower-cases into ASCII. Otherwise the patterns (ASCII,
 * neither Unicode nor sticky) match it just where theirs without the flag
 * match it lower-cased: case-ignoring compares ASCII letters in either case
 * and no other character with an ASCII one, and lower-casing changes only
 * letters, keeps every other character outside ASCII and keeps the length.
 * Lower-casing a window costs more than the patterns, in scripts other than
 * Latin most.
 */
function windowText(raw: string): string {
  return lowersIntoAscii.test(raw) ? raw.toLowerCase() : raw;
}

/**
 * The labels of the injection phrases and role tokens in a text whose
 * look-alikes are folded (`foldLookalikes`, or a `FoldedText`); case does not
 * matter.
 */
export function injectionLabels(unconfused: string | FoldedText): string[] {
  const labels = new Set<string>();
  // A long string is read in kernel memory, where its scans load it (making its code units would copy it once more); a short one as code units.
  const units = typeof unconfused === 'string' && unconfused.length < longText ? codeUnits(unconfused) : undefined;
  for (const { start, end, patterns } of searchWindows(unconfused, triggers, units)) {
    const raw = unconfused.slice(start, end);
    const window = windowText(raw);
    // The string's own units are those of the window as the patterns read it unless it was lower-cased.
    const leetInWord = typeof unconfused === 'string' && window === raw ? stringHasLeetInWord(unconfused, units, start, end) : hasLeetInWord(window);
    const plain = leetInWord ? deLeeted(window) : undefined;
    // A match contains one of its pattern's trigger words: patterns without one are not tried.
    const plainPatterns = plain === undefined ? 0 : patternsIn(plain, triggers);
    phrasePatterns.forEach(({ label }, index) => {
      const bit = 1 << index;
      const pattern = caselessPatterns[index];
      if ((patterns & bit) !== 0 && pattern.test(window)) labels.add(label);
      else if ((plainPatterns & bit) !== 0 && pattern.test(plain!)) labels.add(`${label} (leetspeak)`);
    });
  }
  // Letters spelled out one by one: "i g n o r e", "I.G.N.O.R.E".
  if (squashedPhrasePossible(unconfused)) addSpacedOutLabels(unconfused, units, labels);
  return [...labels];
}

/** `hasLeetInWord` of `text[start, end)`, read in its code units `units` when it is short, in kernel memory when it is long. */
export function stringHasLeetInWord(text: string, units: Uint16Array | undefined, start: number, end: number): boolean {
  return units !== undefined ? unitsHaveLeetInWord(units, start, end) : leetInWordKernel(loadText(text), start, end) !== 0;
}

/** The labels of the squashed phrases in the windows around letters spelled out one by one; `units` those of a short string `unconfused`. */
function addSpacedOutLabels(unconfused: string | FoldedText, units: Uint16Array | undefined, labels: Set<string>): void {
  const spaced = typeof unconfused === 'string' ? spacedLetterMatches(unconfused, units) : foldedSpacedLetterMatches(unconfused);
  const windows = windowsAroundSpans(unconfused.length, spaced, 400);
  // A long text is in kernel memory already (the scans loaded it); a short one would push it out.
  const longSquashed = typeof unconfused === 'string' && units === undefined ? squashedStretches(unconfused, windows) : undefined;
  windows.forEach(([start, end], k) => {
    const squashed = longSquashed?.[k] ?? (units === undefined ? squashedLetters(unconfused, start, end) : squashedUnits(units, start, end));
    // A search for a few words is much faster than the patterns over a long squashed window; each word once, though several patterns end in it.
    const present = squashedEndings.filter((word) => squashed.includes(word));
    if (present.length === 0) return;
    for (const { label, pattern, triggers: endings } of squashedPatterns) {
      if (endings.some(({ word }) => present.includes(word)) && pattern.test(squashed)) labels.add(`${label} (letters spaced out)`);
    }
  });
}

/** Texts with more single letters than this share are tested whole first (see `squashedPhrasePossible`). */
const denseSingleLetters = 0.1;
/** The words squashed phrases end in (letters only). */
const squashedEndings = [...new Set(squashedPatterns.flatMap(({ triggers: endings }) => endings.map(({ word }) => word)))];
/** Any of them: one search instead of one per word over the whole text's letters. */
const anySquashedEnding = new RegExp(squashedEndings.join('|'));

/**
 * Whether a window around spaced-out letters can hold a squashed phrase.
 * Each window is a stretch of the text, so its squashed letters are a stretch
 * of the whole text's: when those hold none of the words every squashed
 * phrase ends in, no window can. That test costs one pass over the text
 * (none where each of those words holds a letter the text lacks: hex);
 * following every chain of single letters costs several where they are dense
 * (hex, Cyrillic words with a folded Latin look-alike in them), so it is made
 * there only, and the answer is the same either way.
 */
function squashedPhrasePossible(unconfused: string | FoldedText): boolean {
  const text = typeof unconfused === 'string' ? unconfused : unconfused.source;
  if (text.length <= 4096 || singleLetterShare(text) <= denseSingleLetters) return true;
  // A folded text's letters may be those of its source and more.
  if (typeof unconfused !== 'string') return anySquashedEnding.test(squashedLetters(unconfused, 0, unconfused.length));
  return !eachWordLacksALetter(text, squashedEndings) && anySquashedEnding.test(squashedText(text));
}

/**
 * Prompt injection: override phrases and role tokens after Unicode folding,
 * in the text itself and its percent-decoded form, in text smuggled as
 * Unicode tag characters, and in base64 payloads a model could decode.
 */
export function detectPromptInjection(scanned: ScannedString): string[] {
  const details = new Set<string>();
  for (const label of injectionLabels(scanned.unconfused)) details.add(label);
  // Only the stretches around escape sequences can decode to something new.
  for (const [start, end] of windowsAroundSpans(scanned.text.length, escapeSpans(scanned.text), 400)) {
    const decoded = decodedLayers(scanned.text.slice(start, end)).at(-1);
    if (decoded === undefined) continue;
    for (const label of injectionLabels(foldLookalikes(decoded))) details.add(`${label} after percent-decoding`);
  }
  const smuggled = decodeTagText(scanned.text);
  if (smuggled) {
    details.add('text hidden in invisible Unicode tag characters');
    for (const label of injectionLabels(foldLookalikes(smuggled))) details.add(`${label} in hidden tag-character text`);
  }
  for (const payload of scanned.base64Payloads) {
    for (const label of injectionLabels(foldLookalikes(payload.text))) details.add(`${label} in base64-encoded text`);
  }
  return [...details];
}
