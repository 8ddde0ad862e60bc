import { allMatches } from '../patterns/text-match.js';
import { LiteralScan } from '../text/literal-scan.js';
import type { Trigger } from './prompt-injection-patterns.js';

/**
 * Large texts are searched for injection phrases only around words every
 * phrase contains (its triggers): one linear pass over the text finds the
 * triggers, then the phrase patterns run on the merged windows around them,
 * each window reaching as far as a phrase can extend on either side of its
 * trigger. Short texts are searched whole.
 */

const wholeTextLimit = 4096;

export interface TriggerIndex {
  scan: LiteralScan;
  /**
   * Per word of `scan`: how far a phrase reaches around it, whether it must
   * stand as a word of its own, and the phrase patterns it is a trigger of
   * (a bit per pattern; none for words that only open windows).
   */
  reach: Array<{ before: number; after: number; whole: boolean; patterns: number }>;
}

/** `triggers[i]` are the triggers of pattern `i`; `windowOnly` triggers open windows without belonging to a pattern. */
export function triggerIndex(triggers: Trigger[][], windowOnly: Trigger[] = []): TriggerIndex {
  if (triggers.length > 31) throw new Error('at most 31 patterns fit in the pattern bit set');
  const reach = new Map<string, { before: number; after: number; whole: boolean; patterns: number }>();
  const add = ({ word, before, after, whole }: Trigger, patterns: number) => {
    const known = reach.get(word);
    reach.set(word, {
      before: Math.max(before, known?.before ?? 0),
      after: Math.max(after, known?.after ?? 0),
      whole: whole && (known?.whole ?? true),
      patterns: patterns | (known?.patterns ?? 0),
    });
  };
  triggers.forEach((ofPattern, pattern) => ofPattern.forEach((trigger) => add(trigger, 1 << pattern)));
  windowOnly.forEach((trigger) => add(trigger, 0));
  return { scan: new LiteralScan([...reach.keys()]), reach: [...reach.values()] };
}

/** A stretch of text worth searching, with the patterns whose trigger words were found in it. */
export interface SearchWindow {
  start: number;
  end: number;
  /** Bit set over the pattern indexes of the trigger index. */
  patterns: number;
}

/**
 * Merged windows of `text` worth searching. Every phrase contains one of its
 * pattern's trigger words as a word of its own, so a pattern can only match
 * in a window whose `patterns` has its bit set. A short text is one window
 * when any trigger word occurs in it.
 */
export function searchWindows(text: string, index: TriggerIndex): SearchWindow[] {
  const whole = text.length <= wholeTextLimit;
  const windows: SearchWindow[] = [];
  let anyWord = false;
  let wholePatterns = 0;
  index.scan.scan(text, (word, start, end) => {
    anyWord = true;
    const { before, after, whole: wholeWord, patterns } = index.reach[word];
    if (wholeWord && (isLetter(text.charCodeAt(start - 1)) || isLetter(text.charCodeAt(end)))) return;
    if (whole) wholePatterns |= patterns;
    else addWindow(windows, Math.max(0, start - before), Math.min(text.length, end + after), patterns);
  });
  if (whole) return anyWord ? [{ start: 0, end: text.length, patterns: wholePatterns }] : [];
  return windows;
}

/** The patterns (bit set) with one of their trigger words somewhere in `text`, as a word of its own where required. */
export function patternsIn(text: string, index: TriggerIndex): number {
  let patterns = 0;
  index.scan.scan(text, (word, start, end) => {
    const { whole, patterns: of } = index.reach[word];
    if (!whole || !(isLetter(text.charCodeAt(start - 1)) || isLetter(text.charCodeAt(end)))) patterns |= of;
  });
  return patterns;
}

/** Windows around each match of `pattern` (global), `reach` characters each side. */
export function windowsAround(text: string, pattern: RegExp, reach: number): Array<[number, number]> {
  // `search` leaves the shared pattern's lastIndex as it found it.
  if (text.length <= wholeTextLimit) return text.search(pattern) >= 0 ? [[0, text.length]] : [];
  return windowsAroundSpans(text, allMatches(pattern, text).map((match) => [match.index, match.index + match[0].length]), reach);
}

/** Windows around each [start, end) span (in text order), `reach` characters each side; a short text is one window. */
export function windowsAroundSpans(text: string, spans: Array<[number, number]>, reach: number): Array<[number, number]> {
  if (spans.length === 0) return [];
  if (text.length <= wholeTextLimit) return [[0, text.length]];
  const windows: SearchWindow[] = [];
  for (const [start, end] of spans) addWindow(windows, Math.max(0, start - reach), Math.min(text.length, end + reach), 0);
  return windows.map(({ start, end }) => [start, end]);
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function addWindow(windows: SearchWindow[], start: number, end: number, patterns: number): void {
  const last = windows[windows.length - 1];
  if (last && start <= last.end) {
    last.end = Math.max(last.end, end);
    last.patterns |= patterns;
  } else windows.push({ start, end, patterns });
}
