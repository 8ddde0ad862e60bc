import { Command, Option } from 'commander';
import { parseSince } from '../audit/parse-since.js';
import { REPORT_FORMATS, type ReportFormat } from '../audit/report-format.js';
import { VERIFY_EXIT_CODES, verifyVerdict } from '../audit/verify-verdict.js';

interface ReportFlags {
  violationsOnly?: boolean;
  tool?: string;
  session?: string;
  since?: string;
  format: ReportFormat;
  shadowDiff?: boolean;
}

interface VerifyFlags {
  key?: string;
  allowUnsealed?: boolean;
  allowPartialStart?: boolean;
  json?: boolean;
}

async function report(files: string[], flags: ReportFlags): Promise<void> {
  const { buildAuditReport } = await import('../audit/audit-report.js');
  const since = flags.since === undefined ? undefined : parseSince(flags.since);
  const result = await buildAuditReport(files, { ...flags, since });
  process.stdout.write(result.output);
  if (result.skippedLines > 0 && flags.format !== 'table') {
    process.stderr.write(`toolgate: ${result.skippedLines} line(s) are not audit events and were skipped: run toolgate audit verify\n`);
  }
}

async function rotatedHint(files: string[]): Promise<string> {
  const { listRotatedFiles } = await import('../audit/rotated-files.js');
  const rotated = await listRotatedFiles(files[0]).catch(() => []);
  return rotated.length > 0 && !files.includes(rotated[0])
    ? `\nhint: ${files[0]} has rotated files; verify them all, oldest first: toolgate audit verify ${files[0]}.* ${files[0]}`
    : '';
}

async function verify(files: string[], flags: VerifyFlags): Promise<void> {
  const { keyIdOf, loadVerifyKey } = await import('../audit/signing-keys.js');
  const { verifyAuditLog } = await import('../audit/verify-log.js');
  let publicKey;
  let report;
  try {
    publicKey = flags.key === undefined ? undefined : await loadVerifyKey(flags.key);
    report = await verifyAuditLog(files, { publicKey, allowPartialStart: flags.allowPartialStart });
  } catch (error) {
    process.stderr.write(`toolgate audit verify: ${(error as Error).message}\n`);
    process.exitCode = VERIFY_EXIT_CODES.cannotVerify;
    return;
  }
  const verdict = verifyVerdict(report, { keyId: publicKey && keyIdOf(publicKey), allowUnsealed: flags.allowUnsealed });
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ...report, exitCode: verdict.exitCode, verdict: verdict.message }, null, 2)}\n`);
  } else {
    for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
    const hint = report.broken?.reason.startsWith('the chain does not start here') ? await rotatedHint(files) : '';
    (verdict.exitCode === 0 ? process.stdout : process.stderr).write(`${verdict.message}${hint}\n`);
  }
  process.exitCode = verdict.exitCode;
}

export function registerAudit(program: Command): void {
  const audit = program
    .command('audit')
    .description('Summarize and query audit logs (toolgate audit <files...>), or verify them (toolgate audit verify)')
    .argument('<files...>', 'audit log files, oldest first (rotated files, then the active one)')
    .option('--violations-only', 'only calls that were denied, rate-limited or would be denied in shadow mode')
    .option('--tool <name>', 'only events about this tool')
    .option('--session <id>', 'only events of this session')
    .option('--since <when>', 'only events since a duration ago (30m, 1h, 2d) or an RFC 3339 time')
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('table'))
    .option('--shadow-diff', 'only calls where the enforced and the shadow policy disagree')
    .action(report);

  audit
    .command('verify')
    .description('Verify the hash chain (and with --key the signed checkpoints) of an audit log')
    .argument('<files...>', 'the files of one log in chain order: rotated files oldest first, then the active file')
    .option('--key <file>', 'Ed25519 public key (.pub from toolgate keygen) to check checkpoint signatures; also requires the log to be sealed')
    .option('--allow-unsealed', 'with --key, accept a log whose last events are not yet covered by a checkpoint (still being written)')
    .option('--allow-partial-start', 'accept a first file that starts mid-chain (older files archived elsewhere)')
    .option('--json', 'print the verification report as JSON')
    .addHelpText('after', '\nExit codes: 0 intact, 1 tampered (the first broken event is named), 2 cannot verify (unreadable file or key, usage), 3 not sealed (with --key).')
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : VERIFY_EXIT_CODES.cannotVerify);
    })
    .action(verify);
}
