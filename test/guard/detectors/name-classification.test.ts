import { describe, expect, it } from 'vitest';
import { isPathFieldName } from '../../../src/guard/detectors/path-candidates.js';
import { isShellTool } from '../../../src/guard/detectors/shell-context.js';

describe('tool and field names, remembered once classified', () => {
  it('classify the same before and after thousands of other names', () => {
    const check = () => {
      expect(isShellTool({ tool: 'run_command' })).toBe(true);
      expect(isShellTool({ tool: 'list_commands' })).toBe(false);
      expect(isShellTool({ tool: 'notes', annotations: { title: 'Execute script' } })).toBe(true);
      expect(isPathFieldName('targetDir')).toBe(true);
      expect(isPathFieldName('content')).toBe(false);
    };
    check();
    for (let i = 0; i < 5000; i++) {
      expect(isShellTool({ tool: `tool_${i}` })).toBe(false);
      expect(isPathFieldName(`field${i}Path`)).toBe(true);
      check();
    }
  });
});
