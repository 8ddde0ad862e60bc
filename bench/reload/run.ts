/**
 * Hot reload latency: the time from writing a changed policy file to the
 * first call decided by the new revision, for each built-in profile, through
 * watchPolicy with builds on a worker thread (the default) and on the main
 * thread, and through a running `toolgate protect` with a real server.
 *
 *   npm run build   (for the protect rows)
 *   node --import tsx bench/reload/run.ts [--quick] [--reloads N] [--no-protect]
 */
import { loadavg } from 'node:os';
import { PROFILES } from '../../src/policy/dialect/index.js';
import { DEFAULT_DEBOUNCE_MS } from '../../src/policy/reload/index.js';
import { libraryReloads, type LibrarySample } from './library-reloads.js';
import { protectReloads } from './protect-reloads.js';
import { median, percentile } from './stats.js';

const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};
const reloads = Number(argument('--reloads') ?? (process.argv.includes('--quick') ? 5 : 20));
const withProtect = !process.argv.includes('--no-protect');

const ms = (value: number) => value.toFixed(0).padStart(7);
const share = (part: number[], whole: number[]) => `${Math.round((100 * part.reduce((a, b) => a + b, 0)) / whole.reduce((a, b) => a + b, 0))}%`.padStart(12);

function libraryTable(title: string, rows: Array<[string, LibrarySample[]]>): void {
  console.log(`\n${title}`);
  console.log('profile        median ms  p90 ms   build median  build share  rebuild median  longest call stall (median)');
  for (const [profile, samples] of rows) {
    const latency = samples.map((s) => s.latencyMs);
    const build = samples.map((s) => s.buildMs);
    console.log(
      `${profile.padEnd(12)} ${ms(median(latency))}    ${ms(percentile(latency, 90))}   ${ms(median(build))}      ${share(build, latency)}   ${ms(median(samples.map((s) => s.rebuildMs)))}         ${ms(median(samples.map((s) => s.stallMs)))}`,
    );
  }
}

console.log(`reload latency: write of a changed policy file -> first call decided by the new revision`);
console.log(`${reloads} reloads per profile after one warm-up; debounce ${DEFAULT_DEBOUNCE_MS} ms; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on this machine`);

const worker: Array<[string, LibrarySample[]]> = [];
const main: Array<[string, LibrarySample[]]> = [];
for (const profile of PROFILES) {
  // interleaved per profile, so machine noise hits both alike
  worker.push([profile, await libraryReloads(profile, reloads, 'worker', DEFAULT_DEBOUNCE_MS)]);
  main.push([profile, await libraryReloads(profile, reloads, 'main', DEFAULT_DEBOUNCE_MS)]);
}
libraryTable('watchPolicy, build on a worker thread (default):', worker);
libraryTable('watchPolicy, build on the main thread (for comparison: calls wait while it compiles):', main);

if (withProtect) {
  console.log('\nrunning toolgate protect (dist) with server-everything, SDK client over stdio:');
  console.log('profile        median ms  p90 ms   rebuild median  rebuild share  first reload ms (3 s after start)');
  for (const profile of PROFILES) {
    const { firstMs, samples } = await protectReloads(profile, reloads);
    const latency = samples.map((s) => s.latencyMs);
    const rebuild = samples.map((s) => s.rebuildMs);
    console.log(`${profile.padEnd(12)} ${ms(median(latency))}    ${ms(percentile(latency, 90))}   ${ms(median(rebuild))}        ${share(rebuild, latency)}  ${ms(firstMs)}`);
  }
}
console.log('\nbuild: reading, compiling and building the bundle; rebuild: build + instantiation up to the swap; the rest is the debounce, file events and the next call.');
