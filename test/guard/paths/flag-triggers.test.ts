import { describe, expect, it } from 'vitest';
import { fillFlagCodes, FlagTriggers, isUnfilled } from '../../../src/guard/paths/flag-triggers.js';
import { flaggableShellPathWords, flaggableWordsOfHints } from '../../../src/guard/paths/shell-path-words.js';
import { copyCodeUnits } from '../../../src/guard/text/code-units.js';

/** Every trigger of `text` from `from` on, in order, each found from just after the one before (unfilled blocks filled on the way, as the caller does). */
function triggersOf(text: string, from = 0): number[] {
  const units = copyCodeUnits(text);
  const triggers = new FlagTriggers(text, units);
  const found: number[] = [];
  for (let t = triggers.next(from); t < units.length; t = triggers.next(t + 1)) {
    if (isUnfilled(units[t])) {
      fillFlagCodes(units[t]);
      triggers.restartAt(t);
      t--;
      continue;
    }
    found.push(t);
  }
  return found;
}

describe('units that may make a shell word flaggable', () => {
  it('are found at the first and last unit, for odd and even lengths, and none in an empty text', () => {
    expect(triggersOf('')).toEqual([]);
    expect(triggersOf('_')).toEqual([]);
    expect(triggersOf('_d')).toEqual([0]);
    expect(triggersOf('a%')).toEqual([]);
    expect(triggersOf('a%2')).toEqual([1]);
    expect(triggersOf('ab\\')).toEqual([2]);
    expect(triggersOf('.env')).toEqual([0]);
    expect(triggersOf('x .e')).toEqual([2]);
    expect(triggersOf('xy .e')).toEqual([3]);
    expect(triggersOf('cat etc/x id_rsa')).toEqual([4, 10]);
  });

  it('take "." only where it starts a segment that is not "." itself', () => {
    expect(triggersOf('./dist/index.js a/./b x. .')).toEqual([]);
    // A quote after "." may be inside the word (`.'env'`): only the word, without its quotes, tells.
    expect(triggersOf('../x .. a/.b ".x" \'.\'')).toEqual([0, 5, 10, 14, 19]);
    expect(triggersOf('.\r\n.\n..')).toEqual([5]);
  });

  it('take "%" only before what may start an escape, "_" only before "c" or "d" or where it starts "_n"', () => {
    // What follows "%" is looked at by kind: "z" is of the kind of the digits.
    expect(triggersOf('50% %zz %u %U0 %A %f_ x%2e')).toEqual([4, 8, 11, 15, 18, 23]);
    expect(triggersOf('x86_64 snake_case a_b _Netrc x_D __dirname')).toEqual([12, 22, 30, 34]);
  });

  it('take letters only where they start a word or segment with the first three units of a sensitive start or "fi", in either case', () => {
    expect(triggersOf('ID_ Etc /PRoc "wiN\' fi FILE: ntD x/cla ai')).toEqual([0, 4, 9, 15, 20, 23, 29, 35]);
    expect(triggersOf('aid letc xproc idle ID Et /PRx "wi\' nt x/cl ')).toEqual([]);
    // The third unit past the end of what the kernel looks through is not known there: the pair is taken.
    expect(triggersOf('x id')).toEqual([2]);
  });

  it('take non-ASCII units that lower to ASCII or are not quiet anywhere, look-alike dots only where a segment starts', () => {
    expect(triggersOf('\u0436\u0436 \u4e2d\u6587')).toEqual([]);
    expect(triggersOf('a\u212Ab \uD800 \uDC00x')).toEqual([1, 4, 6]);
    expect(triggersOf('\u6587\u3002\u6587 \u3002env a/\uFF0Ex')).toEqual([4, 11]);
    expect(triggersOf('(\u3002) \u3002\n a/\u3002/b \u3002\u3002 /\uFF0E\uFF0E')).toEqual([13, 17]);
  });

  it('are found across batches of the kernel, however many there are', () => {
    const text = '_c '.repeat(10000) + 'x %2 .env';
    expect(triggersOf(text)).toEqual([...Array.from({ length: 10000 }, (_, i) => 3 * i), 30002, 30005]);
  });

  it('are found in words across the stretches the kernel looks through at a time', () => {
    for (let pad = 65528; pad <= 65538; pad++) {
      const text = `${'x'.repeat(pad)} .e a/.ssh b%2e ID_rsa _c`;
      expect(triggersOf(text)).toEqual([pad + 1, pad + 6, pad + 12, pad + 16, pad + 23]);
      expect(flaggableShellPathWords(text)).toEqual(flaggableWordsOfHints(text));
    }
  });

  it('are the same found from any position as from the start', () => {
    const texts = ['x .env a_b\u3002c /etc \u212A', 'ab cd/ef\u00e9 ..\\x%41 "li"', ' fi.id_ .\u3002 \uD83D\uDE00'];
    for (const text of texts) {
      const all = triggersOf(text);
      for (let from = 0; from <= text.length; from++) expect(triggersOf(text, from)).toEqual(all.filter((t) => t >= from));
    }
  });
});

