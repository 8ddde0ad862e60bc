import { describe, expect, it } from 'vitest';
import { buildBundle, loadBundle, opaAvailable } from '../../../src/policy/engine/index.js';

const opaPath = process.env.OPA_PATH ?? 'opa';
const hasOpa = await opaAvailable(opaPath);
if (!hasOpa) console.log(`skipped: no opa binary at "${opaPath}" (set OPA_PATH to run the opa toolchain tests)`);

const source = 'package t\n\nimport rego.v1\n\nallow if {\n\tinput.tool in {"read_file", "list_directory"}\n\tstartswith(input.path, "/data/")\n}\n';

describe('the opa toolchain (opa build -t wasm through execa)', () => {
  it('says clearly when there is no opa binary', async () => {
    await expect(
      buildBundle({ modules: [{ file: 'p.rego', source }], entrypoints: ['t/allow'], toolchain: 'opa', opaPath: '/nonexistent/opa' }),
    ).rejects.toThrow('no opa binary at "/nonexistent/opa": install opa or use the embedded toolchain');
  });

  it.skipIf(!hasOpa)('builds a bundle the same evaluator runs, deciding as the embedded toolchain does', async () => {
    const inputs = [
      { tool: 'read_file', path: '/data/a' },
      { tool: 'read_file', path: '/etc/passwd' },
      { tool: 'write_file', path: '/data/a' },
    ];
    const [viaOpa, embedded] = await Promise.all(
      (['opa', 'embedded'] as const).map(async (toolchain) =>
        loadBundle(await buildBundle({ modules: [{ file: 'p.rego', source }], entrypoints: ['t/allow'], toolchain, opaPath })),
      ),
    );
    for (const input of inputs) expect(viaOpa.evaluate(input, 't/allow')).toEqual(embedded.evaluate(input, 't/allow'));
  });
});
