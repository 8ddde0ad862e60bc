/**
 * The tests could not be run at all: a module or policy that does not compile, an
 * invalid test file, a missing path, a bad `--run` regex. The CLI exits 2.
 */
export class TestSetupError extends Error {
  /** Each problem, already formatted (positioned, with the source line and a caret when known). */
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'TestSetupError';
    this.problems = problems;
  }
}
