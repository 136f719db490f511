/**
 * The load generator of BENCH=load, a process of its own (autocannon, programmatic): `connections` keep-alive
 * clients for `durationSec`. Against dtma the requests are the score writes of signed-in experts, in turn (as many
 * experts as clients), each on its own sheet, requirement after requirement, with the expected version last seen
 * (the sheets are read first; a 409 would teach the stored version). Against the bare route each request is one insert. Prints the result as one JSON line.
 *
 *   node --import tsx bench/load-client.ts <config.json>
 */
import fs from 'node:fs';
import autocannon from 'autocannon';

interface Writer {
  cookie: string;
  csrf: string;
  assessmentId: string;
  requirementIds: string[];
}
interface Config {
  url: string;
  connections: number;
  durationSec: number;
  /** dtma: one writer per connection; absent: the bare route. */
  writers?: Writer[];
}
interface Ctx {
  w?: number;
  n?: number;
  rid?: string;
}

const config = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as Config;
const writers = config.writers ?? [];
const known: Record<string, number>[] = [];
for (const w of writers) {
  const r = await fetch(`${config.url}/api/assessments/${w.assessmentId}/scores/mine`, {
    headers: { cookie: w.cookie },
  });
  const sheet = (await r.json()) as { scores: Record<string, { version: number }> };
  known.push(Object.fromEntries(Object.entries(sheet.scores).map(([k, v]) => [k, v.version])));
}
let next = 0;
const cursor: number[] = [];
const statuses: Record<string, number> = {};
let sample = '';

const instance = autocannon({
  url: config.url,
  connections: config.connections,
  duration: config.durationSec,
  requests: [
    {
      setupRequest: (req: autocannon.Request, context: Ctx) => {
        if (!writers.length) {
          context.n = (context.n ?? 0) + 1;
          return {
            ...req,
            method: 'PUT',
            path: `/bare/e${next++ % 100000}/r${context.n}`,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ value: '1', note: '依据现场证据', expectedVersion: 0 }),
          };
        }
        // autocannon resets a connection's context before each request of a one-request list, so the state lives
        // here: requests go to the experts in turn, each expert writes its requirements in order.
        const wi = (context.w = next++ % writers.length);
        const w = writers[wi]!;
        const n = (cursor[wi] = (cursor[wi] ?? 0) + 1);
        const rid = w.requirementIds[n % w.requirementIds.length]!;
        context.rid = rid;
        return {
          ...req,
          method: 'PUT',
          path: `/api/assessments/${w.assessmentId}/scores/mine/${encodeURIComponent(rid)}`,
          headers: { cookie: w.cookie, 'x-csrf-token': w.csrf, 'content-type': 'application/json' },
          body: JSON.stringify({
            value: n % 2 ? '0.8' : '1',
            note: '依据现场查证的制度文件与系统记录',
            expectedVersion: known[wi]![rid] ?? 0,
          }),
        };
      },
      onResponse: (status: number, body: string, context: Ctx) => {
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 300 && !sample) sample = body.slice(0, 300);
        if (!writers.length || !context.rid) return;
        try {
          const j = JSON.parse(body) as { version?: number; error?: { current?: { version?: number } } };
          const v = status === 200 ? j.version : j.error?.current?.version;
          if (typeof v === 'number') known[context.w!]![context.rid] = v;
        } catch {
          /* not JSON: counted as an error by its status */
        }
      },
    },
  ],
} as autocannon.Options);

const result = await instance;
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statuses,
    sample,
  }) + '\n',
);
