/** A policy with a version number in every decision, for telling revisions apart in reload tests. */

/** Version n allows echo when n is even; odd versions deny it with a reason naming the version. */
export function versionedPolicy(version: number): string {
  const action = version % 2 === 0 ? 'allow' : 'deny';
  return `version: "1.0"\ndefault_action: deny\nrules:\n  - id: echo-v${version}\n    tool: echo\n    action: ${action}\n    reason: "echo is off in version ${version}"\n`;
}

/** The same policy with a schema error at 6:13 (`action: dney`). */
export function brokenPolicy(version: number): string {
  return versionedPolicy(version).replace(/ {4}action: \w+/, '    action: dney');
}

export const BROKEN_POLICY_ERROR = /policy\.yaml:6:13: policy_schema_error: rules\[0\]\.action must be one of "allow", "deny", got "dney"\n {6}action: dney\n {14}\^/;

type Answer = { content?: Array<{ type: string; text?: string }>; isError?: boolean };

/** What an echo answer shows: allowed (an even version), or denied by a named odd version. Anything else is a failed call. */
export function echoAnswer(answer: unknown): { allowed: true } | { allowed: false; version: number } {
  const { content, isError } = answer as Answer;
  const text = content?.[0]?.text ?? '';
  if (isError !== true && text.startsWith('Echo: ')) return { allowed: true };
  const denied = /^Blocked by toolgate policy: echo is off in version (\d+)$/.exec(text);
  if (isError === true && denied) return { allowed: false, version: Number(denied[1]) };
  throw new Error(`a call failed: ${JSON.stringify(answer)}`);
}

/** Whether an answer is what `version` decides. */
export function decidedBy(answer: ReturnType<typeof echoAnswer>, version: number): boolean {
  return version % 2 === 0 ? answer.allowed : !answer.allowed && answer.version === version;
}

/**
 * `callers` clients calling echo back to back until `stop()`: no call may fail
 * and no even version may deny. `betweenCalls` runs after each call (an
 * in-process proxy lets timers and file events run there).
 */
export function echoLoad(
  echo: (message: string) => Promise<ReturnType<typeof echoAnswer>>,
  callers: number,
  betweenCalls: () => Promise<unknown> = async () => undefined,
): { stop(): Promise<{ calls: number; errors: unknown[] }> } {
  let stopped = false;
  let calls = 0;
  const errors: unknown[] = [];
  const running = Array.from({ length: callers }, async (_, caller) => {
    while (!stopped) {
      try {
        const answer = await echo(`load ${caller}`);
        if (!answer.allowed && answer.version % 2 === 0) throw new Error(`an even version denied echo: ${answer.version}`);
        calls++;
        await betweenCalls();
      } catch (error) {
        errors.push(error);
        return;
      }
    }
  });
  return {
    async stop() {
      stopped = true;
      await Promise.all(running);
      return { calls, errors };
    },
  };
}
