import { LRUCache } from 'lru-cache';

/**
 * A bounded, process-wide cache of compiled patterns (regexes, globs), so a
 * pattern is compiled once per process rather than on every evaluation.
 * Failures are not cached: they are rare and raise an error each time.
 */
export function compiledCache<T extends object>(compile: (source: string) => T, max = 1000): (source: string) => T {
  const cache = new LRUCache<string, T>({ max });
  return (source) => {
    let compiled = cache.get(source);
    if (compiled === undefined) {
      compiled = compile(source);
      cache.set(source, compiled);
    }
    return compiled;
  };
}
