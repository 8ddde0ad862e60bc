import { Worker } from 'node:worker_threads';
import type { ConformanceCase } from './cases.js';
import type { CaseOutcome } from './run-case.js';
import type { Toolchain } from '../engine/build.js';

export interface PoolOptions {
  workers: number;
  toolchain: Toolchain;
  opaPath?: string;
  /** A case still running after this long is reported as a timeout and its worker replaced. */
  timeoutMs: number;
}

/** Runs cases on worker threads; a case that hangs or crashes its worker costs only itself. */
export async function runCases(cases: ConformanceCase[], options: PoolOptions): Promise<CaseOutcome[]> {
  const outcomes: CaseOutcome[] = new Array(cases.length);
  let next = 0;
  const spawn = () => new Worker(new URL('./worker.js', import.meta.url), { workerData: { toolchain: options.toolchain, opaPath: options.opaPath } });

  const lane = async (): Promise<void> => {
    let worker = spawn();
    while (next < cases.length) {
      const index = next++;
      outcomes[index] = await new Promise<CaseOutcome>((resolve) => {
        const current = worker;
        const settle = (outcome: CaseOutcome) => {
          clearTimeout(timer);
          current.off('message', settle);
          current.off('error', crashed);
          resolve(outcome);
        };
        const crashed = (error: Error) => {
          worker = spawn();
          settle({ status: 'unexpected_error', message: `worker crashed: ${error.message}` });
        };
        const timer = setTimeout(() => {
          void current.terminate();
          worker = spawn();
          settle({ status: 'timeout', message: `no result after ${options.timeoutMs} ms` });
        }, options.timeoutMs);
        current.on('message', settle);
        current.on('error', crashed);
        current.postMessage(cases[index]);
      });
    }
    await worker.terminate();
  };
  await Promise.all(Array.from({ length: Math.max(1, options.workers) }, lane));
  return outcomes;
}
