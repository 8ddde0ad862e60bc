import { caseless } from '../patterns/caseless.js';
import { isAscii } from '../text/fold.js';

/**
 * Files and directories that hold credentials or let an attacker persist.
 * Matched against a path normalized by `normalizeForLookup`: slashes only,
 * lower case, `.`/`..` resolved.
 */
export interface SensitiveLocation {
  label: string;
  pattern: RegExp;
}

const sensitiveLocations: SensitiveLocation[] = [
  { label: 'SSH keys and configuration (.ssh)', pattern: /(?:^|\/)\.ssh(?:\/|$)/ },
  { label: 'SSH private key', pattern: /(?:^|\/)id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$/ },
  { label: 'SSH authorized_keys', pattern: /(?:^|\/)authorized_keys2?$/ },
  { label: 'environment file (.env)', pattern: /(?:^|\/)\.env(?:\.(?!example$|sample$|template$|dist$|defaults$)[\w.-]+)?$/ },
  { label: 'system account database', pattern: /(?:^|\/)etc\/(?:shadow|gshadow|passwd|master\.passwd|sudoers|security\/opasswd)-?$|(?:^|\/)etc\/sudoers\.d(?:\/|$)/ },
  { label: 'process environment (/proc)', pattern: /^\/proc\/(?:self|thread-self|\d+)\/(?:environ|mem|cmdline|maps)$/ },
  { label: 'AWS credentials', pattern: /(?:^|\/)\.aws\/(?:credentials|config|sso\/cache)(?:\/|$)/ },
  { label: 'Google Cloud credentials', pattern: /(?:^|\/)\.config\/gcloud(?:\/|$)|application_default_credentials\.json$/ },
  { label: 'Azure credentials', pattern: /(?:^|\/)\.azure\/(?:accesstokens\.json|msal_token_cache[\w.]*|azureprofile\.json|service_principal_entries\.json)$/ },
  { label: 'Kubernetes config', pattern: /(?:^|\/)\.kube\/config$/ },
  { label: 'Docker registry credentials', pattern: /(?:^|\/)\.docker\/config\.json$/ },
  { label: 'Git configuration or credentials', pattern: /(?:^|\/)\.git\/config$|(?:^|\/)\.git-credentials$/ },
  { label: 'package registry credentials', pattern: /(?:^|\/)\.(?:npmrc|yarnrc(?:\.yml)?|pypirc|gem\/credentials)$|(?:^|\/)\.cargo\/credentials(?:\.toml)?$/ },
  { label: 'netrc / database password file', pattern: /(?:^|\/)[._]netrc$|(?:^|\/)\.pgpass$|(?:^|\/)\.my\.cnf$|(?:^|\/)\.htpasswd$/ },
  { label: 'shell or REPL history', pattern: /(?:^|\/)\.(?:bash|zsh|sh|ash|python|mysql|psql|node_repl|sqlite)_history$|(?:^|\/)\.zhistory$/ },
  { label: 'GnuPG keyring', pattern: /(?:^|\/)\.gnupg(?:\/|$)/ },
  { label: 'secrets-tool token', pattern: /(?:^|\/)\.vault-token$|(?:^|\/)\.terraform\.d\/credentials\.tfrc\.json$|(?:^|\/)\.config\/gh\/hosts\.yml$/ },
  { label: 'MCP client configuration', pattern: /(?:^|\/)\.cursor\/mcp\.json$|(?:^|\/)claude_desktop_config\.json$|(?:^|\/)\.claude\.json$/ },
  { label: 'Windows credential store', pattern: /(?:^|\/)windows\/system32\/config\/(?:sam|system|security)$|(?:^|\/)ntds\.dit$/ },
  { label: 'macOS keychain', pattern: /(?:^|\/)library\/keychains(?:\/|$)/ },
];

/**
 * Every location above needs one of these inside one path segment, and
 * normalizing keeps segments whole (it drops `.`, `..` and empty ones, lower
 * cases, turns `\` into `/`): an ASCII path without any of them (in either
 * case) names none of the locations. Non-ASCII paths can gain ASCII letters
 * when lower-cased (the Kelvin sign becomes `k`), so they are always looked up.
 */
const locationKeyword = new RegExp(
  caseless(
    String.raw`\.ssh|id_|authorized_keys|\.env|shadow|passwd|sudoers|proc|\.aws|gcloud|credentials|\.azure|\.kube|\.docker|\.git|\.npmrc|\.yarnrc|\.pypirc|netrc|\.pgpass|\.my\.cnf|history|\.gnupg|\.vault-token|hosts\.yml|mcp\.json|claude|system32|ntds\.dit|keychains`,
  ),
);

/** Whether `path` may name a sensitive location: false only when `sensitiveLocationOf` would find none. */
export function mayNameSensitiveLocation(path: string): boolean {
  return !isAscii(path) || locationKeyword.test(path);
}

/** Slashes only, lower case, `.` and `..` resolved; a relative path that climbs past its start becomes absolute. */
export function normalizeForLookup(path: string): string {
  const slashed = path.replace(/\\/g, '/').toLowerCase();
  let absolute = slashed.startsWith('/');
  const segments: string[] = [];
  for (const segment of slashed.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') segments.push(segment);
    // Climbing above the start of a relative path is aimed at the filesystem root.
    else if (segments.length === 0) absolute = true;
    else segments.pop();
  }
  return (absolute ? '/' : '') + segments.join('/');
}

/** The label of the sensitive location `path` points at, if any. */
export function sensitiveLocationOf(path: string): string | undefined {
  const normalized = normalizeForLookup(path);
  return sensitiveLocations.find((location) => location.pattern.test(normalized))?.label;
}
