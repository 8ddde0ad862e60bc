import { asciiSet } from '../../text/char-runs.js';
import { kernel, kernelPositions } from '../../text/kernels/kernel-memory.js';
import { caseless } from '../caseless.js';

/**
 * Secret patterns that start with a name followed by a separator (`:` or `=`):
 * `password = ...`, `aws_secret_access_key: ...`, `Authorization: Bearer ...`.
 * Scanning a large text with each of them tries their names' many first
 * letters at nearly every position; instead, one pass finds the separators
 * with one of the names right before them (the regex engine looks for the
 * separator first and checks the names behind it only there), and each
 * pattern is then tried only just before its separators.
 */
export interface SeparatorAnchor {
  /** Regex source of what stands right before the separator: the names, then what may follow them. */
  before: string;
  /** How far before its separator a match can start: the longest name and what may follow it. */
  maxOffset: number;
}

/** Secret-named keys, in either case: `password`, `pwd`, `client_secret`, `api_key`, `refresh_token`, ... */
export const assignmentKeys = caseless(
  '(?:pass(?:word|wd|phrase)|pwd|secret(?:[_-]?key)?|client[_-]?secret|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|refresh[_-]?token|private[_-]?key|token)',
);
/** AWS secret access key names, in either case: `aws_secret_access_key`, `AWS_SECRET`, `SecretAccessKey`, ... */
export const awsSecretNames = caseless('(?:aws_?secret_?access_?key|aws_?secret(?:_?key)?|secret_?access_?key)');

/** A secret-named key in free text: the longest (`client_secret`, `refresh_token`) with a quote and four blanks. */
export const assignmentAnchor: SeparatorAnchor = { before: assignmentKeys + String.raw`["']?[ \t]{0,4}`, maxOffset: 13 + 1 + 4 };
/** `aws_secret_access_key` and shorter, a quote and four blanks. */
export const awsSecretAnchor: SeparatorAnchor = { before: awsSecretNames + String.raw`["']?\s{0,4}`, maxOffset: 21 + 1 + 4 };
/** `authorization`, a quote and four blanks. */
export const authorizationAnchor: SeparatorAnchor = { before: caseless('authorization') + String.raw`["']?\s{0,4}`, maxOffset: 13 + 1 + 4 };

const anchors = [assignmentAnchor, awsSecretAnchor, authorizationAnchor];
/** Per anchor, whether it stands before the separator at lastIndex (sticky: set lastIndex first). */
const anchorAt = anchors.map((a) => new RegExp(`(?<=${a.before})[:=]`, 'y'));
/**
 * What every name above ends with, lower case: `password`, `passwd`, `pwd`,
 * `passphrase`, `..secret`, `..key`, `..token`, `authorization`; by its last
 * three letters as one number (`nameEnding`).
 */
const nameSuffixes = new Map(
  ['password', 'passwd', 'pwd', 'passphrase', 'secret', 'key', 'token', 'authorization'].map((suffix) => {
    const [first, second, third] = [...suffix.slice(-3)].map((c) => c.charCodeAt(0));
    return [nameEnding(first, second, third), Uint16Array.from(suffix, (c) => c.charCodeAt(0))];
  }),
);
const whiteSpace = /\s/;

interface Separators {
  /** Per anchor, the separators with its names right before them. */
  positions: Map<SeparatorAnchor, number[]>;
  /** Every "://" (each starts with a `:`, so the scan for separators finds them too). */
  schemes: number[];
}

/** The last text's separators: the secret scans ask about the same text one after another. */
let last: { text: string; separators: Separators } | undefined;

function separatorsOf(text: string): Separators {
  if (last === undefined || last.text !== text) last = { text, separators: findSeparators(text) };
  return last.separators;
}

/** The positions of the separators with `anchor`'s names right before them, in text order. */
function separatorsAfter(anchor: SeparatorAnchor, text: string): number[] {
  return separatorsOf(text).positions.get(anchor) ?? [];
}

/** Where each "://" of `text` is, in text order (for URLs: the separator scan passes every ":" anyway). */
export function schemeSeparators(text: string): number[] {
  return separatorsOf(text).schemes;
}

/**
 * Every `:` and `=` whose name check passes. Most
 * separators (in code, nearly every `:`) have no name ending like one of
 * `nameSuffixes` before them (behind at most four blanks and a quote): that
 * test rules them out before any regex runs, most of them on the last letter.
 */
