import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
const logDir = mkdtempSync(join(tmpdir(), 'toolgate-startup-modules-'));
let runs = 0;

afterAll(() => rmSync(logDir, { recursive: true, force: true }));

/** Runs `toolgate <args>` from the sources and returns the modules it loaded, relative to the repository. */
async function modulesLoadedBy(args: string[]): Promise<string[]> {
  const log = join(logDir, `run-${++runs}.log`);
  const cli = join(repoRoot, 'src/cli/main.ts');
  const hooks = join(repoRoot, 'test/cli/support/log-modules.mjs');
  await promisify(execFile)(process.execPath, ['--import', 'tsx', '--import', hooks, cli, ...args], {
    cwd: repoRoot,
    env: { ...process.env, TOOLGATE_MODULE_LOG: log },
  });
  const root = `file://${repoRoot}/`;
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith(root))
    .map((url) => url.slice(root.length));
}

const packagesOf = (modules: string[]) => [...new Set(modules.filter((m) => m.startsWith('node_modules/')).map((m) => m.split('/').slice(1, m.split('/')[1].startsWith('@') ? 3 : 2).join('/')))];
const hostBuiltinCategory = /^src\/policy\/engine\/builtins\/(?!host-builtin-categories|errors|operands|values|compiled-cache|sprintf|text-template|regex-intersection)(.+)\.ts$/;

describe('CLI start-up loads only what the command uses', () => {
  it('registers every command (--help) with commander and small option parsers only', async () => {
    const modules = await modulesLoadedBy(['--help']);
    expect(packagesOf(modules)).toEqual(['commander']);
    const heavy = modules.filter((m) => /^src\/(policy\/(engine|rego|testing|replay\/replay-log)|protect|guard\/(detectors|patterns|redact)|audit\/learn-policy)\//.test(m));
    expect(heavy).toEqual([]);
    expect(modules).not.toContain('src/policy/dialect/index.ts');
  });

  it('validates a policy without the Rego toolchain, the engine, the MCP SDK or a schema compiler', async () => {
    const modules = await modulesLoadedBy(['policy', 'validate', 'minimal']);
    expect(modules).toContain('src/policy/dialect/index.ts');
    expect(modules).toContain('src/policy/dialect/generated/schema-validators.ts');
    expect(modules.filter((m) => /^src\/policy\/(engine|rego)\//.test(m))).toEqual([]);
    expect(packagesOf(modules).filter((p) => ['@modelcontextprotocol/sdk', 'zod', 'execa', '@open-policy-agent/opa-wasm', 'ajv'].includes(p))).toEqual([]);
  });

  it('decides with the standard profile importing only the host builtin categories it calls', async () => {
    const modules = await modulesLoadedBy(['policy', 'explain', 'standard', '--call', '{"tool":"read_file","arguments":{"path":"/tmp/a"}}']);
    const categories = modules.flatMap((m) => hostBuiltinCategory.exec(m)?.[1] ?? []);
    expect(categories.sort()).toEqual(['regex', 'strings']);
    expect(packagesOf(modules).filter((p) => ['graphql', '@peculiar/asn1-x509', '@peculiar/asn1-csr', 'semver', 'jose'].includes(p))).toEqual([]);
  });
});
