import type { Body, Module, Term } from './ast.js';
import { RegoError } from './errors.js';
import { LineIndex } from './parser/line-index.js';
import { ModuleParser } from './parser/module.js';
import { QueryParser } from './parser/query.js';
import { SyntaxFailure } from './parser/syntax-failure.js';

/**
 * Parses a Rego v1 module. Throws a RegoError (`rego_parse_error`) positioned
 * at file:line:col, whose message shows the source line and a caret.
 */
export function parseModule(source: string, file: string): Module {
  return withPositionedErrors(source, file, () => new ModuleParser(source, file).parseModule());
}

/** Parses a query such as `data.test.p = x` (literals separated by newlines or `;`). */
export function parseBody(source: string, file = 'query'): Body {
  return withPositionedErrors(source, file, () => new QueryParser(source, file).parseQueryText());
}

/** Parses one term or infix expression such as `[1, {"a": x}]` or `x + 1`. */
export function parseTerm(source: string, file = 'term'): Term {
  return withPositionedErrors(source, file, () => new QueryParser(source, file).parseTermText());
}

function withPositionedErrors<T>(source: string, file: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof SyntaxFailure) {
      const location = new LineIndex(source, file).location(e.offset, e.offset);
      throw RegoError.at('rego_parse_error', e.message, location, source);
    }
    // The nesting limit keeps the parser within the stack; this covers callers that are already deep.
    if (e instanceof RangeError && /call stack/.test(e.message)) {
      throw RegoError.at('rego_parse_error', 'source nests too deeply to parse', { file, line: 1, col: 1, offset: 0, end: 0 });
    }
    throw e;
  }
}
