import { type Command, InvalidArgumentError, Option } from 'commander';
import { resolveDecider } from '../policy/resolve-decider.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from '../proxy/line-reader.js';

interface ProtectOptions {
  policy?: string;
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

export function registerProtect(program: Command): void {
  // options after the server command belong to the server, which needs positional option parsing
  program.enablePositionalOptions();
  program
    .command('protect')
    .description('run an MCP server over stdio behind toolgate: every tools/call is decided by the policy')
    .usage('[options] [--] <command> [args...]')
    .argument('<command>', 'the MCP server command, run as given (no shell, no npx)')
    .argument('[args...]', "the server's arguments (options here belong to the server)")
    .option('--policy <policy>', 'policy: a profile name, policy.yaml, a directory or a bundle .tar.gz')
    .option('--name <name>', "the server's name in the policy input (default: the name the server reports, else the command's basename)")
    .addOption(
      new Option('--deny-with <style>', 'how a denied call is answered: an isError tool result, or a JSON-RPC error')
        .choices(['result', 'error'])
        .default('result'),
    )
    .option('--max-message-size <size>', 'largest JSON-RPC message accepted in either direction', parseByteSize, DEFAULT_MAX_MESSAGE_BYTES)
    .option('--shutdown-grace <ms>', 'time the server gets to exit after its stdin closes, before SIGTERM, then SIGKILL', parseMilliseconds, 2000)
    .passThroughOptions()
    .action(async (command: string, args: string[], options: ProtectOptions) => {
      const { decider, warning } = await resolveDecider(options.policy);
      if (warning !== undefined) process.stderr.write(`toolgate: warning: ${warning}\n`);
      const { runProxyOnStdio } = await import('../proxy/stdio-runner.js');
      const exitCode = await runProxyOnStdio({
        command,
        args,
        decider,
        denial: options.denyWith,
        serverName: options.name,
        maxMessageBytes: options.maxMessageSize,
        shutdownGraceMs: options.shutdownGrace,
      });
      // stdin may still be open (the server went first): leave now rather than wait for the client
      process.exit(exitCode);
    });
}
