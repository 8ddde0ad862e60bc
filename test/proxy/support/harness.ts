/** A stream proxy between an in-memory client and an in-memory server, both driven by the test. */
import type { DecisionDocument, Decider, InputDocument } from '../../../src/policy/documents.js';
import { createStreamProxy, type StreamProxyOptions } from '../../../src/proxy/index.js';
import { LinePeer, linkedPeers } from './line-peer.js';

export interface Harness {
  client: LinePeer;
  server: LinePeer;
  proxy: ReturnType<typeof createStreamProxy>;
  inputs: InputDocument[];
  reports: string[];
}

/** Denies the tool named "forbidden" (and any tool whose name starts with "deny"), allows the rest, and records every input. */
export function recordingDecider(inputs: InputDocument[]): Decider {
  return {
    decide(input): DecisionDocument {
      inputs.push(structuredClone(input));
      if (input.tool === 'forbidden' || input.tool.startsWith('deny')) return { allow: false, reasons: [`tool ${input.tool} is not allowed`], rule: 'test-rule' };
      return { allow: true, reasons: [] };
    },
  };
}

export function startHarness(options: Partial<StreamProxyOptions> = {}): Harness {
  const clientSide = linkedPeers();
  const serverSide = linkedPeers();
  const inputs: InputDocument[] = [];
  const reports: string[] = [];
  const proxy = createStreamProxy({
    decider: recordingDecider(inputs),
    serverCommand: ['node', 'fake-server.js'],
    report: (message) => reports.push(message),
    shutdownGraceMs: 200,
    ...options,
    client: clientSide.right,
    server: serverSide.right,
  });
  return { client: clientSide.left, server: serverSide.left, proxy, inputs, reports };
}

export const toolCall = (id: number | string, name: string, args: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args, ...extra } });
