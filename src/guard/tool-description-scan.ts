import type { Finding } from '../policy/documents.js';
import { injectionLabels } from './detectors/prompt-injection.js';
import { sensitiveLocationOf } from './detectors/sensitive-locations.js';
import { toolPoisoningDetector } from './kinds.js';
import type { ToolDefinition } from './pins/tool-fingerprint.js';
import { foldForMatching } from './text/fold.js';
import { censusInvisible } from './text/invisible.js';
import { forEachString } from './walk/string-leaves.js';

/** Directives aimed at the model rather than at describing the tool, as seen in tool-poisoning attacks. */
const poisoningDirectives: Array<{ label: string; pattern: RegExp }> = [
  { label: 'instructions to act before or instead of the tool', pattern: /\bbefore (?:using|calling|invoking) this tool\b|\b(?:instead of|rather than) (?:using|calling) (?:the|any) [\w.-]+ tool\b/ },
  { label: 'instructions to pass file contents along', pattern: /\b(?:pass|send|include|put|append) (?:its|their|the|this) (?:full )?contents? (?:as|in|into|to)\b/ },
  { label: 'instructions to read local files', pattern: /\bread (?:the )?(?:file |contents of )?[`'"]?~?\/[\w.\/-]+/ },
  { label: 'side-channel parameter', pattern: /\b(?:sidenote|side note|hidden parameter|secret parameter)\b/ },
  { label: 'instructions to hide from the user', pattern: /\b(?:the )?user (?:should|must|will) not (?:see|know|be told|notice)\b|\bnot (?:visible|shown) to the user\b/ },
];

const padding = / {40,}|\n(?:[ \t]*\n){11,}/;
const tokenSeparators = /[\s`'"()<>,;]+/;

function hasHtmlComment(text: string): boolean {
  const open = text.indexOf('<!--');
  return open >= 0 && text.indexOf('-->', open + 4) >= 0;
}

/** Words that could be paths: containing a separator, or starting with "." or "~". */
function pathLikeTokens(text: string): string[] {
  return text.split(tokenSeparators).filter((token) => /[\\/]|^[.~]/.test(token));
}

function detailsFor(text: string): string[] {
  const details: string[] = [];
  const hidden = censusInvisible(text);
  if (hidden.smuggledTagText) details.push(`hidden_text: invisible tag characters spelling "${hidden.smuggledTagText.slice(0, 80)}"`);
  if (hidden.zeroWidth) details.push('hidden_text: zero-width characters');
  if (hidden.bidiOverride) details.push('hidden_text: bidirectional override characters');
  if (hidden.variationSelector) details.push('hidden_text: variation selectors outside emoji');
  if (hasHtmlComment(text)) details.push('hidden_text: HTML comment (invisible when rendered)');
  if (padding.test(text)) details.push('hidden_text: long run of blank space pushing text out of view');
  const folded = foldForMatching(text + (hidden.smuggledTagText ? `\n${hidden.smuggledTagText}` : ''));
  for (const label of injectionLabels(folded)) details.push(`${label === 'chat role or delimiter token' ? 'role_token' : 'hidden_instructions'}: ${label}`);
  const collapsed = folded.replace(/\s+/g, ' ');
  for (const { label, pattern } of poisoningDirectives) if (pattern.test(collapsed)) details.push(`hidden_instructions: ${label}`);
  for (const token of pathLikeTokens(folded)) {
    const location = sensitiveLocationOf(token.replace(/[.:]+$/, ''));
    if (location) details.push(`sensitive_reference: mentions ${location}`);
  }
  return [...new Set(details)];
}

/**
 * Scans a tool definition from tools/list for poisoning: hidden text
 * (zero-width, bidi overrides, tag characters, HTML comments, padding),
 * instructions aimed at the model, role tokens and references to sensitive
 * files, in the description, title and every string of the input schema
 * and annotations (property names included). Findings use the `tool_poisoning` detector; the path points
 * into the tool definition (["description"], ["inputSchema", "properties",
 * "path", "description"], ...).
 */
export function scanToolDescription(tool: ToolDefinition): Finding[] {
  const findings: Finding[] = [];
  const scanned = { description: tool.description, title: tool.title, inputSchema: tool.inputSchema, annotations: tool.annotations };
  forEachString(scanned, (leaf) => {
    for (const detail of detailsFor(leaf.text)) findings.push({ detector: toolPoisoningDetector, path: leaf.path(), detail });
  });
  return findings;
}
