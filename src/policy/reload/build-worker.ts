/** The worker thread of workerThreadBuilder: builds policies and posts the bundles back. */
import { parentPort } from 'node:worker_threads';
import { buildToolgatePolicy, type BuiltToolgatePolicy, type PolicyLoadOptions } from '../toolgate-policy.js';

export interface BuildRequest {
  id: number;
  spec: string;
  options: PolicyLoadOptions;
}

export type BuildResponse = { id: number; built: BuiltToolgatePolicy } | { id: number; error: { name: string; message: string } };

parentPort?.on('message', (request: BuildRequest) => {
  buildToolgatePolicy(request.spec, request.options).then(
    (built) => parentPort!.postMessage({ id: request.id, built } satisfies BuildResponse),
    (error: unknown) => {
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      parentPort!.postMessage({ id: request.id, error: { name, message } } satisfies BuildResponse);
    },
  );
});
