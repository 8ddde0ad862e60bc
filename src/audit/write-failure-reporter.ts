import { describeIoError } from './audit-errors.js';

/** What a streak of failed writes cost, told when writing works again. */
export interface FailureStreak {
  lostEvents: number;
  sinceMillis: number;
  lastError: string;
}

/**
 * Reports write failures loudly but once per streak (a full disk would
 * otherwise print a line per tool call), and reports the recovery with the
 * number of events that were not recorded.
 */
export class WriteFailureReporter {
  private streak?: FailureStreak;

  constructor(
    private readonly target: string,
    private readonly required: boolean,
    private readonly warn: (message: string) => void,
  ) {}

  /** The running streak, if writes are failing. */
  get current(): Readonly<FailureStreak> | undefined {
    return this.streak;
  }

  failed(error: unknown, lostEvents: number, nowMillis: number): void {
    const reason = describeIoError(error);
    if (this.streak === undefined) {
      this.streak = { lostEvents: 0, sinceMillis: nowMillis, lastError: reason };
      this.warn(
        this.required
          ? `toolgate: AUDIT LOG NOT WRITABLE: ${this.target}: ${reason}. Tool calls are BLOCKED because the audit log is required (--audit-required) until it can be written again.`
          : `toolgate: AUDIT LOG NOT WRITABLE: ${this.target}: ${reason}. Tool calls continue WITHOUT an audit trail (use --audit-required to block them instead). This is reported once until writing works again.`,
      );
    }
    this.streak.lostEvents += lostEvents;
    this.streak.lastError = reason;
  }

  /** Ends a streak, if one is running, and returns what it cost. */
  recovered(): FailureStreak | undefined {
    const streak = this.streak;
    if (streak === undefined) return undefined;
    this.streak = undefined;
    this.warn(`toolgate: audit log ${this.target} is writable again; ${streak.lostEvents} event(s) were not recorded (an audit.gap event marks the hole)`);
    return streak;
  }
}
