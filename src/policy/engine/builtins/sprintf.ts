import { ensureArray, ensureString } from './operands.js';
import { formatValue } from './values.js';

/*
 * sprintf with Go's fmt semantics, over arguments converted as OPA converts
 * them: integral numbers become integers, other numbers floats, strings stay
 * strings, and every other value becomes its Rego text (so `%s` of `true` is
 * "true" and `%v` of an array is `["a", 1]`). A verb that does not fit its
 * argument prints Go's `%!d(string=a)` form rather than failing.
 */

type GoArg = { kind: 'int'; value: bigint } | { kind: 'float'; value: number } | { kind: 'string'; value: string };

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  precision?: number;
}

function toGoArg(value: unknown): GoArg {
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return { kind: 'int', value: BigInt(value) };
    return { kind: 'float', value };
  }
  if (typeof value === 'string') return { kind: 'string', value };
  return { kind: 'string', value: formatValue(value) };
}

function goTypeName(arg: GoArg): string {
  return arg.kind === 'int' ? 'int' : arg.kind === 'float' ? 'float64' : 'string';
}

function plainValue(arg: GoArg): string {
  return arg.kind === 'int' ? arg.value.toString() : arg.kind === 'float' ? (arg.value < 0 ? '-' : '') + formatFloatG(Math.abs(arg.value), undefined) : arg.value;
}

function badVerb(verb: string, arg: GoArg): string {
  return `%!${verb}(${goTypeName(arg)}=${plainValue(arg)})`;
}

function pad(text: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  const length = [...text].length;
  if (length >= width) return text;
  const fill = width - length;
  if (spec.minus) return text + ' '.repeat(fill);
  if (spec.zero && numeric) {
    const sign = /^[+\- ]/.test(text) ? text[0] : '';
    const prefix = /^[+\- ]?0[xXbo]/.test(text) && spec.sharp ? text.slice(sign.length, sign.length + 2) : '';
    const rest = text.slice(sign.length + prefix.length);
    return sign + prefix + '0'.repeat(fill) + rest;
  }
  return ' '.repeat(fill) + text;
}

function signed(body: string, negative: boolean, spec: Spec): string {
  if (negative) return `-${body}`;
  if (spec.plus) return `+${body}`;
  if (spec.space) return ` ${body}`;
  return body;
}

function formatInteger(value: bigint, verb: string, spec: Spec): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  let digits: string;
  let prefix = '';
  switch (verb) {
    case 'd':
    case 'v':
      digits = abs.toString(10);
      break;
    case 'b':
      digits = abs.toString(2);
      if (spec.sharp) prefix = '0b';
      break;
    case 'o':
      digits = abs.toString(8);
      if (spec.sharp) prefix = '0';
      break;
    case 'O':
      digits = abs.toString(8);
      prefix = '0o';
      break;
    case 'x':
      digits = abs.toString(16);
      if (spec.sharp) prefix = '0x';
      break;
    case 'X':
      digits = abs.toString(16).toUpperCase();
      if (spec.sharp) prefix = '0X';
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(value)), spec, false);
    case 'q':
      return pad(`'${String.fromCodePoint(Number(value))}'`, spec, false);
    case 'U':
      return pad(`U+${abs.toString(16).toUpperCase().padStart(4, '0')}`, spec, false);
    default:
      throw new Error('unreachable');
  }
  if (spec.precision !== undefined) {
    digits = spec.precision === 0 && abs === 0n ? '' : digits.padStart(spec.precision, '0');
    return pad(signed(prefix + digits, negative, spec), { ...spec, zero: false }, true);
  }
  return pad(signed(prefix + digits, negative, spec), spec, true);
}

/** Go's exponent form: at least two exponent digits ("1.5e+06"). */
function goExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** %g as Go prints it: %e when the exponent is < -4 or >= the precision (6 for the shortest form), trailing zeros dropped. */
function formatFloatG(abs: number, precision: number | undefined): string {
  if (!Number.isFinite(abs)) return Number.isNaN(abs) ? 'NaN' : abs > 0 ? '+Inf' : '-Inf';
  if (abs === 0) return '0';
  const [mantissa, exponentText] = (precision === undefined ? abs.toExponential() : abs.toExponential(Math.max(precision, 1) - 1)).split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  const decimalPoint = exponent + 1;
  let eprec = precision === undefined ? 6 : Math.max(precision, 1);
  if (precision !== undefined && eprec > digits.length && digits.length >= decimalPoint) eprec = digits.length;
  if (exponent < -4 || exponent >= eprec) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${m}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (decimalPoint <= 0) return `0.${'0'.repeat(-decimalPoint)}${digits}`;
  if (decimalPoint >= digits.length) return digits + '0'.repeat(decimalPoint - digits.length);
  return `${digits.slice(0, decimalPoint)}.${digits.slice(decimalPoint)}`;
}

