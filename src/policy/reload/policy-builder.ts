import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildToolgatePolicy, type BuiltToolgatePolicy, type PolicyLoadOptions } from '../toolgate-policy.js';
import type { BuildRequest, BuildResponse } from './build-worker.js';

/** Reads and compiles a policy into a bundle; where that runs is the builder's business. */
export interface PolicyBuilder {
  build(spec: string, options: PolicyLoadOptions): Promise<BuiltToolgatePolicy>;
  /** Gets ready for a first build that does not wait for start-up: loads the toolchain and builds once, discarding the result. */
  warmUp(spec: string, options: PolicyLoadOptions): void;
  close(): Promise<void>;
}

/** Builds on the calling thread: every decision waits while a policy compiles. */
export function mainThreadBuilder(): PolicyBuilder {
  return { build: buildToolgatePolicy, warmUp: () => {}, close: async () => {} };
}

/**
 * Builds on a worker thread, so the event loop that decides calls is free while
 * a policy compiles. The worker starts with the first build or warm-up, is
 * restarted if it dies, and never keeps the process alive.
 */
export function workerThreadBuilder(): PolicyBuilder {
  let worker: Worker | undefined;
  let closed = false;
  let nextId = 1;
  const pending = new Map<number, { resolve: (built: BuiltToolgatePolicy) => void; reject: (error: Error) => void }>();

  const failAll = (error: Error) => {
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };
  const start = (): Worker => {
    const started = spawnBuildWorker();
    started.unref();
    started.on('message', (response: BuildResponse) => {
      const request = pending.get(response.id);
      if (request === undefined) return;
      pending.delete(response.id);
      if ('built' in response) request.resolve(response.built);
      else request.reject(Object.assign(new Error(response.error.message), { name: response.error.name }));
    });
    started.on('error', (error) => {
      worker = undefined;
      failAll(new Error(`the policy build worker failed: ${error.message}`));
    });
    started.on('exit', (code) => {
      if (worker !== started) return;
      worker = undefined;
      failAll(new Error(`the policy build worker exited (code ${code})`));
    });
    return started;
  };

  const build = (spec: string, options: PolicyLoadOptions): Promise<BuiltToolgatePolicy> => {
    if (closed) return Promise.reject(new Error('the policy builder is closed'));
    worker ??= start();
    const id = nextId++;
    const request: BuildRequest = { id, spec, options };
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker!.postMessage(request);
    });
  };

  return {
    build,
    warmUp(spec, options) {
      if (worker === undefined && !closed) build(spec, options).catch(() => {});
    },
    async close() {
      closed = true;
      const stopping = worker;
      worker = undefined;
      failAll(new Error('the policy builder is closed'));
      await stopping?.terminate();
    },
  };
}

/** From the build (dist/*.js) as it is; from the sources (*.ts: tests, benchmarks) through tsx's loader. */
function spawnBuildWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./build-worker.js', import.meta.url));
  const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./build-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true });
}
