import { type Command, Option } from 'commander';
import { FAIL_ON, REPLAY_EXIT_CODES, gateFails, type FailOn } from '../policy/replay/replay-gate.js';
import { REPLAY_FORMATS, formatReplay, type ReplayFormat } from '../policy/replay/replay-format.js';

interface ReplayFlags {
  policy: string;
  root: string[];
  format: ReplayFormat;
  failOn: FailOn;
}

const collect = (value: string, previous: string[]) => [...previous, value];

async function replay(files: string[], flags: ReplayFlags): Promise<void> {
  const { replayLog } = await import('../policy/replay/replay-log.js');
  const { loadToolgatePolicy } = await import('../policy/toolgate-policy.js');
  let report;
  try {
    const policy = await loadToolgatePolicy(flags.policy, flags.root.length > 0 ? { roots: flags.root } : {});
    report = await replayLog(files, policy);
  } catch (error) {
    process.stderr.write(`toolgate replay: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = REPLAY_EXIT_CODES.cannotReplay;
    return;
  }
  if (report.calls === 0) process.stderr.write(`toolgate replay: warning: ${files.join(', ')} record(s) no tool calls: nothing was replayed\n`);
  process.stdout.write(formatReplay(report, flags.format, flags.failOn));
  process.exitCode = gateFails(report, flags.failOn) ? REPLAY_EXIT_CODES.failed : REPLAY_EXIT_CODES.passed;
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('Decide the tool calls recorded in audit logs again with another policy: what would newly be denied or allowed')
    .argument('<files...>', 'audit log files, oldest first (rotated files, then the active one)')
    .requiredOption('--policy <policy>', 'the policy to replay with: a profile name, policy.yaml, a directory or a bundle .tar.gz')
    .option('--root <dir>', 'an allowed root for `within: roots` (repeatable), as protect --root', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(REPLAY_FORMATS).default('table'))
    .addOption(new Option('--fail-on <change>', 'what makes the exit code 1').choices(FAIL_ON).default('new-denies'))
    .addHelpText('after', '\nExit codes: 0 the gate passed, 1 the gate failed (--fail-on), 2 cannot replay (policy or log unreadable, usage).')
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : REPLAY_EXIT_CODES.cannotReplay);
    })
    .action(replay);
}
