import type { Body, Term } from '../ast.js';
import { BodyParser } from './bodies.js';
import { tt } from './tokens.js';

/** Stand-alone queries and terms (for the conformance runner and `toolgate test`). */
export class QueryParser extends BodyParser {
  parseQueryText(): Body {
    this.next();
    if (this.isEof()) this.fail('empty query');
    return this.parseQuery(tt.eof);
  }

  parseTermText(): Term {
    this.next();
    const term = this.parseInExpr(false);
    if (!this.isEof()) this.unexpected('end of input');
    return term;
  }
}
