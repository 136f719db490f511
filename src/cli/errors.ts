/** Errors of the CLI commands that `main` reports as `dtma: <message>` with exit code 1. */

/** A command failed for a reason the user can act on (bad input, missing tool, no scores yet …). */
export class CliCommandError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliCommandError';
  }
}

const MAX_LINES = 8;

/** A batch over a folder finished with some files failed: every failure, each naming its file. */
export class BatchFailedError extends CliCommandError {
  constructor(
    readonly failures: { file: string; message: string }[],
    readonly total: number,
  ) {
    super(
      [
        `${failures.length} of ${total} file(s) failed:`,
        ...failures.map((f) => {
          // A workbook can have hundreds of problems: the first lines per file, the rest counted.
          const lines = f.message.split('\n');
          const shown =
            lines.length > MAX_LINES
              ? [...lines.slice(0, MAX_LINES - 1), `  … ${lines.length - MAX_LINES + 1} more lines`]
              : lines;
          return `  ✗ ${f.message.includes(f.file) ? '' : `${f.file}: `}${shown.join('\n    ')}`;
        }),
      ].join('\n'),
    );
    this.name = 'BatchFailedError';
  }
}
