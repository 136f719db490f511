/** Errors of the CLI commands that `main` reports as `dtma: <message>` with exit code 1. */

/** A command failed for a reason the user can act on (bad input, missing tool, no scores yet …). */
export class CliCommandError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliCommandError';
  }
}

/** A batch over a folder finished with some files failed: every failure, each naming its file. */
export class BatchFailedError extends CliCommandError {
  constructor(
    readonly failures: { file: string; message: string }[],
    readonly total: number,
  ) {
    super(
      [
        `${failures.length} of ${total} file(s) failed:`,
        ...failures.map(
          (f) =>
            `  ✗ ${f.message.includes(f.file) ? '' : `${f.file}: `}${f.message.replace(/\n/g, '\n    ')}`,
        ),
      ].join('\n'),
    );
    this.name = 'BatchFailedError';
  }
}
