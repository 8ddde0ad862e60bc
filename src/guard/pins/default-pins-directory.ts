import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$TOOLGATE_PINS_DIR`, else `~/.toolgate/pins`. */
export function defaultPinsDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.TOOLGATE_PINS_DIR || join(homedir(), '.toolgate', 'pins');
}
