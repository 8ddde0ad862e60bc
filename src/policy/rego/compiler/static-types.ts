/**
 * What can be known of a term's type before evaluation: literals and builtin
 * results. Used to reject calls whose arguments can never have the declared type.
 */
import type { Term } from '../ast.js';
import type { BuiltinDecl, RegoType } from '../builtins/declaration.js';
import { operatorName } from './calls.js';

export type KnownType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'set';

export function staticType(t: Term, lookupBuiltin: (name: string) => BuiltinDecl | undefined): KnownType | undefined {
  switch (t.type) {
    case 'null':
    case 'boolean':
    case 'number':
    case 'string':
    case 'array':
    case 'object':
    case 'set':
      return t.type;
    case 'arraycomp':
      return 'array';
    case 'setcomp':
      return 'set';
    case 'objectcomp':
      return 'object';
    case 'call': {
      const name = operatorName(t.operator);
      const result = name ? lookupBuiltin(name)?.result : undefined;
      return result === undefined ? undefined : plainType(result);
    }
    default:
      return undefined;
  }
}

function plainType(t: RegoType): KnownType | undefined {
  if (typeof t === 'string') return t === 'any' || t === 'collection' ? undefined : t;
  if ('array' in t) return 'array';
  if ('set' in t) return 'set';
  if ('object' in t) return 'object';
  return undefined;
}

/** True if a value of type `have` may be of declared type `want`. */
export function accepts(want: RegoType, have: KnownType): boolean {
  if (typeof want === 'string') {
    if (want === 'any') return true;
    if (want === 'collection') return have === 'array' || have === 'object' || have === 'set';
    return want === have;
  }
  if ('oneOf' in want) return want.oneOf.some((w) => accepts(w, have));
  if ('array' in want) return have === 'array';
  if ('set' in want) return have === 'set';
  return have === 'object';
}

export function describeType(t: RegoType): string {
  if (typeof t === 'string') return t;
  if ('oneOf' in t) return `any<${t.oneOf.map(describeType).join(', ')}>`;
  if ('array' in t) return `array[${describeType(t.array)}]`;
  if ('set' in t) return `set[${describeType(t.set)}]`;
  return `object[${describeType(t.object[0])}: ${describeType(t.object[1])}]`;
}
