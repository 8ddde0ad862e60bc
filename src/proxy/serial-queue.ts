/**
 * Handles items one at a time, in arrival order. A handler that finishes
 * synchronously costs no promise; an asynchronous one holds back later items
 * until it settles, so messages never overtake each other.
 */
export class SerialQueue<T> {
  private readonly waiting: T[] = [];
  private head = 0;
  private running: Promise<void> | undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly handle: (item: T) => void | Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  push(item: T): void {
    if (this.running !== undefined) {
      this.waiting.push(item);
      return;
    }
    this.run(item);
    this.drain();
  }

  /** Resolves when every item pushed so far has been handled. */
  idle(): Promise<void> {
    if (this.running === undefined) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private run(item: T): void {
    let outcome: void | Promise<void>;
    try {
      outcome = this.handle(item);
    } catch (error) {
      this.onError(error);
      return;
    }
    if (outcome instanceof Promise) {
      this.running = outcome.then(
        () => this.settled(),
        (error: unknown) => {
          this.onError(error);
          this.settled();
        },
      );
    }
  }

  private settled(): void {
    this.running = undefined;
    this.drain();
  }

  private drain(): void {
    while (this.running === undefined && this.head < this.waiting.length) {
      const item = this.waiting[this.head] as T;
      this.waiting[this.head++] = undefined as T;
      this.run(item);
    }
    if (this.head === this.waiting.length) {
      this.waiting.length = 0;
      this.head = 0;
    }
    if (this.running === undefined && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
