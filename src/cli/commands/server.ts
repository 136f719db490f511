/**
 * `dtma serve`, `dtma db migrate`, `dtma backup`, `dtma restore`, `dtma audit verify`.
 * The database is `DATABASE_URL` (postgres://… for PostgreSQL), default the SQLite file ./data/dtma.sqlite;
 * evidence files live in `DTMA_EVIDENCE_DIR` (default ./data/evidence).
 */

// The composition root and the operator use cases are imported inside the commands: `dtma model list` and
// `dtma score` (which load this module for CommandError) must not pay for Fastify, Kysely and the database drivers.
const composition = () => import('../../server.js');
const operatorUseCases = () => import('../../service/operator.js');

export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

export interface ServeOptions {
  port?: string;
  host?: string;
  /** Seconds in-flight requests get to finish after SIGTERM/SIGINT (default 10). */
  shutdownGrace?: string;
  /** Seed the demo data (documented passwords) on an empty database. */
  demo?: boolean;
}

/** `dtma serve`: listens until SIGTERM/SIGINT, then stops gracefully and exits (see serve in src/server.ts). */
export async function serve(options: ServeOptions, print: (t: string) => void): Promise<void> {
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && (!/^[0-9]+$/.test(options.port!) || port > 65535))
    throw new CommandError(`--port: "${options.port}" is not a port number 0–65535`);
  const graceSeconds = Number(options.shutdownGrace ?? '10');
  if (!/^[0-9]+(\.[0-9]+)?$/.test(options.shutdownGrace ?? '10'))
    throw new CommandError(`--shutdown-grace: "${options.shutdownGrace}" is not a number of seconds`);
  const { serve: serveApp } = await composition();
  try {
    await serveApp({
      ...(port !== undefined ? { port } : {}),
      ...(options.host ? { host: options.host } : {}),
      print,
      shutdownGraceMs: graceSeconds * 1000,
      demo: options.demo === true,
    });
  } catch (error) {
    if (error instanceof (await operatorUseCases()).OperatorError) throw new CommandError(error.message);
    const e = error as NodeJS.ErrnoException & { address?: string; port?: number };
    const where = e.address !== undefined ? `${e.address}:${e.port}` : 'the address';
    if (e.code === 'EADDRINUSE') throw new CommandError(`${where} is already in use`);
    if (e.code === 'EACCES') throw new CommandError(`no permission to listen on ${where}`);
    throw error;
  }
}

/** Runs an operator use case; its problems become command errors (printed, exit 1). */
async function operator<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof (await operatorUseCases()).OperatorError) throw new CommandError(error.message);
    throw error;
  }
}

export async function dbMigrate(print: (t: string) => void): Promise<void> {
  const { migrateDatabase } = await operatorUseCases();
  const applied = await operator(migrateDatabase);
  print(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
}

export async function backup(file: string, print: (t: string) => void): Promise<void> {
  const { backupDatabase } = await operatorUseCases();
  const r = await operator(() => backupDatabase(file));
  print(`backup written: ${r.file} (${r.bytes} bytes, sha256 ${r.sha256})`);
}

export async function restore(file: string, print: (t: string) => void): Promise<void> {
  const { restoreDatabase } = await operatorUseCases();
  const r = await operator(() => restoreDatabase(file));
  print(`restored ${file} into ${r.target}${r.previous ? ` (previous database kept as ${r.previous})` : ''}`);
}

export async function auditVerify(print: (t: string) => void): Promise<void> {
  const { verifyAudit } = await operatorUseCases();
  const r = await operator(verifyAudit);
  if (!r.ok) throw new CommandError(`audit chain BROKEN at seq ${r.seq ?? '?'}: ${r.reason}`);
  print(`audit chain ok: ${r.count} rows, head hash ${r.headHash}`);
}

/**
 * `dtma user create-admin --email … [--name …]`: the platform administrator of a new installation. The password:
 * DTMA_ADMIN_PASSWORD when set (scripts), else asked for twice on a terminal, else generated and printed once.
 * It must pass the platform's password rules (length, strength estimate).
 */
export async function createAdmin(
  options: { email: string; name?: string },
  print: (t: string) => void,
  io: { env?: NodeJS.ProcessEnv; ask?: (question: string) => Promise<string> } = {},
): Promise<void> {
  const setup = await import('../../service/setup.js');
  const env = io.env ?? process.env;
  let password = env.DTMA_ADMIN_PASSWORD;
  let generated = false;
  if (password === undefined || password === '') {
    const ask = io.ask ?? (process.stdin.isTTY ? askHidden : undefined);
    if (ask) {
      password = await ask('新密码 / new password: ');
      if ((await ask('再次输入 / again: ')) !== password) throw new CommandError('the two passwords differ');
    } else {
      password = setup.generatePassword();
      generated = true;
    }
  }
  const created = await operator(() =>
    setup.createAdminInDatabase({
      email: options.email,
      password: password,
      ...(options.name !== undefined ? { name: options.name } : {}),
    }),
  );
  print(`平台管理员已创建 / platform administrator created: ${created.email} (database ${created.location})`);
  if (generated)
    print(
      `初始密码（仅显示这一次）/ initial password (shown once, change it after the first login): ${password}`,
    );
}

/** Reads a line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let text = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new CommandError('cancelled'));
        if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else text += ch;
      }
    };
    stdin.on('data', onData);
  });
}
