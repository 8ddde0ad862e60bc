import { resolve } from 'node:path';
import type { DecisionDocument } from '../documents.js';
import { compilePolicy, loadPolicyFile, PolicyError, type CompiledPolicy } from '../dialect/index.js';
import { buildBundle, loadBundle, type LoadedBundle } from '../engine/index.js';
import { RegoError } from '../rego/errors.js';
import { TestSetupError } from './setup-error.js';

/** YAML policies loaded once per run, however many test files name them. */
export class PolicyCatalog {
  private readonly compiled = new Map<string, CompiledPolicy>();
  private readonly deciders = new Map<string, Promise<TestDecider>>();

  /** The compiled policy; a policy that does not load is a TestSetupError with every positioned problem. */
  compile(file: string): CompiledPolicy {
    const key = resolve(file);
    let compiled = this.compiled.get(key);
    if (!compiled) {
      try {
        compiled = compilePolicy(loadPolicyFile(file));
      } catch (error) {
        if (error instanceof PolicyError) throw new TestSetupError([error.message]);
        throw error;
      }
      this.compiled.set(key, compiled);
    }
    return compiled;
  }

  /** The policy's decision bundle, built exactly as protect would run it (its own modules and data only). */
  decider(file: string): Promise<TestDecider> {
    const key = resolve(file);
    let decider = this.deciders.get(key);
    if (!decider) {
      const compiled = this.compile(file);
      decider = buildBundle({ modules: compiled.modules, data: compiled.data, entrypoints: [compiled.entrypoint] })
        .catch((error: unknown) => {
          throw error instanceof RegoError ? new TestSetupError([error.message]) : error;
        })
        .then(async (bundle) => new TestDecider(await loadBundle(bundle), compiled.entrypoint));
      this.deciders.set(key, decider);
    }
    return decider;
  }
}

/** Decides calls with one policy bundle; each call names the base documents it is decided with. */
export class TestDecider {
  private data: unknown;

  constructor(
    private readonly bundle: LoadedBundle,
    private readonly entrypoint: string,
  ) {}

  /** The decision document, or undefined when the policy defines none. Throws EvaluationError. */
  decide(input: unknown, data: unknown): DecisionDocument | undefined {
    if (data !== this.data) this.bundle.setData(data);
    this.data = data;
    return this.bundle.evaluate(input, this.entrypoint)[0]?.result as DecisionDocument | undefined;
  }
}