function findSeparators(text: string): Separators {
  const positions = new Map<SeparatorAnchor, number[]>(anchors.map((a) => [a, []]));
  const schemes: number[] = [];
  const separators = separatorsIn(text);
  for (let k = 0; k < separators.length; k++) {
    const separator = separators[k];
    if (text.charCodeAt(separator) === 0x3a && text.charCodeAt(separator + 1) === 0x2f && text.charCodeAt(separator + 2) === 0x2f) schemes.push(separator);
    if (!nameEndsBefore(text, separator)) continue;
    anchors.forEach((anchor, k) => {
      anchorAt[k].lastIndex = separator;
      if (anchorAt[k].test(text)) positions.get(anchor)!.push(separator);
    });
  }
  return { positions, schemes };
}

/** From this length on, the separators are found by a kernel (in one call) rather than with `indexOf` (a call each). */
const kernelTextMinimum = 16 * 1024;
const separatorCandidates = kernel<(units: number, length: number, out: number) => number>('separatorCandidates');

/**
 * Where each `:` and `=` of `text` is, in text order, leaving out in a large
 * text those that start no "://" and have no secret's name before them: a
 * kernel compares eight units at once and tests the few units before each
 * separator (run-class-kernels.as.ts). `indexOf` costs a call per separator
 * (JSON and code have tens of thousands), and in Cyrillic text it stops at
 * every "к" and "н" (the low byte of their units is that of ":" and "=").
 */
function separatorsIn(text: string): ArrayLike<number> {
  if (text.length >= kernelTextMinimum) return kernelPositions(text, (units, out) => separatorCandidates(units, text.length, out));
  const found: number[] = [];
  let colon = text.indexOf(':');
  let equals = text.indexOf('=');
  while (colon >= 0 || equals >= 0) {
    if (equals < 0 || (colon >= 0 && colon < equals)) {
      found.push(colon);
      colon = text.indexOf(':', colon + 1);
    } else {
      found.push(equals);
      equals = text.indexOf('=', equals + 1);
    }
  }
  return found;
}

/** The last letters of the names, in either case: `d`, `e`, `t`, `y`, `n`. */
const lastLetters = asciiSet('deytnDEYTN');

/**
 * Whether what stands before `separator`, behind at most four blanks (`\s`)
 * and a quote, ends like one of the names (`nameSuffixes`, in either case).
 * In JSON most separators follow a key ending in "ion" (`version`,
 * `description`): only `authorization` is let through to the regexes.
 */
function nameEndsBefore(text: string, separator: number): boolean {
  let j = separator - 1;
  for (let blanks = 0; blanks < 4 && j >= 0 && isWhiteSpace(text.charCodeAt(j)); blanks++) j--;
  const quote = text.charCodeAt(j);
  if (quote === 0x22 || quote === 0x27) j--;
  if (j < 2) return false;
  const last = text.charCodeAt(j);
  if (last >= 128 || lastLetters[last] === 0) return false;
  const suffix = nameSuffixes.get(nameEnding(text.charCodeAt(j - 2), text.charCodeAt(j - 1), last));
  if (suffix === undefined || j + 1 < suffix.length) return false;
  for (let k = 0; k < suffix.length - 3; k++) if ((text.charCodeAt(j + 1 - suffix.length + k) | 0x20) !== suffix[k]) return false;
  return true;
}

/** Three characters, ASCII letters lowered (others may collide: a false hit only costs a regex test). */
function nameEnding(first: number, second: number, third: number): number {
  return ((first | 0x20) << 14) | ((second | 0x20) << 7) | (third | 0x20);
}

function isWhiteSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  return code >= 0xa0 && whiteSpace.test(String.fromCharCode(code));
}

/**
 * What `matchAll` of `pattern` (made global) finds, given that each match
 * starts at most `anchor.maxOffset` characters before one of `separators`:
 * trying the pattern at just those positions, in text order and never inside
 * the previous match, gives the same matches. Each position is tried at most once.
 */
export function matchesBeforeSeparators(pattern: RegExp, anchor: SeparatorAnchor, text: string): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  const separators = separatorsAfter(anchor, text);
  if (separators.length === 0) return matches;
  // A sticky copy per call: its lastIndex is set here and seen nowhere else.
  const atPosition = new RegExp(pattern, 'dy');
  // Positions before `next` have been tried or lie inside a match.
  let next = 0;
  for (const separator of separators) {
    let start = Math.max(next, separator - anchor.maxOffset);
    while (start < separator) {
      atPosition.lastIndex = start;
      const match = atPosition.exec(text);
      if (match === null) {
        start++;
        continue;
      }
      matches.push(match);
      start += match[0].length;
    }
    next = Math.max(next, start);
  }
  return matches;
}
