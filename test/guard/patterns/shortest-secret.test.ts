import { describe, expect, it } from 'vitest';
import { findSecrets } from '../../../src/guard/patterns/secrets/index.js';

describe('the shortest texts holding a credential', () => {
  it('are still found at eight characters (a password in a URL)', () => {
    expect(findSecrets('a://b:c@').map((m) => m.kind)).toEqual(['secret.url_password']);
    expect(findSecrets('x=1 a://b:c@').map((m) => m.kind)).toEqual(['secret.url_password']);
  });

  it('need a name and eight characters when assigned', () => {
    expect(findSecrets('pwd=aB3$xY9!').map((m) => m.kind)).toEqual(['secret.assigned']);
    expect(findSecrets('pwd=aB3$x')).toEqual([]);
  });
});
