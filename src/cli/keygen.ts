import type { Command } from 'commander';

export function registerKeygen(program: Command): void {
  program
    .command('keygen')
    .description('Create an Ed25519 key pair for signed audit checkpoints')
    .option('-o, --out <prefix>', 'write <prefix>.key (private, mode 0600) and <prefix>.pub', 'toolgate-audit')
    .option('--force', 'replace existing key files')
    .action(async (flags: { out: string; force?: boolean }) => {
      const { writeSigningKeyPair } = await import('../audit/signing-keys.js');
      const written = await writeSigningKeyPair(flags.out, { force: flags.force });
      process.stdout.write(
        [
          `private key: ${written.privateKeyPath} (mode 0600: keep it on the proxy host only)`,
          `public key:  ${written.publicKeyPath} (give it to whoever verifies the log)`,
          `key id:      ${written.keyId}`,
          `verify with: toolgate audit verify --key ${written.publicKeyPath} <audit log files>`,
          '',
        ].join('\n'),
      );
    });
}
