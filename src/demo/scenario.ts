import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One call the demo makes, and what the strict profile should do with it. */
export interface DemoCall {
  tool: string;
  arguments: Record<string, unknown>;
  /** What the call shows, for the table. */
  shows: string;
}

export interface DemoWorkspace {
  root: string;
  auditLog: string;
  calls: DemoCall[];
}

/** A temporary folder with a few files, and the calls an agent (or an injected prompt) might make on it. */
export function demoWorkspace(): DemoWorkspace {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'toolgate-demo-')));
  const root = join(base, 'workspace');
  mkdirSync(join(root, 'reports'), { recursive: true });
  writeFileSync(join(root, 'notes.txt'), 'Quarterly numbers look good. Ship on Friday.\n');
  writeFileSync(join(root, 'reports', 'q3.csv'), 'region,revenue\neu,120\nus,180\n');
  writeFileSync(join(root, '.env'), 'STRIPE_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc\n');
  const calls: DemoCall[] = [
    { tool: 'list_directory', arguments: { path: root }, shows: 'list the workspace' },
    { tool: 'read_text_file', arguments: { path: join(root, 'notes.txt') }, shows: 'read a file inside the root' },
    { tool: 'read_text_file', arguments: { path: join(root, 'reports', 'q3.csv') }, shows: 'read a nested file' },
    { tool: 'read_text_file', arguments: { path: '/etc/passwd' }, shows: 'read outside the root' },
    { tool: 'read_text_file', arguments: { path: join(root, '.env') }, shows: 'read a secrets file' },
    { tool: 'read_text_file', arguments: { path: `${root}/../../../etc/passwd` }, shows: 'traversal out of the root' },
    { tool: 'read_text_file', arguments: { path: `${root}/%2e%2e/%2e%2e/etc/passwd` }, shows: 'percent-encoded traversal (evasion)' },
    { tool: 'read_text_file', arguments: { path: `${root}/..\\..\\etc\\passwd` }, shows: 'backslash traversal (evasion)' },
    { tool: 'write_file', arguments: { path: join(root, 'notes.txt'), content: 'pwned' }, shows: 'overwrite a file' },
  ];
  return { root, auditLog: join(base, 'audit.log'), calls };
}
