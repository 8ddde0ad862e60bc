/** Tokens compare against 1 with this slack, so float refill arithmetic never leaves a bucket at 0.9999999. */
const epsilon = 1e-9;

/**
 * A token bucket with continuous refill: `capacity` tokens, refilled at
 * `capacity / perSeconds` tokens per second, starting full. Time is passed in
 * (milliseconds), so the owner decides what the clock is.
 */
export class TokenBucket {
  capacity: number;
  perSeconds: number;
  tokens: number;
  updatedAt: number;

  constructor(capacity: number, perSeconds: number, now: number) {
    this.capacity = capacity;
    this.perSeconds = perSeconds;
    this.tokens = capacity;
    this.updatedAt = now;
  }

  get refillPerSecond(): number {
    return this.capacity / this.perSeconds;
  }

  /** Adds what has dripped in since the last update; a clock that goes backwards adds nothing. */
  refill(now: number): void {
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.refillPerSecond);
      this.updatedAt = now;
    }
  }

  /** Takes new limits (a policy reload), keeping the tokens it has up to the new capacity. */
  reconfigure(capacity: number, perSeconds: number, now: number): void {
    if (capacity === this.capacity && perSeconds === this.perSeconds) return;
    this.refill(now);
    this.capacity = capacity;
    this.perSeconds = perSeconds;
    this.tokens = Math.min(this.tokens, capacity);
  }

  hasToken(): boolean {
    return this.tokens >= 1 - epsilon;
  }

  take(): void {
    this.tokens = Math.max(0, this.tokens - 1);
  }

  /** Seconds until one token is available (0 when one already is). */
  secondsUntilToken(): number {
    return this.hasToken() ? 0 : (1 - this.tokens) / this.refillPerSecond;
  }

  isFull(): boolean {
    return this.tokens >= this.capacity - epsilon;
  }
}
