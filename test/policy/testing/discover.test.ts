import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverFiles } from '../../../src/policy/testing/discover.js';
import { TestSetupError } from '../../../src/policy/testing/setup-error.js';
import { tempFolder } from './support/temp-folder.js';

const folder = tempFolder();
afterAll(() => folder.remove());

const POLICY = 'rules:\n  - tool: a\n    action: deny\n';

const tree = folder.tree('tree', {
  'policy.yaml': POLICY,
  'team.rego': 'package toolgate.ext.team\n',
  'team_test.rego': 'package team_test\n',
  'data.json': '{}',
  'calls.tests.yaml': 'policy: policy.yaml\n',
  'more.tests.yml': 'policy: policy.yaml\n',
  'docker-compose.yaml': 'services:\n  web: {}\n',
  'README.md': '# not a policy\n',
  'nested/deeper/data.yaml': 'a: 1\n',
  'nested/extends.yml': 'extends: strict\n',
  '.hidden/h.rego': 'package h\n',
  'node_modules/dep/d.rego': 'package d\n',
  'testdata/failing/f_test.rego': 'package f\n',
  'generated/skip-me.rego': 'package s\n',
});

const relative = (files: Array<string | { path: string }>) => files.map((f) => (typeof f === 'string' ? f : f.path).slice(tree.length + 1));

describe('discoverFiles', () => {
  it('sorts what a folder holds into Rego modules, data files, YAML policies and test files', async () => {
    const found = await discoverFiles([tree]);
    expect(relative(found.rego)).toEqual(['generated/skip-me.rego', 'team.rego', 'team_test.rego']);
    expect(relative(found.data)).toEqual(['data.json', 'nested/deeper/data.yaml']);
    expect(relative(found.policies)).toEqual(['nested/extends.yml', 'policy.yaml']);
    expect(relative(found.suites)).toEqual(['calls.tests.yaml', 'more.tests.yml']);
  });

  it('records the folders between the path given and each data file, where its data nests', async () => {
    const found = await discoverFiles([tree]);
    expect(found.data.map((f) => f.folder)).toEqual([[], ['nested', 'deeper']]);
  });

  it('treats YAML as a policy only when it has a top-level rules: or extends: key', async () => {
    const found = await discoverFiles([tree]);
    expect(found.policies.some((p) => p.endsWith('docker-compose.yaml'))).toBe(false);
  });

  it('skips hidden, node_modules and testdata folders while walking', async () => {
    const found = await discoverFiles([tree]);
    expect(found.rego.map((f) => f.path).filter((p) => /hidden|node_modules|testdata/.test(p))).toEqual([]);
  });

  it('reads a skipped folder when it is named on the command line', async () => {
    const found = await discoverFiles([join(tree, 'testdata/failing')]);
    expect(found.rego.map((f) => f.path)).toEqual([join(tree, 'testdata/failing/f_test.rego')]);
  });

  it('skips names matching --ignore patterns, folders included', async () => {
    const found = await discoverFiles([tree], { ignore: ['generated', '*_test.rego'] });
    expect(relative(found.rego)).toEqual(['team.rego']);
  });

  it('takes any YAML file named on the command line as a policy', async () => {
    const found = await discoverFiles([join(tree, 'docker-compose.yaml')]);
    expect(found.policies).toEqual([join(tree, 'docker-compose.yaml')]);
  });

  it('lists a file once when paths overlap', async () => {
    const found = await discoverFiles([tree, join(tree, 'team.rego')]);
    expect(relative(found.rego)).toEqual(['generated/skip-me.rego', 'team.rego', 'team_test.rego']);
  });

  it('rejects missing paths and unknown file kinds, naming each', async () => {
    const error = await discoverFiles([join(tree, 'nope'), join(tree, 'README.md')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TestSetupError);
    expect(folder.strip((error as TestSetupError).message)).toBe(
      [
        'tree/nope: no such file or folder',
        'tree/README.md: not a Rego module (.rego), data file (data.json, data.yaml), policy (.yaml) or test file (.tests.yaml)',
      ].join('\n'),
    );
  });
});
