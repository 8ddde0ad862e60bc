/** Checks protect()'s options and turns them into what the pipeline runs with; bad input is a ProtectConfigError naming the option. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DetectOptions } from '../guard/detect.js';
import { detectorKinds, isDetectorKind } from '../guard/kinds.js';
import { defaultPinsDirectory } from '../guard/pins/default-pins-directory.js';
import { PinStore } from '../guard/pins/pin-store.js';
import { parseLimit } from '../policy/dialect/limits.js';
import type { LimitSpec } from '../policy/documents.js';
import type { DenialStyle } from '../proxy/policy-hooks.js';
import { reportToStderr } from '../proxy/proxy-options.js';
import { ProtectConfigError } from './protect-errors.js';
import type { ProtectOptions } from './protect-options.js';

/** The key of the limit `rateLimit` (`--rate-limit`) adds to every decision. */
export const OPERATOR_LIMIT_KEY = '--rate-limit';

export interface ProtectSettings {
  mode?: 'enforce' | 'shadow';
  /** Absolute paths of existing directories. */
  roots?: string[];
  extraLimits: LimitSpec[];
  detect: DetectOptions | false;
  pins?: PinStore;
  hideTools: boolean;
  denial: DenialStyle;
  identity?: Record<string, unknown>;
  verbose: boolean;
  report: (message: string) => void;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

function resolveRoots(roots: unknown): string[] | undefined {
  if (roots === undefined) return undefined;
  if (!Array.isArray(roots) || roots.some((root) => typeof root !== 'string' || root.length === 0)) {
    throw new ProtectConfigError('roots must be a list of directory paths');
  }
  return roots.map((root: string) => {
    const absolute = resolve(root);
    let isDirectory = false;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch (error) {
      throw new ProtectConfigError(`root ${root} cannot be used: ${(error as Error).message}`);
    }
    if (!isDirectory) throw new ProtectConfigError(`root ${root} is not a directory`);
    return absolute;
  });
}

function operatorLimits(rateLimit: ProtectOptions['rateLimit']): LimitSpec[] {
  if (rateLimit === undefined) return [];
  if (typeof rateLimit === 'string') {
    const parsed = parseLimit(rateLimit);
    if (typeof parsed === 'string') throw new ProtectConfigError(`rate limit: ${parsed}`);
    return [{ key: OPERATOR_LIMIT_KEY, requests: parsed.requests, per: parsed.per, scope: 'global' }];
  }
  const { requests, per } = rateLimit;
  if (!(Number.isFinite(requests) && requests > 0 && Number.isFinite(per) && per > 0)) {
    throw new ProtectConfigError(`rate limit: requests and per must be positive numbers, got ${JSON.stringify(rateLimit)}`);
  }
  return [{ scope: 'global', ...rateLimit }];
}

function detectOptions(detectors: ProtectOptions['detectors']): DetectOptions | false {
  if (detectors === undefined || detectors === true) return {};
  if (detectors === false) return false;
  const unknown = detectors.filter((kind) => !isDetectorKind(kind));
  if (unknown.length > 0) throw new ProtectConfigError(`unknown detector(s) ${unknown.join(', ')} (known: ${detectorKinds.join(', ')})`);
  return { detectors: [...detectors] };
}

function pinStore(pins: ProtectOptions['pins']): PinStore | undefined {
  if (pins === false) return undefined;
  if (pins === undefined || pins === true) return new PinStore({ directory: defaultPinsDirectory() });
  if (typeof pins.directory !== 'string' || pins.directory.length === 0) throw new ProtectConfigError('pins.directory must be a directory path');
  return new PinStore({ directory: resolve(pins.directory) });
}

export function resolveSettings(options: ProtectOptions): ProtectSettings {
  if (options.mode !== undefined && options.mode !== 'enforce' && options.mode !== 'shadow') {
    throw new ProtectConfigError(`mode must be enforce or shadow, got ${JSON.stringify(options.mode)}`);
  }
  const denial = options.denial ?? 'result';
  if (denial !== 'result' && denial !== 'error') throw new ProtectConfigError(`denial must be result or error, got ${JSON.stringify(denial)}`);
  if (options.identity !== undefined && !isPlainObject(options.identity)) throw new ProtectConfigError('identity must be a JSON object');
  return {
    mode: options.mode,
    roots: resolveRoots(options.roots),
    extraLimits: operatorLimits(options.rateLimit),
    detect: detectOptions(options.detectors),
    pins: pinStore(options.pins),
    hideTools: options.hideTools ?? true,
    denial,
    identity: options.identity,
    verbose: options.verbose ?? false,
    report: options.report ?? reportToStderr,
  };
}
