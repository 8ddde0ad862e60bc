import { type Command, InvalidArgumentError, Option } from 'commander';
import { parseWindow } from '../policy/dialect/limits.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from '../proxy/line-reader.js';
import type { ProtectAuditOptions, ProtectOptions } from '../protect/protect-options.js';

interface ProtectFlags {
  policy?: string;
  root: string[];
  mode?: 'enforce' | 'shadow';
  shadowPolicy?: string;
  auditLog?: string;
  log?: string;
  auditFormat?: 'cloudevents' | 'json';
  logFormat?: 'cloudevents' | 'json';
  auditSink?: 'file' | 'stderr';
  auditRequired?: boolean;
  auditKey?: string;
  auditCheckpointEvery?: number;
  auditRotateSize?: number;
  auditRotateAge?: number;
  auditFsync?: boolean;
  pinsDir?: string;
  pins: boolean;
  hideTools: boolean;
  identity?: Record<string, unknown>;
  rateLimit?: string;
  sanitize: boolean;
  verbose?: boolean;
  name?: string;
  denyWith: 'result' | 'error';
  maxMessageSize: number;
  shutdownGrace: number;
}

const SIZE = /^(\d+)\s*(b|kb|kib|mb|mib|gb|gib)?$/i;
const UNITS: Record<string, number> = { b: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: 1024 ** 2, gb: 1e9, gib: 1024 ** 3 };

export function parseByteSize(text: string): number {
  const match = SIZE.exec(text.trim());
  const bytes = match === null ? NaN : Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()];
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new InvalidArgumentError(`expected a size in bytes such as 1048576, 512KiB or 64MiB, got "${text}"`);
  }
  return bytes;
}

function parseMilliseconds(text: string): number {
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 0) throw new InvalidArgumentError(`expected a whole number of milliseconds, got "${text}"`);
  return ms;
}

