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
  const { word, raw } = wordAt(text, index);
  if (word.length === 0) return undefined;
  if (/^[$`({]/.test(raw)) return raw.slice(0, 12);
  if (/^(?:\/|\.{1,2}\/|~\/)/.test(word)) return word.slice(0, 24);
  const name = basename(word);
  return knownCommands.has(name) ? name : undefined;
}

/** Where a redirection writes or reads, when that is a file or a socket rather than a harmless sink or a number. */
function redirectTarget(text: string, index: number): string | undefined {
  const { word } = wordAt(text, index);
  if (/^\/dev\/(?:tcp|udp)\//.test(word)) return 'a network socket';
  if (/^(?:\d|-|\/dev\/(?:null|stdout|stderr))$/.test(word) || /^\d+$/.test(word)) return undefined;
  return /^[/~.$]|[/\\.]/.test(word) ? 'a file' : undefined;
}

export function shellHazards(text: string, start: QuoteState, knownCommands: ReadonlySet<string>): ShellHazard[] {
  const hazards = new Map<string, ShellHazard>();
  const add = (description: string) => {
    if (!hazards.has(description)) hazards.set(description, { description });
  };
  let state: QuoteState = start;
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
    if (c === '$' && next === '(') add('command substitution $(...)');
    else if (c === '$' && next === '{') add('parameter expansion ${...}');
    else if (c === '`' && text.indexOf('`', i + 1) > i + 1) add('backtick command substitution');
    if (state === 'double') {
      if (c === '"') state = 'unquoted';
      continue;
    }
    if (c === "'") state = 'single';
    else if (c === '"') state = 'double';
    else if ((c === '<' || c === '>') && next === '(') add(`process substitution ${c}(...)`);
    else if (c === ';' || c === '\n' || c === '\r' || c === '|' || c === '&') {
      const operator = (c === '|' || c === '&') && next === c ? c + c : c;
      if (c === '&' && (text[i - 1] === '>' || next === '>')) continue; // >&2, &> are redirections
      const command = commandAfter(text, i + operator.length, knownCommands);
      const shown = operator === '\n' || operator === '\r' ? 'newline' : `'${operator}'`;
      if (command) add(`${shown} then '${command}'`);
      i += operator.length - 1;
    } else if (c === '>' || c === '<') {
      if (c === '<' && next === '/') continue; // an HTML/XML closing tag, not a redirection
      let operator = next === c ? c + c : c;
      if (text[i + operator.length] === '&') operator += '&';
      const target = redirectTarget(text, i + operator.length);
      if (target) add(`redirection '${operator}' to ${target}`);
      i += operator.length - 1;
    }
  }
  return [...hazards.values()];
}
