import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadPolicyFile, PolicyError } from '../../../src/policy/dialect/index.js';

/** A temporary folder of policy files for one test file; `remove()` in afterAll. */
export function policyFolder() {
  const root = mkdtempSync(join(tmpdir(), 'toolgate-dialect-'));
  return {
    root,
    write(name: string, text: string): string {
      const path = join(root, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      return path;
    },
    /** The PolicyError text for `name`, with the folder removed from paths. */
    errorsOf(name: string, text: string): string {
      const path = this.write(name, text);
      try {
        loadPolicyFile(path);
      } catch (error) {
        if (error instanceof PolicyError) return error.message.split(`${root}/`).join('');
        throw error;
      }
      throw new Error(`${name} loaded without errors`);
    },
    remove(): void {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
