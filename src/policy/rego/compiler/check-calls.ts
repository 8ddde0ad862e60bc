/**
 * Stage: every call names a known function or builtin and passes it the
 * right number of arguments (one more when the last is an output), and no
 * argument whose type is known (a literal, a builtin's result) contradicts the
 * builtin's declaration; else rego_type_error.
 */
import type { Term } from '../ast.js';
import { RegoError, type RegoDiagnostic } from '../errors.js';
import { visitRule } from './ast-walk.js';
import { operatorName, resolveCall } from './calls.js';
import { accepts, describeType, staticType } from './static-types.js';
import type { Stage } from './state.js';

export const checkCalls: Stage = {
  name: 'checkCalls',
  run(state) {
    const errors: RegoDiagnostic[] = [];
    const tree = state.tree!;
    for (const entry of state.rules) {
      visitRule(entry.rule, (t: Term) => {
        if (t.type !== 'call') return;
        const target = resolveCall(t.operator, tree, state.lookupBuiltin);
        const name = operatorName(t.operator) ?? 'call';
        if (target.kind === 'unknown') {
          errors.push({ code: 'rego_type_error', message: `undefined function ${name}`, location: t.loc });
          return;
        }
        if (target.kind === 'builtin' && target.decl.deprecated) {
          errors.push({ code: 'rego_type_error', message: `deprecated built-in function ${name} cannot be used in Rego v1`, location: t.loc });
          return;
        }
        const n = t.args.length;
        const arity = target.arity;
        const ok = arity === Number.POSITIVE_INFINITY ? true : n === arity || (n === arity + 1 && !(target.kind === 'builtin' && target.decl.variadic));
        if (!ok) {
          errors.push({ code: 'rego_type_error', message: `${name}: arity mismatch: have ${n} arguments, want ${arity}`, location: t.loc });
          return;
        }
        if (target.kind !== 'builtin') return;
        target.decl.args.forEach((want, i) => {
          const have = i < n ? staticType(t.args[i], state.lookupBuiltin) : undefined;
          if (have && !accepts(want, have)) {
            errors.push({
              code: 'rego_type_error',
              message: `${name}: invalid argument ${i + 1}: have ${have}, want ${describeType(want)}`,
              location: t.args[i].loc,
            });
          }
        });
      });
    }
    if (errors.length > 0) throw new RegoError(errors, state.sources);
    return state;
  },
};
