/**
 * Progress of a batch over a folder, on stderr: a bar (cli-progress) when the stream is a terminal, otherwise
 * one line per file (`[2/7] b.json ok` / `[3/7] c.json FAILED: …`), so logs and pipes stay readable.
 */
import { SingleBar } from 'cli-progress';
import { basename } from 'node:path';

export interface BatchProgress {
  /** A file is being processed (the bar shows its name). */
  start(file: string): void;
  /** A file is done; `error` is the failure message. */
  done(file: string, error?: string): void;
  /** Removes the timer of the bar; call once, also after failures. */
  stop(): void;
}

export type ProgressStream = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean };

export function createProgress(
  total: number,
  label: string,
  stream: ProgressStream = process.stderr,
): BatchProgress {
  if (stream.isTTY) {
    const bar = new SingleBar({
      stream: stream as NodeJS.WritableStream,
      format: `${label} [{bar}] {value}/{total} {file}`,
      barsize: 30,
      hideCursor: true,
      clearOnComplete: false,
      // Reports take seconds per file: redraw on every step, not only on the timer.
      synchronousUpdate: true,
    });
    bar.start(total, 0, { file: '' });
    let failed = 0;
    return {
      start: (file) => bar.update({ file: basename(file) }),
      done: (file, error) => {
        if (error) failed++;
        bar.increment(1, { file: failed ? `${basename(file)} (${failed} failed)` : basename(file) });
      },
      stop: () => bar.stop(),
    };
  }
  let n = 0;
  return {
    start: () => undefined,
    done: (file, error) => {
      n++;
      const first = error?.split('\n')[0];
      stream.write(`[${n}/${total}] ${basename(file)} ${error ? `FAILED: ${first}` : 'ok'}\n`);
    },
    stop: () => undefined,
  };
}
