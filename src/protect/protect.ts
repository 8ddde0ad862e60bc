/**
 * protect(): an MCP server behind toolgate (policy, guards, audit), as a
 * library. `toolgate protect` is a thin wrapper over it.
 *
 *   const gate = await protect({ command: 'node', args: ['server.js'] }, { policy: 'strict', roots: ['/srv'] });
 *   await gate.start();
 *   const outcome = await gate.done;
 *
 * protect() loads the policy and opens the audit log (configuration errors
 * reject here, nothing is running yet); start() records proxy.started and
 * starts serving; done resolves once the proxy has stopped, proxy.stopped is
 * recorded and the log is closed (sealed, with a signing key).
 */
import { basename } from 'node:path';
import { AuditWriteError } from '../audit/audit-errors.js';
import type { AuditLog } from '../audit/audit-log.js';
import { proxyStartedEvent, proxyStoppedEvent, type AuditEvent } from '../audit/event-builders.js';
import type { PolicyHandle } from '../policy/policy-handle.js';
import { startCommandProxy, type RunningCommandProxy } from '../proxy/command-proxy.js';
import type { SessionInfo } from '../proxy/hooks.js';
import type { ProxyOutcome, RunningProxy } from '../proxy/running-proxy.js';
import { createStreamProxy } from '../proxy/stream-proxy.js';
import { openProtectAudit } from './open-audit.js';
import { openPolicyHandle } from './open-policy.js';
import { checkPeer, endpointFor } from './peer-connection.js';
import { buildPipeline, type Pipeline } from './pipeline.js';
import { ProtectConfigError } from './protect-errors.js';
import type { CommandTarget, ConnectionTarget, ProtectOptions, ProtectTarget } from './protect-options.js';
import { resolveSettings, type ProtectSettings } from './resolve-settings.js';
import { toolgateVersion } from './toolgate-version.js';

export interface Protection {
  /** The policy calls are decided with (its current revision: `policy.current().revision`). */
  readonly policy: PolicyHandle;
  /** The audit log, when one was configured. */
  readonly audit: AuditLog | undefined;
  /** The client connection's session, once started. */
  readonly session: SessionInfo | undefined;
  /** Records proxy.started, then starts the server (command targets) and serves. */
  start(): Promise<void>;
  /** Shuts down as if the client had closed; resolves like `done`. */
  stop(): Promise<ProxyOutcome>;
  /** Resolves once serving ended, proxy.stopped was recorded and the audit log closed. */
  readonly done: Promise<ProxyOutcome>;
  /** Sends a signal to the server's process group (command targets; no-op otherwise). */
  signal(signal: NodeJS.Signals): void;
}

const isCommandTarget = (target: ProtectTarget): target is CommandTarget => typeof (target as CommandTarget).command === 'string';

function checkTarget(target: ProtectTarget): void {
  if (target === null || typeof target !== 'object') throw new ProtectConfigError('protect() needs a target: { command, args } or { client, server }');
  if (isCommandTarget(target)) {
    if (target.command.length === 0) throw new ProtectConfigError('the server command is empty');
    if (target.args !== undefined && (!Array.isArray(target.args) || target.args.some((arg) => typeof arg !== 'string'))) {
      throw new ProtectConfigError('args must be a list of strings');
    }
    if (target.client !== undefined) checkPeer(target.client, 'client');
    return;
  }
  checkPeer((target as ConnectionTarget).client, 'client');
  checkPeer((target as ConnectionTarget).server, 'server');
}

function serverCommandOf(target: ProtectTarget): string[] {
  return isCommandTarget(target) ? [target.command, ...(target.args ?? [])] : (target.serverCommand ?? []);
}

/** The audit events' source: the name given, else the command's basename (as the policy input's default). */
function sourceName(target: ProtectTarget, options: ProtectOptions): string {
  const command = serverCommandOf(target);
  return options.serverName ?? (command.length > 0 ? basename(command[0]) : 'mcp-server');
}