function parsePositiveInteger(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive whole number, got "${text}"`);
  return n;
}

/** `1d`, `12h`, `30m`, `90s`, `day`: milliseconds. */
function parseDuration(text: string): number {
  const seconds = parseWindow(text);
  if (typeof seconds === 'string') throw new InvalidArgumentError(`expected a duration such as 1d, 12h or 30m: ${seconds}`);
  return seconds * 1000;
}

function parseIdentity(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError(`expected a JSON object such as '{"sub":"alice"}': ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidArgumentError(`expected a JSON object such as '{"sub":"alice"}', got ${text}`);
  return parsed as Record<string, unknown>;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** An option and its AgentMesh alias: either may be given, not both with different values. */
function eitherOf<T>(value: T | undefined, alias: T | undefined, names: string): T | undefined {
  if (value !== undefined && alias !== undefined && value !== alias) throw new InvalidArgumentError(`${names} are the same option: give one`);
  return value ?? alias;
}

function auditOptions(flags: ProtectFlags): ProtectAuditOptions | undefined {
  const path = eitherOf(flags.auditLog, flags.log, '--audit-log and --log');
  const format = eitherOf(flags.auditFormat, flags.logFormat, '--audit-format and --log-format');
  if (flags.auditSink === 'stderr' && path !== undefined) throw new InvalidArgumentError('--audit-sink stderr writes the events to standard error: leave out --audit-log');
  if (path === undefined && flags.auditSink !== 'stderr') {
    const needLog = Object.entries({
      '--audit-sink file': flags.auditSink === 'file',
      '--audit-format': format !== undefined,
      '--audit-required': flags.auditRequired === true,
      '--audit-key': flags.auditKey !== undefined,
      '--audit-checkpoint-every': flags.auditCheckpointEvery !== undefined,
      '--audit-rotate-size': flags.auditRotateSize !== undefined,
      '--audit-rotate-age': flags.auditRotateAge !== undefined,
      '--audit-fsync': flags.auditFsync === true,
    }).filter(([, given]) => given);
    if (needLog.length > 0) {
      const names = needLog.map(([name]) => name).join(', ');
      throw new InvalidArgumentError(`${names} ${needLog.length === 1 ? 'needs' : 'need'} an audit log: add --audit-log <path> (or --audit-sink stderr)`);
    }
    return undefined;
  }
  const rotate = flags.auditRotateSize !== undefined || flags.auditRotateAge !== undefined ? { maxBytes: flags.auditRotateSize, maxAgeMs: flags.auditRotateAge } : undefined;
  return {
    path,
    sink: flags.auditSink,
    format,
    required: flags.auditRequired,
    key: flags.auditKey,
    checkpointEvery: flags.auditCheckpointEvery,
    rotate,
    fsync: flags.auditFsync,
  };
}

/** The flags as protect()'s options: the CLI adds nothing the API does not have. */
export function protectOptionsFrom(flags: ProtectFlags): ProtectOptions {
  if (!flags.pins && flags.pinsDir !== undefined) throw new InvalidArgumentError('--no-pins and --pins-dir contradict each other: give one');
  return {
    policy: flags.policy,
    roots: flags.root.length > 0 ? flags.root : undefined,
    mode: flags.mode,
    shadowPolicy: flags.shadowPolicy,
    audit: auditOptions(flags),
    rateLimit: flags.rateLimit,
    detectors: flags.sanitize,
    pins: flags.pins ? (flags.pinsDir === undefined ? true : { directory: flags.pinsDir }) : false,
    hideTools: flags.hideTools,
    identity: flags.identity,
    serverName: flags.name,
    denial: flags.denyWith,
    maxMessageBytes: flags.maxMessageSize,
    shutdownGraceMs: flags.shutdownGrace,
    verbose: flags.verbose ?? false,
  };
}

export function registerProtect(program: Command): void {
  // options after the server command belong to the server, which needs positional option parsing
  program.enablePositionalOptions();
  program
    .command('protect')
    .description('run an MCP server over stdio behind toolgate: every tools/call is decided by the policy, checked by the guards and audited')
    .usage('[options] [--] <command> [args...]')
    .argument('<command>', 'the MCP server command, run as given (no shell, no npx)')
    .argument('[args...]', "the server's arguments (options here belong to the server)")
    .option('--policy <policy>', 'policy: a profile name (minimal, standard, strict, enterprise), policy.yaml, a directory or a bundle .tar.gz (default: standard)')
    .option('--root <dir>', 'an allowed root (repeatable): data.toolgate.roots for `within: roots`, and the roots the path detectors check', collect, [])
    .addOption(new Option('--mode <mode>', "enforce, or shadow: forward every call and record what would be denied (default: the policy's mode)").choices(['enforce', 'shadow']))
    .option('--shadow-policy <policy>', 'a candidate policy evaluated beside the enforced one; disagreements are recorded in the audit log')
    .option('--audit-log <path>', 'append a hash-chained audit event for every call to this file')
    .option('--log <path>', 'same as --audit-log (AgentMesh)')
    .addOption(new Option('--audit-format <format>', 'audit event format (default: cloudevents)').choices(['cloudevents', 'json']))
    .addOption(new Option('--log-format <format>', 'same as --audit-format (AgentMesh)').choices(['cloudevents', 'json']))
    .addOption(new Option('--audit-sink <sink>', 'where events go: the --audit-log file (default), or standard error').choices(['file', 'stderr']))
    .option('--audit-required', 'block calls while the audit log cannot be written (fail closed)')
    .option('--audit-key <file>', 'Ed25519 private key (toolgate keygen) for signed checkpoints')
    .option('--audit-checkpoint-every <n>', 'a signed checkpoint after every n events (default 100; needs --audit-key)', parsePositiveInteger)
    .option('--audit-rotate-size <size>', 'start a new audit file before this size is exceeded (e.g. 100MB)', parseByteSize)
    .option('--audit-rotate-age <duration>', 'start a new audit file once its first event is this old (e.g. 1d, 12h)', parseDuration)
    .option('--audit-fsync', 'flush every audit write to disk (survives power loss; slower)')
    .option('--pins-dir <dir>', 'where tool pins are kept (default: $TOOLGATE_PINS_DIR or ~/.toolgate/pins)')
    .option('--no-pins', 'do not pin tool definitions (tool_changed stays false unless a tool changes within the session)')
    .option('--no-hide-tools', 'list every tool, also those the policy denies whatever the arguments')
    .option('--identity <json>', 'input.identity for every call, as a JSON object', parseIdentity)
    .option('--rate-limit <n/unit>', 'a global limit added to every decision, e.g. 100/minute (AgentMesh)')
    .option('--no-sanitize', 'turn the argument detectors off: no findings reach the policy (AgentMesh)')
    .option('--verbose', 'one line per decided call on stderr')
    .option('--name <name>', "the server's name in the policy input and the audit source (default: the name the server reports, else the command's basename)")
    .addOption(
      new Option('--deny-with <style>', 'how a blocked call is answered: an isError tool result, or a JSON-RPC error')
        .choices(['result', 'error'])
        .default('result'),
    )
    .option('--max-message-size <size>', 'largest JSON-RPC message accepted in either direction', parseByteSize, DEFAULT_MAX_MESSAGE_BYTES)
    .option('--shutdown-grace <ms>', 'time the server gets to exit after its stdin closes, before SIGTERM, then SIGKILL', parseMilliseconds, 2000)
    .passThroughOptions()
    .action(async (command: string, args: string[], flags: ProtectFlags) => {
      const { protect } = await import('../protect/protect.js');
      const { superviseOnStdio } = await import('../proxy/stdio-runner.js');
      let gate;
      try {
        gate = await protect({ command, args }, protectOptionsFrom(flags));
      } catch (error) {
        process.stderr.write(`toolgate: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(2);
      }
      // SIGHUP reloads the policy (docs/policy-lifecycle.md) instead of stopping the server
      const exitCode = superviseOnStdio(gate, undefined, ['SIGINT', 'SIGTERM']);
      // a failed start ends `done` with the reason, which the supervisor reports
      gate.start().catch(() => {});
      // stdin may still be open (the server went first): leave now rather than wait for the client
      process.exit(await exitCode);
    });
}
