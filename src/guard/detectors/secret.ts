import { isSecretName, looksLikeSecretValue } from '../patterns/secrets/generic.js';
import { findSecrets } from '../patterns/secrets/index.js';
import type { ScannedString } from './scanned-string.js';

/**
 * Credentials: known key formats, PEM private keys, JWTs, secret-named
 * assignments, high-entropy tokens; also base64-wrapped, and any
 * credential-looking value under a secret-named field (`{"password": ...}`).
 */
export function detectSecret(scanned: ScannedString): string[] {
  const details = new Set<string>();
  for (const match of findSecrets(scanned.text)) details.add(`${match.kind}: ${match.label}`);
  for (const payload of scanned.base64Payloads) {
    for (const match of findSecrets(payload.text)) details.add(`${match.kind}: ${match.label} (base64-encoded)`);
  }
  const field = scanned.fieldName;
  if (!scanned.isKey && field !== undefined && isSecretName(field) && looksLikeSecretValue(scanned.text)) {
    details.add(`secret.assigned: credential in the secret-named field '${field.slice(0, 64)}'`);
  }
  return [...details];
}
