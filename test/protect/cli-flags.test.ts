/** `toolgate protect` flags become protect()'s options; contradictions and orphans are refused. */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { protectOptionsFrom, registerProtect } from '../../src/cli/protect.js';
import type { ProtectOptions } from '../../src/protect/protect-options.js';

/** Parses a command line with the real registration, capturing what the action would run. */
async function parse(argv: string[]): Promise<{ command: string; args: string[]; options: ProtectOptions }> {
  const program = new Command().exitOverride();
  registerProtect(program);
  const protectCommand = program.commands.find((c) => c.name() === 'protect') as Command;
  protectCommand.exitOverride().configureOutput({ writeErr: () => {} });
  let captured: { command: string; args: string[]; options: ProtectOptions } | undefined;
  protectCommand.action((command: string, args: string[], flags) => {
    captured = { command, args, options: protectOptionsFrom(flags) };
  });
  await program.parseAsync(['protect', ...argv], { from: 'user' });
  return captured as NonNullable<typeof captured>;
}

describe('toolgate protect flags', () => {
  it('maps every flag onto the API options', async () => {
    const { command, args, options } = await parse([
      '--policy', 'strict', '--root', '/srv/a', '--root', '/srv/b', '--mode', 'shadow', '--shadow-policy', 'cand.yaml',
      '--audit-log', '/var/log/tg.log', '--audit-format', 'json', '--audit-required', '--audit-key', 'k.key', '--audit-checkpoint-every', '50',
      '--audit-rotate-size', '10MiB', '--audit-rotate-age', '1d', '--audit-fsync', '--pins-dir', '/p', '--no-hide-tools',
      '--identity', '{"sub":"alice"}', '--rate-limit', '100/minute', '--no-sanitize', '--verbose', '--name', 'files', '--deny-with', 'error',
      '--max-message-size', '1MiB', '--shutdown-grace', '500', '--', 'node', 'server.js', '--root', 'x',
    ]);
    expect(command).toBe('node');
    expect(args).toEqual(['server.js', '--root', 'x']);
    expect(options).toEqual({
      policy: 'strict',
      roots: ['/srv/a', '/srv/b'],
      mode: 'shadow',
      shadowPolicy: 'cand.yaml',
      audit: {
        path: '/var/log/tg.log',
        sink: undefined,
        format: 'json',
        required: true,
        key: 'k.key',
        checkpointEvery: 50,
        rotate: { maxBytes: 10 * 1024 * 1024, maxAgeMs: 86_400_000 },
        fsync: true,
      },
      rateLimit: '100/minute',
      detectors: false,
      pins: { directory: '/p' },
      hideTools: false,
      identity: { sub: 'alice' },
      serverName: 'files',
      denial: 'error',
      maxMessageBytes: 1024 * 1024,
      shutdownGraceMs: 500,
      verbose: true,
    });
  });

  it('has the defaults of docs/protect.md', async () => {
    const { options } = await parse(['node', 'server.js']);
    expect(options).toMatchObject({ policy: undefined, roots: undefined, audit: undefined, detectors: true, pins: true, hideTools: true, denial: 'result', verbose: false });
  });

  it('accepts the AgentMesh forms: --policy=name, --log, --log-format, no -- before the command, server options after it', async () => {
    const { command, args, options } = await parse(['--policy=standard', '--log', 'a.log', '--log-format', 'json', 'npx', 'server', '--verbose', '--log', 'b']);
    expect([command, args]).toEqual(['npx', ['server', '--verbose', '--log', 'b']]);
    expect(options).toMatchObject({ policy: 'standard', audit: { path: 'a.log', format: 'json' }, verbose: false });
  });

  it.each([
    [['--audit-log', 'a', '--log', 'b'], '--audit-log and --log are the same option: give one'],
    [['--audit-format', 'json', '--log-format', 'cloudevents'], '--audit-format and --log-format are the same option: give one'],
    [['--audit-required'], '--audit-required needs an audit log: add --audit-log <path> (or --audit-sink stderr)'],
    [['--audit-format', 'json', '--audit-key', 'k'], '--audit-format, --audit-key need an audit log: add --audit-log <path> (or --audit-sink stderr)'],
    [['--audit-sink', 'stderr', '--audit-log', 'a'], '--audit-sink stderr writes the events to standard error: leave out --audit-log'],
    [['--no-pins', '--pins-dir', 'p'], '--no-pins and --pins-dir contradict each other: give one'],
  ])('refuses %j', async (flags, message) => {
    await expect(parse([...flags, 'node', 's.js'])).rejects.toThrow(message);
  });

  it.each([
    [['--identity', '["alice"]'], /expected a JSON object/],
    [['--identity', '{sub:alice}'], /expected a JSON object such as/],
    [['--audit-rotate-age', 'soon'], /expected a duration such as 1d, 12h or 30m/],
    [['--audit-rotate-size', '10 parsecs'], /expected a size in bytes/],
    [['--audit-checkpoint-every', '0'], /expected a positive whole number/],
    [['--mode', 'block'], /Allowed choices are enforce, shadow/],
  ])('rejects the value in %j', async (flags, message) => {
    await expect(parse([...flags, 'node', 's.js'])).rejects.toThrow(message);
  });

  it('takes the audit log to stderr without a path', async () => {
    const { options } = await parse(['--audit-sink', 'stderr', '--audit-format', 'json', 'node', 's.js']);
    expect(options.audit).toMatchObject({ sink: 'stderr', path: undefined, format: 'json' });
  });
});
