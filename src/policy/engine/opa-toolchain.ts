import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unpackBundle } from './bundle.js';
import type { PolicyModule } from './sources.js';

/** Builds with a real `opa build -t wasm` and returns its policy.wasm. */
export async function buildWithOpa(modules: PolicyModule[], entrypoints: string[], opaPath = 'opa'): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'toolgate-opa-'));
  try {
    const src = join(dir, 'src');
    for (const [index, m] of modules.entries()) {
      const path = join(src, `${index}-${m.file.replace(/[^\w.-]+/g, '_')}`.replace(/(\.rego)?$/, '.rego'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, m.source);
    }
    const out = join(dir, 'bundle.tar.gz');
    const args = ['build', '-t', 'wasm', ...entrypoints.flatMap((e) => ['-e', e]), '-o', out, src];
    const { execa } = await import('execa');
    const result = await execa(opaPath, args, { reject: false });
    if ('code' in result && result.code === 'ENOENT') {
      throw new Error(`no opa binary at "${opaPath}": install opa or use the embedded toolchain`);
    }
    if (result.exitCode !== 0) throw new Error(`opa build failed:\n${result.stderr || result.stdout}`);
    return unpackBundle(await readFile(out)).wasm;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Whether an `opa` binary can be run. */
export async function opaAvailable(opaPath = 'opa'): Promise<boolean> {
  // execa is some 130 modules: loaded only when the opa backend is asked for
  const { execa } = await import('execa');
  const result = await execa(opaPath, ['version'], { reject: false });
  return result.exitCode === 0;
}
