import { allMatches } from '../patterns/text-match.js';
import type { FoldedText } from '../text/folded-text.js';
import { LiteralScan } from '../text/literal-scan.js';
import type { InjectionPattern, Trigger } from './prompt-injection-patterns.js';
import { phraseReaches, type Reach } from './phrase-reach.js';

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
   * Per word of `scan`: whether it must stand as a word of its own, and the
   * phrase patterns it is a trigger of (a bit per pattern; none for words
   * that only open windows).
   */
  words: Array<{ whole: boolean; patterns: number }>;
  /** Per word of `scan`, how far a phrase reaches around it (see `triggerReaches`): derived on first use, as only large texts are searched in windows. */
  extents: () => Extent[];
  /** 1 for each character a trigger word holds, and for ASCII letters (which decide whether a word stands alone). */
  wordChars: Uint8Array;
}

/**
 * An index of the trigger words of `patterns` (`patterns[i]` gets bit i);
 * `windowOnly` triggers open windows without belonging to a pattern, and
 * `windowOnlyReads` gives the word a pattern reads where one of them stands
 * (the plain letters of a leetspeak word part).
 */
export function triggerIndex(patterns: readonly InjectionPattern[], windowOnly: Trigger[] = [], windowOnlyReads: (word: string) => string = (word) => word): TriggerIndex {
  if (patterns.length > 31) throw new Error('at most 31 patterns fit in the pattern bit set');
  const words = new Map<string, { whole: boolean; patterns: number }>();
  const add = ({ word, whole }: Trigger, bits: number) => {
    if (/\s/.test(word)) throw new Error(`trigger '${word}' must not hold white space (scans are split there)`);
    const known = words.get(word);
    words.set(word, { whole: whole && (known?.whole ?? true), patterns: bits | (known?.patterns ?? 0) });
  };
  patterns.forEach(({ triggers }, pattern) => triggers.forEach((trigger) => add(trigger, 1 << pattern)));
  windowOnly.forEach((trigger) => add(trigger, 0));
  const wordChars = new Uint8Array(128);
  for (const char of `${[...words.keys()].join('')}abcdefghijklmnopqrstuvwxyz`) wordChars[char.toLowerCase().charCodeAt(0)] = wordChars[char.toUpperCase().charCodeAt(0)] = 1;
  let extents: Extent[] | undefined;
  return {
    scan: new LiteralScan([...words.keys()]),
    words: [...words.values()],
    extents: () => (extents ??= triggerReaches([...words.keys()], patterns, windowOnly, windowOnlyReads)),
    wordChars,
  };
}

/** How far a window reaches around a trigger word: past the blanks next to it first, when `overBlanks`. */
interface Extent extends Reach {
  overBlanks: boolean;
}

/**
 * How far a window reaches for a match reaching `derived` characters: one
 * more, as a `\b` at the match's edge reads the character beyond it
 * ("5ignore" holds no phrase). Where a pattern reaches without bound (the
 * blank lines before a chat role), the trigger's own reach stands in,
 * counted from the end of the blanks next to it (`overBlanks`).
 */
function windowReach(derived: number, trigger: Trigger, own: number): number {
  if (derived !== Infinity) return derived + 1;
  if (!trigger.overBlanks) throw new Error(`the phrases of trigger '${trigger.word}' reach without bound: it must reach over blanks`);
  return own;
}

/**
 * Per word, in order, how far a phrase can reach before and after it: for
 * each trigger holding the word, the reach its pattern's matches have around
 * it (`phraseReaches`; for a window-only trigger, any pattern's around the word
 * it reads as), as `windowReach` widens it; the largest of these. A trigger
 * none of whose patterns' matches can hold its word is a mistake in the
 * patterns.
 */
function triggerReaches(words: string[], patterns: readonly InjectionPattern[], windowOnly: Trigger[], windowOnlyReads: (word: string) => string): Extent[] {
  const reaches = new Map(words.map((word) => [word, { before: 0, after: 0, overBlanks: false }]));
  const widen = (trigger: Trigger, derived: Array<Reach | undefined>) => {
    if (derived.every((reach) => reach === undefined)) throw new Error(`no phrase can hold the trigger '${trigger.word}'`);
    const reach = reaches.get(trigger.word)!;
    for (const { before, after } of derived.filter((found) => found !== undefined)) {
      reach.before = Math.max(reach.before, windowReach(before, trigger, trigger.before));
      reach.after = Math.max(reach.after, windowReach(after, trigger, trigger.after));
      reach.overBlanks ||= trigger.overBlanks === true;
    }
  };
  const readWords = windowOnly.map(({ word }) => windowOnlyReads(word));
  const windowOnlyDerived = windowOnly.map(() => [] as Array<Reach | undefined>);
  for (const { pattern, triggers } of patterns) {
    const derived = phraseReaches(pattern, [...triggers.map(({ word }) => word), ...readWords]);
    triggers.forEach((trigger, k) => widen(trigger, [derived[k]]));
    windowOnly.forEach((_, k) => windowOnlyDerived[k].push(derived[triggers.length + k]));
  }
  windowOnly.forEach((trigger, k) => widen(trigger, windowOnlyDerived[k]));
  return words.map((word) => reaches.get(word)!);
}

