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
  /** Per word of `scan`, how far a phrase reaches around it and whether it must stand as a word of its own. */
  reach: Array<{ before: number; after: number; whole: boolean }>;
}

export function triggerIndex(triggers: Trigger[]): TriggerIndex {
  const reach = new Map<string, { before: number; after: number; whole: boolean }>();
  for (const { word, before, after, whole } of triggers) {
    const known = reach.get(word);
    reach.set(word, { before: Math.max(before, known?.before ?? 0), after: Math.max(after, known?.after ?? 0), whole: whole && (known?.whole ?? true) });
  }
  return { scan: new LiteralScan([...reach.keys()]), reach: [...reach.values()] };
}

/** Merged [start, end) windows of `text` worth searching. */
export function searchWindows(text: string, index: TriggerIndex): Array<[number, number]> {
  if (text.length <= wholeTextLimit) return index.scan.occursIn(text) ? [[0, text.length]] : [];
  const windows: Array<[number, number]> = [];
  index.scan.scan(text, (word, start, end) => {
    const { before, after, whole } = index.reach[word];
    if (whole && (isLetter(text.charCodeAt(start - 1)) || isLetter(text.charCodeAt(end)))) return;
    addWindow(windows, Math.max(0, start - before), Math.min(text.length, end + after));
  });
  return windows;
}

/** Windows around each match of `pattern` (global), `reach` characters each side. */
export function windowsAround(text: string, pattern: RegExp, reach: number): Array<[number, number]> {
  // `search` leaves the shared pattern's lastIndex as it found it.
  if (text.length <= wholeTextLimit) return text.search(pattern) >= 0 ? [[0, text.length]] : [];
  const windows: Array<[number, number]> = [];
  for (const match of allMatches(pattern, text)) {
    addWindow(windows, Math.max(0, match.index - reach), Math.min(text.length, match.index + match[0].length + reach));
  }
  return windows;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function addWindow(windows: Array<[number, number]>, start: number, end: number): void {
  const last = windows[windows.length - 1];
  if (last && start <= last[1]) last[1] = Math.max(last[1], end);
  else windows.push([start, end]);
}
