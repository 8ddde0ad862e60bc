import { parse, stringify } from 'yaml';
import { builtinError } from './errors.js';
import { ensureString } from './operands.js';

/*
 * YAML with the `yaml` package, YAML 1.2 core schema. Values are plain JSON
 * (OPA's yaml.unmarshal produces JSON values), so anchors are resolved and
 * non-string keys stringified.
 */

/** Words a parse error the way Go's yaml package does ("yaml: line 1: did not find expected ',' or ']'"). */
function goYamlMessage(err: Error & { linePos?: { line: number }[] }): string {
  const line = err.linePos?.[0]?.line;
  let detail = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const flow = /^Flow (sequence|map) must end with a ([\]}])/.exec(detail);
  if (flow) detail = `did not find expected ',' or '${flow[2]}'`;
  return line === undefined ? `yaml: ${detail}` : `yaml: line ${line}: ${detail}`;
}

function unmarshal(text: unknown): unknown {
  const s = ensureString('yaml.unmarshal', 1, text);
  try {
    return JSON.parse(JSON.stringify(parse(s, { maxAliasCount: 100 }) ?? null));
  } catch (err) {
    throw builtinError('yaml.unmarshal', goYamlMessage(err as Error));
  }
}

function isValid(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    parse(text, { maxAliasCount: 100 });
    return true;
  } catch {
    return false;
  }
}

function marshal(value: unknown): string {
  return stringify(value, { sortMapEntries: true });
}

export const yamlBuiltins = {
  'yaml.marshal': marshal,
  'yaml.unmarshal': unmarshal,
  'yaml.is_valid': isValid,
};
