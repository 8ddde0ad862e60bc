/** Either kind of peer the API accepts (byte streams, or an MCP SDK Transport) as the proxy's endpoint. */
import type { ProxyEndpoint } from '../proxy/proxy-core.js';
import { endpointForTransport } from '../proxy/transport-endpoint.js';
import { ProtectConfigError } from './protect-errors.js';
import type { PeerConnection } from './protect-options.js';

function isEndpoint(peer: PeerConnection): peer is ProxyEndpoint {
  return typeof (peer as ProxyEndpoint).readable?.on === 'function' && typeof (peer as ProxyEndpoint).writable?.write === 'function';
}

function isTransport(peer: PeerConnection): boolean {
  const transport = peer as { start?: unknown; send?: unknown; close?: unknown };
  return typeof transport.start === 'function' && typeof transport.send === 'function' && typeof transport.close === 'function';
}

/** Checks what the host passed, before anything starts. */
export function checkPeer(peer: unknown, side: 'client' | 'server'): void {
  if (peer === null || typeof peer !== 'object' || !(isEndpoint(peer as PeerConnection) || isTransport(peer as PeerConnection))) {
    throw new ProtectConfigError(`${side} must be an MCP Transport (start, send, close) or streams ({ readable, writable })`);
  }
}

/** Takes over a transport's callbacks and starts it; streams are used as they are. */
export async function endpointFor(peer: PeerConnection): Promise<ProxyEndpoint> {
  return isEndpoint(peer) ? peer : endpointForTransport(peer);
}
