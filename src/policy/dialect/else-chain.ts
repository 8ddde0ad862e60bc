import * as r from './rego-builder.js';

/** Branches per chain: the Rego parser accepts at most 256 `else` in one rule. */
const MAX_BRANCHES = 200;

export interface Branch {
  value: r.Term;
  body: r.Literal[];
}

/**
 * `name := v0 if {...} else := v1 if {...} ...`: the value of the first branch
 * whose body holds; later branches are not evaluated. A longer list is split
 * into chains named by the branches they hold (`name_0_199`, `name_200_399`,
 * ...), which `name` tries in order the same way.
 */
export function elseChain(name: string, comments: string[], branches: Branch[]): r.Rule[] {
  return chained(name, comments, branches.map((b, i) => ({ ...b, first: i, last: i })));
}

interface Span extends Branch {
  /** The original branches this one stands for. */
  first: number;
  last: number;
}

function chained(name: string, comments: string[], spans: Span[]): r.Rule[] {
  if (spans.length === 0) return [];
  if (spans.length <= MAX_BRANCHES) {
    const [first, ...rest] = spans;
    return [{ comments, head: r.head.complete(name), value: first.value, body: first.body, else: rest }];
  }
  const parts: r.Rule[] = [];
  const heads: Span[] = [];
  const v = r.variable('value');
  for (let start = 0; start < spans.length; start += MAX_BRANCHES) {
    const part = spans.slice(start, start + MAX_BRANCHES);
    const [first, last] = [part[0].first, part[part.length - 1].last];
    const partName = `${name}_${first}_${last}`;
    parts.push(...chained(partName, [`${name}: the branches for rules ${first} to ${last}`], part));
    heads.push({ value: v, body: [r.assign(v, r.ref(partName))], first, last });
  }
  return [...chained(name, comments, heads), ...parts];
}
