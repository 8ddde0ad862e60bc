/**
 * A syntax error found while lexing or parsing, positioned by source offset.
 * Deliberately not an Error: the parser throws it on speculative paths too,
 * where capturing a stack trace would be wasted work. The public entry points
 * turn it into a RegoError with file:line:col.
 */
export class SyntaxFailure {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}
