import { caseless } from '../caseless.js';
import { allMatches, matchesStartingAt, type TextMatch } from '../text-match.js';
import { numberStartsMinimum, numberStartsOf } from './number-starts.js';

/**
 * US Social Security numbers: 3-2-4 digits with the same separator twice
 * (dash or space), excluding numbers never issued (area 000, 666, 9xx; group
 * 00; serial 0000); or nine bare digits right after "SSN" / "social security".
 */
const separated = /(?<![\d-])(?!000|666|9)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])/g;
const labelled = new RegExp(caseless('(?:\\bssn|social security(?: number)?)[^\\w\\n]{0,4}(?!000|666|9)(\\d{9})(?!\\d)'), 'g');

/** `viaStarts`: as for `findCardNumbers`. */
export function findSsns(text: string, viaStarts = text.length >= numberStartsMinimum): TextMatch[] {
  const matches: TextMatch[] = [];
  const starts = viaStarts ? numberStartsOf(text) : undefined;
  for (const match of starts ? matchesStartingAt(separated, text, starts.ssn) : allMatches(separated, text)) {
    matches.push({ kind: 'pii.ssn', label: 'US social security number', start: match.index, end: match.index + match[0].length });
  }
  for (const match of starts ? matchesStartingAt(labelled, text, starts.labelledSsn) : allMatches(labelled, text)) {
    const end = match.index + match[0].length;
    matches.push({ kind: 'pii.ssn', label: 'US social security number', start: end - 9, end });
  }
  return matches.sort((a, b) => a.start - b.start);
}
