/** Where things are: the repository, the built CLI, and the entry points of MCP servers installed from npm. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const builtCli = join(repoRoot, 'dist/cli/main.js');
export const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** The built CLI, or a clear failure telling how to build it. */
export function requireBuiltCli(): string {
  if (!existsSync(builtCli)) throw new Error(`${builtCli} is missing: run \`npm run build\` before the e2e tests`);
  return builtCli;
}

/**
 * The file a package's bin points at, resolved from node_modules (no npx):
 * `serverEntry('@modelcontextprotocol/server-everything')`.
 */
export function serverEntry(packageName: string, binName?: string): string {
  const packageDir = join(repoRoot, 'node_modules', packageName);
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { bin?: string | Record<string, string>; main?: string };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[binName ?? Object.keys(manifest.bin ?? {})[0]];
  const entry = bin ?? manifest.main;
  if (entry === undefined) throw new Error(`${packageName} has no bin or main entry`);
  return join(packageDir, entry);
}

/** `node <entry> args...` for an npm MCP server. */
export function npmServer(packageName: string, ...args: string[]): string[] {
  return [process.execPath, serverEntry(packageName), ...args];
}

/** `node <fixture>` for one of the misbehaving servers in fixtures/. */
export function fixtureServer(name: string, ...args: string[]): string[] {
  return [process.execPath, join(fixturesDir, name), ...args];
}

/** The command line that runs `toolgate protect [options] -- <server...>` from the build. */
export function toolgateProtect(server: string[], options: string[] = []): string[] {
  return [process.execPath, requireBuiltCli(), 'protect', ...options, '--', ...server];
}