/** A stretch of text worth searching, with the patterns whose trigger words were found in it. */
export interface SearchWindow {
  start: number;
  end: number;
  /** Bit set over the pattern indexes of the trigger index. */
  patterns: number;
}

/**
 * Merged windows of `text` worth searching (positions in the folded text for
 * a `FoldedText`). Every phrase contains one of its pattern's trigger words as
 * a word of its own, so a pattern can only match in a window whose `patterns`
 * has its bit set. A short text is one window when any trigger word occurs in it.
 * `units` are those of a string `text`, when the caller has them.
 */
export function searchWindows(text: string | FoldedText, index: TriggerIndex, units?: Uint16Array): SearchWindow[] {
  if (typeof text !== 'string') {
    if (text.length <= wholeTextLimit) return searchWindows(text.toString(), index);
    if (text.changes.length === 0) return searchWindows(text.source, index);
    const windows: SearchWindow[] = [];
    const extents = index.extents();
    const unitAt = foldedUnits(text);
    for (const { word, start, end } of foldedHits(text, index)) addWindowAround(windows, unitAt, text.length, start, end, extents[word], index.words[word].patterns);
    return windows;
  }
  const whole = text.length <= wholeTextLimit;
  const windows: SearchWindow[] = [];
  let anyWord = false;
  let wholePatterns = 0;
  const extents = whole ? [] : index.extents();
  const unitAt = (position: number) => text.charCodeAt(position);
  index.scan.scan(text, (word, start, end) => {
    anyWord = true;
    const { whole: wholeWord, patterns } = index.words[word];
    if (wholeWord && (isLetter(text.charCodeAt(start - 1)) || isLetter(text.charCodeAt(end)))) return;
    if (whole) wholePatterns |= patterns;
    else addWindowAround(windows, unitAt, text.length, start, end, extents[word], patterns);
  }, units);
  if (whole) return anyWord ? [{ start: 0, end: text.length, patterns: wholePatterns }] : [];
  return windows;
}

interface Hit {
  word: number;
  start: number;
  end: number;
}

/** Trigger words standing as words where required, in `text`, positions shifted by `offset`. */
function acceptedHits(text: string, index: TriggerIndex, offset: number, hits: Hit[], keep: (start: number) => boolean = () => true): void {
  index.scan.scan(text, (word, start, end) => {
    if (!keep(start)) return;
    if (index.words[word].whole && (isLetter(text.charCodeAt(start - 1)) || isLetter(text.charCodeAt(end)))) return;
    hits.push({ word, start: start + offset, end: end + offset });
  });
}

function isWhiteSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

/**
 * The accepted trigger words of the folded text, in order, found in its
 * source. A changed run replaced by characters none of which is in a trigger
 * word or an ASCII letter reads the same to the scan as the non-ASCII run it
 * replaces (neither is part of a word nor a letter next to one, and both keep
 * their neighbours apart), so the source's words are the folded text's,
 * shifted. Around the other changed runs, out to the nearest white space on
 * each side (which no trigger word holds, so no word spans it and the scan's
 * state does not carry over it), the folded text itself is scanned instead.
 */
