import { asciiSet } from '../text/char-runs.js';

/**
 * A single-pass reading of a string the way a POSIX shell (and, for `&`/`|`,
 * cmd.exe) would, reporting what could run another command: substitutions,
 * operators followed by a command, redirections. Quoting is honoured: inside
 * single quotes nothing is special, inside double quotes only substitutions.
 */

export type QuoteState = 'unquoted' | 'single' | 'double';

export interface ShellHazard {
  /** "command substitution $(...)", "';' then 'rm'", ... */
  description: string;
}

const maxWordLength = 256;
const wordEnd = /[\s;&|<>()`]/;

/** The word starting at `start`, with quotes and backslashes removed: `c\a't'` reads `cat`. */
function wordAt(text: string, start: number): { word: string; raw: string } {
  let i = start;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  let word = '';
  let raw = '';
  let quote: string | undefined;
  for (; i < text.length && raw.length < maxWordLength; i++) {
    const c = text[i];
    if (!quote && wordEnd.test(c)) break;
    raw += c;
    if (quote) {
      if (c === quote) quote = undefined;
      else word += c;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\' && i + 1 < text.length) {
      raw += text[++i];
      word += text[i];
    } else if (c !== '^') word += c; // cmd.exe's escape caret: p^o^w^e^r^s^h^e^l^l
  }
  return { word, raw };
}

function basename(word: string): string {
  return word.slice(Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\')) + 1).toLowerCase().replace(/\.exe$/, '');
}

/** What follows an operator: a known command, a path to a program, or a shell construct. */
function commandAfter(text: string, index: number, knownCommands: ReadonlySet<string>): string | undefined {
  const { raw } = wordAt(text, index);
  if (/^[$`({]/.test(raw)) return raw.slice(0, 12);
  return commandAt(text, index, knownCommands);
}

/** A known command or a path to a program starting at `index`. */
function commandAt(text: string, index: number, knownCommands: ReadonlySet<string>): string | undefined {
  const { word, raw } = wordAt(text, index);
  if (word.length === 0) return undefined;
  if (/^\$/.test(raw)) return raw.slice(0, 12);
  if (/^(?:\/|\.{1,2}\/|~\/)/.test(word)) return word.slice(0, 24);
  const name = basename(word);
  return knownCommands.has(name) ? name : undefined;
}

/** Where a redirection writes or reads, when that is a file or a socket rather than a harmless sink or a number. */
function redirectTarget(text: string, index: number, input: boolean): string | undefined {
  const { word } = wordAt(text, index);
  if (/^\/dev\/(?:tcp|udp)\//.test(word)) return 'a network socket';
  if (/^(?:\d+|-|\/dev\/(?:null|stdout|stderr))$/.test(word) || word.includes('://')) return undefined;
  // Reading: a path ("< /etc/passwd"), not markup ("<img", "<v4.8"); writing: any file name.
  if (input) return /^[/~$]|^\.{1,2}\//.test(word) ? 'a file' : undefined;
  return /^[/~.$]|[/\\.]/.test(word) ? 'a file' : undefined;
}

function addHazard(hazards: Map<string, ShellHazard>, description: string): void {
  if (!hazards.has(description)) hazards.set(description, { description });
}

/** The characters the loop below acts on; every other character is skipped at once. */
const shellSpecial = asciiSet('\\$`\'"<>;|&\n\r');

export function shellHazards(text: string, start: QuoteState, knownCommands: ReadonlySet<string>): ShellHazard[] {
  const hazards = new Map<string, ShellHazard>();
  let state: QuoteState = start;
  let inBackticks = false;
  /** Where an HTML/XML tag opened on this line ("<img", "</a"), so its ">" is not read as a redirection. */
  let openTag = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || shellSpecial[code] === 0) continue; // nothing below applies to ordinary characters
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
    if (c === '$' && next === '(') addHazard(hazards, 'command substitution $(...)');
    else if (c === '$' && next === '{') addHazard(hazards, 'parameter expansion ${...}');
    else if (c === '`' && !inBackticks) {
      // Markdown uses backticks for inline code: only a command inside them counts.
      const close = text.indexOf('`', i + 1);
      const command = close > i + 1 ? commandAt(text.slice(i + 1, close), 0, knownCommands) : undefined;
      if (command) addHazard(hazards, `backtick command substitution ('${command}')`);
      inBackticks = close > i;
    } else if (c === '`') inBackticks = false;
    if (state === 'double') {
      if (c === '"') state = 'unquoted';
      continue;
    }
    if (c === "'") state = 'single';
    else if (c === '"') state = 'double';
    else if ((c === '<' || c === '>') && next === '(') {
      const command = commandAt(text, i + 2, knownCommands);
      if (command) addHazard(hazards, `process substitution ${c}(${command} ...)`);
      i++;
    }
    else if (c === ';' || c === '\n' || c === '\r' || c === '|' || c === '&') {
      const operator = (c === '|' || c === '&') && next === c ? c + c : c;
      if (c === '&' && (text[i - 1] === '>' || next === '>')) continue; // >&2, &> are redirections
      const command = commandAfter(text, i + operator.length, knownCommands);
      const shown = operator === '\n' || operator === '\r' ? 'newline' : `'${operator}'`;
      if (command) addHazard(hazards, `${shown} then '${command}'`);
      i += operator.length - 1;
    } else if (c === '>' || c === '<') {
      if (c === '<' && /[A-Za-z/!]/.test(next ?? '')) {
        openTag = i; // markup, not a redirection
        continue;
      }
      if (c === '>' && openTag >= 0 && !text.slice(openTag, i).includes('\n')) {
        openTag = -1;
        continue;
      }
      // Arrows and comparisons in prose: "->", "=>", ">=", "<=".
      if (next === '=' || (c === '>' && (text[i - 1] === '-' || text[i - 1] === '='))) continue;
      let operator = next === c ? c + c : c;
      if (text[i + operator.length] === '&') operator += '&';
      const target = redirectTarget(text, i + operator.length, c === '<');
      if (target) addHazard(hazards, `redirection '${operator}' to ${target}`);
      i += operator.length - 1;
    }
  }
  return [...hazards.values()];
}