export async function protect(target: ProtectTarget, options: ProtectOptions = {}): Promise<Protection> {
  checkTarget(target);
  const settings = resolveSettings(options);
  let audit: AuditLog | undefined;
  // a reload is recorded once the log below is open
  const handle = await openPolicyHandle(options, settings.roots, settings.report, async (event) => void (await audit?.append(event)));
  try {
    if (options.audit !== undefined) audit = await openProtectAudit(options.audit, sourceName(target, options), settings.report);
  } catch (error) {
    await handle.close();
    throw error;
  }
  const pipeline = buildPipeline(handle, settings, audit && { log: audit, required: options.audit?.required ?? false }, options);
  return new RunningProtection(target, options, settings, handle, audit, pipeline);
}

class RunningProtection implements Protection {
  readonly done: Promise<ProxyOutcome>;
  private finish!: (outcome: ProxyOutcome) => void;
  private proxy: RunningProxy | undefined;
  private starting: Promise<void> | undefined;
  private startedAt = 0;

  constructor(
    private readonly target: ProtectTarget,
    private readonly options: ProtectOptions,
    private readonly settings: ProtectSettings,
    readonly policy: PolicyHandle,
    readonly audit: AuditLog | undefined,
    private readonly pipeline: Pipeline,
  ) {
    const ended = new Promise<ProxyOutcome>((resolve) => (this.finish = resolve));
    this.done = ended.then((outcome) => this.wrapUp(outcome));
  }

  get session(): SessionInfo | undefined {
    return this.proxy?.session;
  }

  start(): Promise<void> {
    this.starting ??= this.begin().catch((error: unknown) => {
      const message = `toolgate could not start: ${error instanceof Error ? error.message : String(error)}`;
      this.finish({ reason: 'server-not-started', exitCode: 1, failedRequests: 0, message });
      throw error;
    });
    return this.starting;
  }

  async stop(): Promise<ProxyOutcome> {
    if (this.starting === undefined) this.finish({ reason: 'stopped', exitCode: 0, failedRequests: 0 });
    else {
      await this.starting.catch(() => {});
      void this.proxy?.stop();
    }
    return this.done;
  }

  signal(signal: NodeJS.Signals): void {
    (this.proxy as RunningCommandProxy | undefined)?.signal?.(signal);
  }

  private async begin(): Promise<void> {
    this.startedAt = Date.now();
    const policy = this.policy.current();
    await this.record(
      proxyStartedEvent({
        server: { name: sourceName(this.target, this.options), command: serverCommandOf(this.target) },
        transport: isCommandTarget(this.target) ? 'stdio' : 'embedded',
        policyRevision: policy.revision,
        mode: this.settings.mode ?? policy.mode,
        version: toolgateVersion(),
      }),
    );
    this.proxy = await this.startProxy();
    this.proxy.done.then((outcome) => this.finish(outcome));
  }

  private async startProxy(): Promise<RunningProxy> {
    const common = {
      hooks: this.pipeline.hooks,
      serverName: this.options.serverName,
      identity: this.settings.identity,
      maxMessageBytes: this.options.maxMessageBytes,
      shutdownGraceMs: this.options.shutdownGraceMs,
      report: this.settings.report,
    };
    const target = this.target;
    if (isCommandTarget(target)) {
      const client = target.client === undefined ? undefined : await endpointFor(target.client);
      return startCommandProxy({ ...common, command: target.command, args: target.args, env: target.env, cwd: target.cwd, stderr: target.stderr, client });
    }
    const [client, server] = await Promise.all([endpointFor(target.client), endpointFor(target.server)]);
    return createStreamProxy({ ...common, client, server, serverCommand: target.serverCommand });
  }

  private async wrapUp(outcome: ProxyOutcome): Promise<ProxyOutcome> {
    if (this.starting !== undefined) {
      await this.record(
        proxyStoppedEvent({ reason: outcome.reason, uptimeMillis: Date.now() - this.startedAt, calls: this.pipeline.calls(), exitCode: outcome.exitCode }),
      );
    }
    try {
      await this.audit?.close();
    } catch (error) {
      this.settings.report(`closing the audit log failed: ${(error as Error).message}`);
    }
    await this.policy.close();
    return outcome;
  }

  /** Lifecycle events: a required log that cannot be written blocks the calls, not the start or the end. */
  private async record(event: AuditEvent): Promise<void> {
    try {
      await this.audit?.append(event);
    } catch (error) {
      if (!(error instanceof AuditWriteError)) throw error;
    }
  }
}