/**
 * Whether the unit at `p` is a trigger, asked of the text cut to it, its
 * neighbours and the unit after the next (which a letter pair needs): too
 * short for the kernel's sixteen-unit blocks, so looked up one unit at a time.
 */
function isTriggerAlone(text: string, p: number): boolean {
  const start = Math.max(0, p - 1);
  return triggersOf(text.slice(start, p + 3)).includes(p - start);
}

/** Expects the triggers of `text` to be those of each unit asked alone. */
function expectTriggersAsAlone(text: string): void {
  const expected = Array.from({ length: text.length }, (_, p) => p).filter((p) => isTriggerAlone(text, p));
  expect(triggersOf(text)).toEqual(expected);
}

describe('units that may make a shell word flaggable, sixteen at a time', () => {
  it('are those found one at a time, at every place in and across the blocks', () => {
    const pieces = ['.env', '_c', '%2e', '\\', 'etc/', 'fi', 'ID_', '/pr', '"wi', "'li", '(cl', 'a.b', 'x_y', '50%', '\0', '\x7f', '\u212A', '\u3002e', '\uFF0E.', '\uD800'];
    for (const piece of pieces) {
      for (let at = 0; at < 40; at++) expectTriggersAsAlone(`${'ab cd'.repeat(8).slice(0, at)}${piece} ${'qz'.repeat(12)}`);
    }
  });

  it('take quiet non-ASCII units of any block (Cyrillic, kana, ideographs from 0x8000 on, quotes) for none, and the others for triggers', () => {
    const mixed = ['\u0436\u0418\u0483 ', '\u3042\u3002\u30ab\u300c ', '\u80fd\u9e00\u4e00\uFF0C\uFF0E', '\u201c\u2024\u201d ', '\u00e9\u00aa\u0130\u0142', '\uD83D\uDE00\uFFFF\u8000'];
    // The first round meets the blocks unfilled, the next ones with their quiet units known.
    for (let round = 0; round < 3; round++) {
      for (const script of mixed) expectTriggersAsAlone(script.repeat(12) + 'x .e ' + script.repeat(5));
      expectTriggersAsAlone(mixed.join('').repeat(6));
      expectTriggersAsAlone(mixed.join(' /').repeat(6) + '\r\n');
    }
  });

  it('take ideographs for quiet across blocks filled together, and the loud units of blocks next to them for triggers', () => {
    // Ideographs of blocks 0x4e and 0x52 fill the ones between them; U+2F00 (a radical, read as an ideograph) and U+33FF (read as "gal") are not quiet.
    const text = 'x 一刀 你倀儀 ⼀一 ㏿刁 㐀龥鿿ꀀ'.repeat(3);
    for (let round = 0; round < 2; round++) expectTriggersAsAlone(text + text.split('').reverse().join(''));
  });

  it('are found in a mix of random units the same as one at a time', () => {
    const alphabet = ['a', 'c', 'd', 'e', 'f', 'i', 'n', 't', 'I', 'D', '_', '.', '/', '%', '2', ' ', '\n', '"', "'", '\\', '\0', '\u0436', '\u3002', '\u212A', '\uFF0E', '\u80fd', '\uD800'];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let n = 0; n < 60; n++) {
      const length = 1 + Math.floor(random() * 90);
      expectTriggersAsAlone(Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
    }
  });
});

