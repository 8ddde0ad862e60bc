import { join } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { WatchPlan } from './watch-plan.js';

export interface SourceWatcherOptions {
  /** Quiet time after the last change before `onChange` runs: one save often writes several times. */
  debounceMs: number;
  onChange(paths: string[]): void;
  onError(error: Error): void;
}

/**
 * Watches the sources of one policy and calls back once per burst of changes.
 * The plan can be replaced (a policy that starts extending another file): the
 * new watcher is ready before the old one closes, so no change falls between.
 */
export class SourceWatcher {
  private watcher: FSWatcher | undefined;
  private plan: WatchPlan | undefined;
  private changed = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: SourceWatcherOptions) {}

  async follow(plan: WatchPlan): Promise<void> {
    if (this.closed || plan.key === this.plan?.key) return;
    const previous = this.watcher;
    this.plan = plan;
    this.watcher = await this.open(plan);
    await previous?.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.watcher?.close();
  }

  private async open(plan: WatchPlan): Promise<FSWatcher> {
    const dirs = new Set(plan.dirs);
    const watcher = watch(plan.dirs, {
      ignoreInitial: true,
      // like the build worker, watching never keeps the process alive on its own
      persistent: false,
      depth: plan.depth,
      // folders are walked; of the files, only sources are watched
      ignored: (path, stats) => !dirs.has(path) && stats?.isFile() === true && !plan.isSource(path),
    });
    watcher.on('all', (_event, path) => {
      if (plan.isSource(path)) this.noteChange(path);
    });
    // chokidar drops a change that comes within 50 ms of the one before (a fix saved right
    // after a broken save): its raw events are not throttled, and the debounce merges both
    watcher.on('raw', (_event, name, details) => {
      const watched = (details as { watchedPath?: string } | undefined)?.watchedPath ?? '';
      const path = plan.isSource(watched) ? watched : join(watched, String(name ?? ''));
      if (plan.isSource(path)) this.noteChange(path);
    });
    watcher.on('error', (error) => this.options.onError(error as Error));
    await new Promise<void>((resolve) => watcher.once('ready', resolve));
    return watcher;
  }

  private noteChange(path: string): void {
    this.changed.add(path);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const paths = [...this.changed].sort();
      this.changed.clear();
      if (!this.closed) this.options.onChange(paths);
    }, this.options.debounceMs);
    this.timer.unref();
  }
}