function formatFloat(value: number, verb: string, spec: Spec): string {
  const negative = value < 0 || Object.is(value, -0);
  const abs = Math.abs(value);
  let body: string;
  if (!Number.isFinite(value)) {
    body = Number.isNaN(value) ? 'NaN' : 'Inf';
    if (Number.isNaN(value)) return pad(body, { ...spec, zero: false }, false);
    return pad(signed(body, negative, spec.plus || negative ? spec : { ...spec, plus: true }), { ...spec, zero: false }, false);
  }
  switch (verb) {
    case 'f':
    case 'F':
      body = abs.toFixed(spec.precision ?? 6);
      break;
    case 'e':
    case 'E':
      body = goExponent(abs.toExponential(spec.precision ?? 6));
      if (verb === 'E') body = body.toUpperCase();
      break;
    case 'g':
    case 'G':
    case 'v':
      body = formatFloatG(abs, spec.precision);
      if (verb === 'G') body = body.toUpperCase();
      break;
    default:
      throw new Error('unreachable');
  }
  return pad(signed(body, negative, spec), spec, true);
}

/** Go's strconv.Quote: a double-quoted string with Go escapes. */
function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

function hexOfString(text: string, upper: boolean, spec: Spec): string {
  const hex = Buffer.from(text, 'utf8').toString('hex');
  const bytes = hex.match(/../g) ?? [];
  let out = spec.space ? bytes.map((b) => (spec.sharp ? `0x${b}` : b)).join(' ') : (spec.sharp && bytes.length ? '0x' : '') + hex;
  if (upper) out = out.toUpperCase();
  return out;
}

function formatString(value: string, verb: string, spec: Spec): string {
  const text = spec.precision !== undefined ? [...value].slice(0, spec.precision).join('') : value;
  switch (verb) {
    case 's':
    case 'v':
      return pad(text, spec, false);
    case 'q':
      return pad(goQuote(text), spec, false);
    case 'x':
    case 'X':
      return pad(hexOfString(text, verb === 'X', spec), spec, false);
    default:
      throw new Error('unreachable');
  }
}

const INT_VERBS = 'vdboOxXcqU';
const FLOAT_VERBS = 'vfFeEgG';
const STRING_VERBS = 'vsqxX';

function formatArg(arg: GoArg, verb: string, spec: Spec): string {
  if (arg.kind === 'int') {
    if (INT_VERBS.includes(verb)) return formatInteger(arg.value, verb, spec);
    if (FLOAT_VERBS.includes(verb)) return formatFloat(Number(arg.value), verb, spec);
    return badVerb(verb, arg);
  }
  if (arg.kind === 'float') {
    if (FLOAT_VERBS.includes(verb)) return formatFloat(arg.value, verb, spec);
    return badVerb(verb, arg);
  }
  if (STRING_VERBS.includes(verb)) return formatString(arg.value, verb, spec);
  return badVerb(verb, arg);
}

export function goSprintf(format: string, values: readonly unknown[]): string {
  const args = values.map(toGoArg);
  let next = 0;
  let out = '';
  let i = 0;
  while (i < format.length) {
    const ch = format[i];
    if (ch !== '%') {
      out += ch;
      i++;
      continue;
    }
    i++;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = !spec.minus;
      else break;
    }
    const readNumber = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const arg = args[next++];
        return arg?.kind === 'int' ? Number(arg.value) : undefined;
      }
      const m = /^\d+/.exec(format.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      return Number(m[0]);
    };
    spec.width = readNumber();
    if (format[i] === '.') {
      i++;
      spec.precision = readNumber() ?? 0;
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    const arg = args[next];
    if (arg === undefined) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    next++;
    out += formatArg(arg, verb, spec);
  }
  if (next < args.length) {
    out += `%!(EXTRA ${args.slice(next).map((a) => `${goTypeName(a)}=${plainValue(a)}`).join(', ')})`;
  }
  return out;
}

export function sprintf(format: unknown, values: unknown): string {
  return goSprintf(ensureString('sprintf', 1, format), ensureArray('sprintf', 2, values));
}
