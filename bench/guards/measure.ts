export interface Timing {
  /** Median wall-clock milliseconds. */
  wall: number;
  /** Median CPU milliseconds of this process (user + system): less affected by other load on the machine. */
  cpu: number;
}

/** Medians of `runs` calls of `fn`, after `warmup` unmeasured calls; each call gets a fresh `prepare()`, made before its clock starts. */
export function measure<T>(fn: (input: T) => unknown, runs: number, warmup = 2, prepare: () => T = () => undefined as T): Timing {
  for (let i = 0; i < warmup; i++) fn(prepare());
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = prepare();
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    fn(input);
    walls.push(Number(process.hrtime.bigint() - start) / 1e6);
    const cpu = process.cpuUsage(cpuStart);
    cpus.push((cpu.user + cpu.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: median(walls), cpu: median(cpus) };
}

/** Median wall-clock milliseconds of `runs` calls of `fn`, after `warmup` unmeasured calls. */
export function medianMs(fn: () => unknown, runs: number, warmup = 2): number {
  return measure(fn, runs, warmup).wall;
}
