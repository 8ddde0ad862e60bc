import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redact } from '../../../src/guard/redact/redact-result.js';

const serverEntry = createRequire(import.meta.url).resolve('@modelcontextprotocol/server-filesystem/dist/index.js');
const githubToken = `ghp_${'aB3xK9mQ7pL2vR8tN4wZ6cY1'.repeat(2).slice(0, 36)}`;

describe('redaction of a real server-filesystem read', () => {
  let dir: string;
  let client: Client;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'toolgate-redact-'));
    writeFileSync(join(dir, 'deploy.env'), `# deploy settings\nGITHUB_TOKEN=${githubToken}\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nOWNER=ops@example.com\n`);
    client = new Client({ name: 'toolgate-test', version: '0.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [serverEntry, dir], stderr: 'ignore' }));
  });

  afterAll(async () => {
    await client?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('removes the secrets from the text the server returned, and counts them', async () => {
    const result = await client.callTool({ name: 'read_text_file', arguments: { path: join(dir, 'deploy.env') } });
    const raw = JSON.stringify(result);
    expect(raw).toContain(githubToken);

    const outcome = redact(result, ['secrets', 'pii.email']);
    const redacted = JSON.stringify(outcome.result);
    expect(redacted).not.toContain(githubToken);
    expect(redacted).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(redacted).not.toContain('ops@example.com');
    expect(redacted).toContain('GITHUB_TOKEN=[REDACTED:secret.github_token]');
    expect(redacted).toContain('# deploy settings');
    // The server sends the file both as text content and as structured content: each copy is redacted.
    const copies = result.structuredContent === undefined ? 1 : 2;
    expect(outcome.byKind).toEqual({ 'secret.github_token': copies, 'secret.aws_access_key_id': copies, 'pii.email': copies });
  });
});
