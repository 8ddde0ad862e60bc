import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temporary folder of policy and test files; `remove()` in afterAll. */
export function tempFolder() {
  const root = mkdtempSync(join(tmpdir(), 'toolgate-test-cmd-'));
  return {
    root,
    /** Writes `files` (relative path → text) under a fresh sub-folder and returns its path. */
    tree(name: string, files: Record<string, string>): string {
      const base = join(root, name);
      for (const [file, text] of Object.entries(files)) {
        const path = join(base, file);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      }
      return base;
    },
    /** `text` with the folder's own path removed, so expectations read like relative paths. */
    strip(text: string): string {
      return text.split(`${root}/`).join('');
    },
    remove(): void {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
