import type { PiiKind } from '../../kinds.js';
import type { TextMatcher } from '../text-match.js';
import { findCardNumbers } from './card.js';
import { findEmails } from './email.js';
import { findIbans } from './iban.js';
import { findPhoneNumbers } from './phone.js';
import { findSsns } from './ssn.js';

export const piiMatchers: Record<PiiKind, TextMatcher> = {
  'pii.email': findEmails,
  'pii.phone': findPhoneNumbers,
  'pii.ssn': findSsns,
  'pii.card': findCardNumbers,
  'pii.iban': findIbans,
};
