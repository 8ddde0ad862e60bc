import type { DetectionContext } from './detection-context.js';
import type { ScannedString } from './scanned-string.js';

/** Words in a tool's name or title that say, on their own, that it runs commands. */
const shellToolWord = new Set(['exec', 'execute', 'shell', 'bash', 'sh', 'zsh', 'cmd', 'terminal', 'powershell', 'pwsh', 'subprocess', 'spawn']);
/** Words that do only next to a verb of running: `run_command`, `execute_script`, but not `list_commands`. */
const runnableWord = new Set(['command', 'commands', 'script', 'scripts']);
const runVerb = new Set(['run', 'execute', 'exec', 'invoke', 'eval', 'start']);

/** Argument names whose value is run as a command (at any depth: `{command: {...}}` counts too). */
const shellFieldName =
  /^(?:command|commands|cmd|cmdline|command_?line|shell|shell_?command|script|bash|sh|powershell|exec|run)$/i;

function words(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** Whether every argument of this tool reaches a shell, by its name or title (a shell word, or "command"/"script" next to a verb of running) or a `shell` annotation. */
export function isShellTool(context: DetectionContext): boolean {
  if (context.shell) return true;
  const annotations = context.annotations ?? {};
  if (annotations.shell === true || annotations.executesShell === true) return true;
  const title = typeof annotations.title === 'string' ? annotations.title : '';
  return namesShellTool(context.tool) || namesShellTool(title);
}

/** Tool names and titles seen so far (a server has a few dozen); emptied when it grows past `maxRemembered`. */
const shellToolNames = new Map<string, boolean>();
const maxRemembered = 1024;

function namesShellTool(name: string): boolean {
  let known = shellToolNames.get(name);
  if (known === undefined) {
    const ws = words(name);
    known = ws.some((w) => shellToolWord.has(w)) || (ws.some((w) => runnableWord.has(w)) && ws.some((w) => runVerb.has(w)));
    if (shellToolNames.size >= maxRemembered) shellToolNames.clear();
    shellToolNames.set(name, known);
  }
  return known;
}

export function isShellFieldName(key: string): boolean {
  return shellFieldName.test(key);
}

/** Whether the string is a whole command line (rather than a value spliced into one). */
export function isWholeCommand(scanned: ScannedString): boolean {
  const field = scanned.fieldName;
  return field !== undefined && shellFieldName.test(field);
}
