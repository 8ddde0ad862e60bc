// Compiles toolgate's Wasm runtime (AssemblyScript, src/policy/rego/wasm/runtime/)
// once, to dist/policy/rego/wasm/runtime.wasm, where the emitter links every
// policy against it. Also run on demand by the emitter when the output is
// missing or older than its sources (tests running from src/).
import { mkdirSync, renameSync, writeFileSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import asc from 'assemblyscript/asc';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const runtimeDir = 'src/policy/rego/wasm/runtime';
const outFile = join(root, 'dist/policy/rego/wasm/runtime.wasm');

const work = mkdtempSync(join(tmpdir(), 'toolgate-runtime-'));
try {
  const built = join(work, 'runtime.wasm');
  const { error, stderr } = await asc.main(
    [
      `${runtimeDir}/index.as.ts`,
      '--runtime', 'stub',
      '--importMemory',
      '--noExportMemory',
      '--initialMemory', '0',
      '-O3',
      '--noAssert',
      '--use', `abort=${runtimeDir}/fatal.as/asAbort`,
      '--outFile', built,
    ],
    { baseDir: root },
  );
  if (error) {
    process.stderr.write(stderr.toString());
    throw error;
  }
  mkdirSync(dirname(outFile), { recursive: true });
  // write next to the target, then rename: readers never see a partial file
  const staged = `${outFile}.${process.pid}.tmp`;
  writeFileSync(staged, readFileSync(built));
  renameSync(staged, outFile);
} finally {
  rmSync(work, { recursive: true, force: true });
}
