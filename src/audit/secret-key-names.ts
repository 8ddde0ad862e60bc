import { foldForMatching } from './normalize-text.js';

/**
 * Decides whether an argument's key names a credential, so its whole value is
 * redacted whatever it looks like. Keys are compared in a compact form
 * (folded, lowercase, letters and digits only), so "X-Api-Key", "apiKey" and
 * "API_KEY" are one name.
 */
const SECRET_SUFFIXES = [
  'password', 'passwords', 'passwd', 'passphrase', 'secret', 'secrets', 'token', 'apikey', 'privatekey',
  'accesskey', 'secretkey', 'signingkey', 'encryptionkey', 'credential', 'credentials', 'authorization',
  'cookie', 'sessionkey',
];
const SECRET_EXACT = ['auth', 'pass', 'otp', 'jwt', 'bearer', 'pin'];
// Opaque pagination cursors end in "token" but are not credentials.
const NOT_SECRET_SUFFIXES = ['pagetoken', 'nexttoken', 'continuationtoken', 'cursortoken', 'synctoken'];

export function compactKey(key: string): string {
  return foldForMatching(key).toLowerCase().replace(/[^a-z0-9]/g, '');
}

// Argument keys repeat from call to call; remember the built-in verdict for the most recent ones.
const builtInVerdicts = new Map<string, boolean>();
const MAX_REMEMBERED = 4096;

export function isSecretKeyName(key: string, extraNames: readonly string[] = []): boolean {
  if (extraNames.length === 0) {
    let verdict = builtInVerdicts.get(key);
    if (verdict === undefined) {
      verdict = classify(key, extraNames);
      if (builtInVerdicts.size >= MAX_REMEMBERED) builtInVerdicts.clear();
      builtInVerdicts.set(key, verdict);
    }
    return verdict;
  }
  return classify(key, extraNames);
}

function classify(key: string, extraNames: readonly string[]): boolean {
  const compact = compactKey(key);
  if (compact === '') return false;
  for (const extra of extraNames) {
    const name = compactKey(extra);
    if (name !== '' && compact.endsWith(name)) return true;
  }
  if (NOT_SECRET_SUFFIXES.some((suffix) => compact.endsWith(suffix))) return false;
  return SECRET_EXACT.includes(compact) || SECRET_SUFFIXES.some((suffix) => compact.endsWith(suffix));
}
