import { parentPort, workerData } from 'node:worker_threads';
import type { ConformanceCase } from './cases.js';
import { runCase, type CaseOutcome } from './run-case.js';
import type { Toolchain } from '../engine/build.js';

const { toolchain, opaPath } = workerData as { toolchain: Toolchain; opaPath?: string };

parentPort!.on('message', async (c: ConformanceCase) => {
  let outcome: CaseOutcome;
  try {
    outcome = await runCase(c, toolchain, opaPath);
  } catch (error) {
    outcome = { status: 'unexpected_error', message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(outcome);
});
