import { fromStoredObject, type StoredEvent } from './event-format.js';
import { readLogLines } from './read-log-lines.js';

export interface LocatedEvent extends StoredEvent {
  file: string;
  line: number;
}

/**
 * Every event in the given files, in order, for reports. Lines that are not
 * events are counted in `skipped` rather than stopping the report; whether the
 * log is intact is what `audit verify` answers.
 */
export async function* readAuditEvents(files: string[], skipped: { count: number } = { count: 0 }): AsyncGenerator<LocatedEvent> {
  for (const file of files) {
    for await (const line of readLogLines(file)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line.text);
      } catch {
        skipped.count++;
        continue;
      }
      const event = fromStoredObject(parsed);
      if (typeof event === 'string') {
        skipped.count++;
        continue;
      }
      yield { ...event, file, line: line.line };
    }
  }
}