function foldedHits(folded: FoldedText, index: TriggerIndex): Hit[] {
  const { source } = folded;
  const zones: Array<[number, number]> = [];
  for (const change of folded.changes) {
    if (change.folded.length > 0 && ![...change.folded].some((char) => char.charCodeAt(0) < 128 && index.wordChars[char.charCodeAt(0)] === 1)) continue;
    const last = zones[zones.length - 1];
    // A zone ends at white space past its changed runs: a run before that is in it already.
    if (last && change.start < last[1]) continue;
    const floor = last ? last[1] : 0;
    let start = change.start;
    while (start > floor && !isWhiteSpace(source.charCodeAt(start - 1))) start--;
    let end = change.end;
    while (end < source.length && !isWhiteSpace(source.charCodeAt(end))) end++;
    if (last && start <= last[1]) last[1] = end;
    else zones.push([start, end]);
  }
  const hits: Hit[] = [];
  let zone = 0;
  acceptedHits(source, index, 0, hits, (start) => {
    while (zone < zones.length && zones[zone][1] <= start) zone++;
    return zone >= zones.length || start < zones[zone][0];
  });
  // Source positions outside changed runs: shifted by the changes before them.
  for (const hit of hits) {
    const shifted = folded.fromSource(hit.start);
    hit.end += shifted - hit.start;
    hit.start = shifted;
  }
  for (const [start, end] of zones) {
    const from = folded.fromSource(start);
    acceptedHits(folded.slice(from, folded.fromSource(end)), index, from, hits);
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The patterns (bit set) with one of their trigger words somewhere in `text`, as a word of its own where required. */
export function patternsIn(text: string, index: TriggerIndex): number {
  let patterns = 0;
  index.scan.scan(text, (word, start, end) => {
    const { whole, patterns: of } = index.words[word];
    if (!whole || !(isLetter(text.charCodeAt(start - 1)) || isLetter(text.charCodeAt(end)))) patterns |= of;
  });
  return patterns;
}

/** Windows around each match of `pattern` (global), `reach` characters each side. */
export function windowsAround(text: string, pattern: RegExp, reach: number): Array<[number, number]> {
  // `search` leaves the shared pattern's lastIndex as it found it.
  if (text.length <= wholeTextLimit) return text.search(pattern) >= 0 ? [[0, text.length]] : [];
  return windowsAroundSpans(text.length, allMatches(pattern, text).map((match) => [match.index, match.index + match[0].length]), reach);
}

/** Windows around each [start, end) span (in order) of a text `length` long, `reach` characters each side; a short text is one window. */
export function windowsAroundSpans(length: number, spans: Array<[number, number]>, reach: number): Array<[number, number]> {
  if (spans.length === 0) return [];
  if (length <= wholeTextLimit) return [[0, length]];
  const windows: SearchWindow[] = [];
  for (const [start, end] of spans) addWindow(windows, Math.max(0, start - reach), Math.min(length, end + reach), 0);
  return windows.map(({ start, end }) => [start, end]);
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function addWindow(windows: SearchWindow[], start: number, end: number, patterns: number): void {
  const last = windows[windows.length - 1];
  if (last && start <= last.end) {
    last.start = Math.min(last.start, start);
    last.end = Math.max(last.end, end);
    last.patterns |= patterns;
    // A window reaching back over blanks may start before the ones it meets: they are merged into it.
    while (windows.length > 1 && last.start <= windows[windows.length - 2].end) {
      const earlier = windows[windows.length - 2];
      last.start = Math.min(last.start, earlier.start);
      last.end = Math.max(last.end, earlier.end);
      last.patterns |= earlier.patterns;
      windows.splice(windows.length - 2, 1);
    }
  } else windows.push({ start, end, patterns });
}

/** Adds the window around a trigger word at [start, end) of a text `length` long whose code units `unitAt` gives. */
function addWindowAround(windows: SearchWindow[], unitAt: (position: number) => number, length: number, start: number, end: number, extent: Extent, patterns: number): void {
  const from = extent.overBlanks ? blanksBefore(unitAt, start) : start;
  const to = extent.overBlanks ? blanksAfter(unitAt, length, end) : end;
  addWindow(windows, Math.max(0, from - extent.before), Math.min(length, to + extent.after), patterns);
}

const isBlank = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/** Where the blanks ending at `position` start (`unitAt` gives the text's code units). */
function blanksBefore(unitAt: (position: number) => number, position: number): number {
  let at = position;
  while (at > 0 && isBlank(unitAt(at - 1))) at--;
  return at;
}

/** Where the blanks starting at `position` end. */
function blanksAfter(unitAt: (position: number) => number, length: number, position: number): number {
  let at = position;
  while (at < length && isBlank(unitAt(at))) at++;
  return at;
}

/** The code units of a folded text by position, read a stretch at a time around the positions asked for. */
function foldedUnits(text: FoldedText): (position: number) => number {
  const reach = 64;
  let from = 0;
  let stretch = '';
  return (position) => {
    if (position < from || position >= from + stretch.length) {
      from = Math.max(0, position - reach);
      stretch = text.slice(from, Math.min(text.length, position + reach));
    }
    return stretch.charCodeAt(position - from);
  };
}
