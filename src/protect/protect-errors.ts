/** protect() cannot start as configured (bad option, unreadable policy, audit log in use): fix the configuration and try again. */
export class ProtectConfigError extends Error {
  override name = 'ProtectConfigError';
}