describe('the flaggable words found around triggers', () => {
  it('are those found by going through every word that could be a path, at the edges of the text and of its words', () => {
    const commands = [
      '', '.', '..', '/', '_', 'x', '.env', 'a/.env', './.env', '"./.ssh"', "'.'", '.\r\n..\r\n', 'fi', 'file:///etc/passwd', 'x/fi', 'ETC/shadow',
      '\uD800', 'a\uDC00', '\u212Aube/config', '\u3002env', '/\u3002ssh', 'x\u3002y', '\u0436/.env', '%2e%2e/x', 'a\\x2e', 'lib/', './dist/index.js',
      '50%', 'a/%2e%2e/b', '%u002e%u002E/x', '%U2E', 'x_y/z', 'a/x_D.json', 'a/APPLICATION_DEFAULT_CREDENTIALS.JSON', '_netrc', 'a/_NETRC', 'x/%zz', 'a\\..\\b',
      '\u3002', '\u3002\u3002', 'a/\u3002', '\u3002/x', '\u3002\u3002/x', '(\u3002)', '"\u3002"', '\uFF0E\uFF0E/etc/passwd', '\u2024env', 'with/.env', 'wi/etc/x', 'lib/.ssh', 'proc/1/x', 'Fi', 'fi/x', 'Fi\u00e9/x', 'li\u212A/x', 'x/win/dows/x', 'a/ETC/x', 'p', 'pr', 'pro', 'x/pr',
      `${'x'.repeat(4095)}/.env y/.env`, `${'x'.repeat(4096)}/.env y/.env`, 'cat a/..\0b', '\0.env', 'a\0', '.env\0', 'x y/..',
    ];
    for (let n = 0; n < 4; n++) commands.push(`${'x'.repeat(n)}/.env`, `${'x'.repeat(n)}/.env y`, `${'x'.repeat(n)}/.env\r\n`, `a ${'b'.repeat(5000 + n)}/.env;c/.env`);
    for (const command of commands) expect(flaggableShellPathWords(command)).toEqual(flaggableWordsOfHints(command));
  });

  it('are those found by going through every word, in random texts of the letters of the sensitive starts', () => {
    const alphabet = ['i', 'd', '_', 'e', 't', 'c', 'p', 'r', 'o', 'w', 'n', 'l', 'b', 'a', 'u', 'f', 'I', 'D', 'T', 'C', 'O', '/', '.', ' ', '\u0130', '\u212A', '\u0436', '"'];
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let n = 0; n < 300; n++) {
      const command = Array.from({ length: 1 + Math.floor(random() * 120) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(flaggableShellPathWords(command)).toEqual(flaggableWordsOfHints(command));
    }
  });

  it('end long words at each unit that ends words, wherever it stands, and not at non-ASCII units that narrow to NUL or a control', () => {
    const filler = ['b', '\u8000', '\u0109', '\uFF09', '\u2020'];
    for (const end of [' ', '\t', '\n', '\r', '\u000b', ';', '|', '&', '<', '>', '(', ')', '`', '\0', '']) {
      for (const fill of filler) {
        for (let length = 60; length < 100; length += 7) {
          // Each word's trigger is at its start: its end is far enough for the kernel to look for it.
          const command = `x/.env ./.e${fill.repeat(length)}${end}y/.ssh %2e${'a'.repeat(length)}${end}z`;
          expect(flaggableShellPathWords(command)).toEqual(flaggableWordsOfHints(command));
        }
      }
    }
  });
});
