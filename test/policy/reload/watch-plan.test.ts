import { describe, expect, it } from 'vitest';
import { watchPlan } from '../../../src/policy/reload/watch-plan.js';

describe('what a policy watch covers', () => {
  it('watches the folders of a YAML policy, the files it extends and its modules, and new modules beside a layer', () => {
    const plan = watchPlan({
      kind: 'yaml',
      path: '/srv/policies/team.yaml',
      files: ['/srv/policies/team.yaml', '/srv/shared/base.yaml', '/srv/policies/rego/extra.rego'],
    });
    expect(plan.dirs).toEqual(['/srv/policies', '/srv/policies/rego', '/srv/shared']);
    expect(plan.depth).toBe(0);
    for (const source of ['/srv/policies/team.yaml', '/srv/shared/base.yaml', '/srv/policies/rego/extra.rego', '/srv/policies/new.rego', '/srv/shared/base-ext.rego']) {
      expect(plan.isSource(source), source).toBe(true);
    }
  });

  it('ignores editor leftovers, tests and unrelated files beside a YAML policy', () => {
    const plan = watchPlan({ kind: 'yaml', path: '/p/policy.yaml', files: ['/p/policy.yaml'] });
    for (const other of ['/p/.policy.yaml.swp', '/p/policy.yaml~', '/p/4913', '/p/other.yaml', '/p/policy_test.rego', '/p/.hidden.rego', '/p/sub/x.rego', '/q/policy.yaml']) {
      expect(plan.isSource(other), other).toBe(false);
    }
  });

  it('watches a Rego folder at every depth, for modules and data files only, skipping hidden folders', () => {
    const plan = watchPlan({ kind: 'rego', path: '/p/rego', files: ['/p/rego/main.rego'] });
    expect(plan).toMatchObject({ dirs: ['/p/rego'], depth: undefined });
    for (const source of ['/p/rego/main.rego', '/p/rego/lib/new.rego', '/p/rego/data.json', '/p/rego/team/data.yaml', '/p/rego/team/data.yml']) {
      expect(plan.isSource(source), source).toBe(true);
    }
    for (const other of ['/p/rego', '/p/rego/README.md', '/p/rego/.git/x.rego', '/p/rego/.data.json', '/p/rego/notes.json', '/p/rego-old/a.rego', '/p/a.rego']) {
      expect(plan.isSource(other), other).toBe(false);
    }
  });

  it('watches a bundle or a single Rego file by itself, through its folder', () => {
    for (const [kind, path] of [['bundle', '/b/policy.tar.gz'], ['rego', '/b/policy.rego']] as const) {
      const plan = watchPlan({ kind, path, files: [path] });
      expect(plan).toMatchObject({ dirs: ['/b'], depth: 0 });
      expect(plan.isSource(path)).toBe(true);
      expect(plan.isSource('/b/other.rego')).toBe(false);
    }
  });

  it('gives equal plans equal keys and a plan with another file another key', () => {
    const a = watchPlan({ kind: 'yaml', path: '/p/a.yaml', files: ['/p/a.yaml', '/p/x.rego'] });
    const same = watchPlan({ kind: 'yaml', path: '/p/a.yaml', files: ['/p/x.rego', '/p/a.yaml'] });
    const extended = watchPlan({ kind: 'yaml', path: '/p/a.yaml', files: ['/p/a.yaml', '/p/x.rego', '/p/base.yaml'] });
    expect(same.key).toBe(a.key);
    expect(extended.key).not.toBe(a.key);
  });
});
