/**
 * Test helper: a real SMTP server (smtp-server) that keeps every message it receives, parsed with mailparser.
 * It listens on the first free port of `DTMA_TEST_SMTP_PORTS` (default 4300–4399: the range of these tests).
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
  url: string;
  port: number;
  messages: ParsedMail[];
  /** Waits until at least `n` messages arrived (polling), failing after `ms`. */
  waitFor(n: number, ms?: number): Promise<ParsedMail[]>;
  /** Waits for the first message that `match`es (polling), failing after `ms` with the subjects received. */
  waitForMail(match: (m: ParsedMail) => boolean, ms?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

function portRange(): [number, number] {
  const m = /^(\d+)-(\d+)$/.exec(process.env.DTMA_TEST_SMTP_PORTS ?? '');
  return m ? [Number(m[1]), Number(m[2])] : [4300, 4399];
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const [lo, hi] = portRange();
  const start = lo + Math.floor(Math.random() * (hi - lo + 1));
  let port = -1;
  for (let i = 0; i <= hi - lo && port < 0; i++) {
    const candidate = lo + ((start - lo + i) % (hi - lo + 1));
    port = await new Promise<number>((resolve) => {
      const onError = () => resolve(-1);
      server.server.once('error', onError);
      server.listen(candidate, '127.0.0.1', () => {
        server.server.off('error', onError);
        resolve(candidate);
      });
    });
  }
  if (port < 0) throw new Error(`no free port in ${lo}–${hi} for the test SMTP server`);
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    async waitFor(n, ms = 20_000) {
      const until = Date.now() + ms;
      while (messages.length < n) {
        if (Date.now() > until) throw new Error(`${messages.length} of ${n} e-mails within ${ms} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return messages;
    },
    async waitForMail(match, ms = 60_000) {
      const until = Date.now() + ms;
      for (;;) {
        const m = messages.find(match);
        if (m) return m;
        if (Date.now() > until)
          throw new Error(
            `no matching e-mail within ${ms} ms; got: ${messages.map((x) => x.subject).join(' | ')}`,
          );
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
