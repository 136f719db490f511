/**
 * A warm LibreOffice for document conversion: one headless `soffice` listening on a private pipe, driven over UNO
 * by a small Python bridge (system python3 with python3-uno, which Debian's LibreOffice brings). Starting
 * LibreOffice costs one to several seconds per conversion; the warm instance converts a report in about a second
 * and, unlike `soffice --convert-to`, updates the document's indexes (the table of contents gets its page
 * numbers) before exporting.
 *
 * Robustness
 * - One conversion at a time (LibreOffice is not re-entrant); callers queue.
 * - The bridge starts soffice itself in a process group of its own and kills the group (the `soffice` wrapper
 *   and `soffice.bin`) when its standard input closes — also when this process dies without cleaning up — or on
 *   SIGTERM; this process kills the group and the bridge on exit.
 * - A conversion that exceeds its time limit kills the bridge and soffice; the next conversion starts a fresh
 *   pair. A crashed soffice fails the conversion in progress and is restarted on the next one.
 * - Every instance has a private profile directory (removed on shutdown), so concurrent processes never share a
 *   profile lock.
 * - Without python3-uno (or with DTMA_LO_MODE=oneshot) conversions fall back to `soffice --convert-to` (pdf.ts):
 *   slower, and the table of contents keeps its entries without page numbers.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const BRIDGE = String.raw`
import json, os, signal, subprocess, sys, time, uuid
import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p

def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()

soffice, profile = sys.argv[1], sys.argv[2]
pipe = "dtma" + uuid.uuid4().hex
proc = subprocess.Popen(
    [soffice, "-env:UserInstallation=" + profile, "--headless", "--invisible", "--nologo", "--norestore",
     "--nodefault", "--nolockcheck", "--nofirststartwizard",
     "--accept=pipe,name=" + pipe + ";urp;StarOffice.ComponentContext"],
    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    start_new_session=True)

def stop(*_):
    # soffice is a wrapper that starts soffice.bin: kill the whole process group.
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except Exception:
        pass
    os._exit(0)

signal.signal(signal.SIGTERM, stop)
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
deadline = time.time() + float(sys.argv[3])
while True:
    try:
        ctx = resolver.resolve("uno:pipe,name=" + pipe + ";urp;StarOffice.ComponentContext")
        break
    except NoConnectException:
        if proc.poll() is not None or time.time() > deadline:
            emit({"ready": False, "error": "soffice did not accept connections"})
            stop()
        time.sleep(0.1)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
emit({"ready": True, "pid": proc.pid})
for line in sys.stdin:
    req = json.loads(line)
    try:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(req["input"]), "_blank", 0,
                                           (prop("Hidden", True), prop("UpdateDocMode", 1)))
        if doc is None:
            raise RuntimeError("LibreOffice could not open the document")
        try:
            if req.get("updateIndexes") and hasattr(doc, "getDocumentIndexes"):
                indexes = doc.getDocumentIndexes()
                for i in range(indexes.getCount()):
                    indexes.getByIndex(i).update()
                doc.getTextFields().refresh()
            doc.storeToURL(uno.systemPathToFileUrl(req["output"]), (prop("FilterName", req["filter"]),))
        finally:
            doc.close(True)
        emit({"id": req["id"], "ok": True})
    except Exception as e:
        emit({"id": req["id"], "ok": False, "error": str(e)})
        # soffice gone (killed, crashed): end the bridge too, the next conversion starts a fresh pair.
        if proc.poll() is not None or "dispos" in str(e).lower():
            stop()
stop()
`;

export class LibreOfficeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LibreOfficeError';
  }
}

let pythonCache: string | null | undefined;

/** A python3 that can `import uno` (DTMA_PYTHON_UNO, /usr/bin/python3, python3), or null. */
export function findPythonUno(): string | null {
  if (pythonCache !== undefined) return pythonCache;
  pythonCache = null;
  for (const c of [process.env.DTMA_PYTHON_UNO, '/usr/bin/python3', 'python3'].filter(
    (x): x is string => !!x,
  )) {
    const r = spawnSync(c, ['-c', 'import uno'], { timeout: 20_000 });
    if (r.status === 0) {
      pythonCache = c;
      break;
    }
  }
  return pythonCache;
}

export interface WarmConvertOptions {
  /** LibreOffice's export filter, e.g. writer_pdf_Export, calc_pdf_Export. */
  filter: string;
  /** Update indexes (table of contents) and fields before exporting. */
  updateIndexes?: boolean;
  /** Default 120 s; the first conversion also waits for soffice to start. */
  timeoutMs?: number;
}

interface Pending {
  resolve: () => void;
  reject: (e: Error) => void;
}

/** One warm soffice behind a Python UNO bridge; conversions run one at a time. */
export class LibreOfficeServer {
  private child: ChildProcess | undefined;
  private sofficePid: number | undefined;
  private starting: Promise<void> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private buffer = '';
  private readonly dir: string;
  private onExit = () => this.killNow();
  /** Conversions done and restarts, for the bench and the tests. */
  readonly stats = { conversions: 0, starts: 0 };

  constructor(
    private readonly soffice: string,
    private readonly python: string,
    private readonly startTimeoutMs = 90_000,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'dtma-lo-warm-'));
    process.once('exit', this.onExit);
  }

  /** Process group of the running soffice (undefined when none). */
  get pid(): number | undefined {
    return this.child ? this.sofficePid : undefined;
  }

  convert(input: Uint8Array, fromExt: string, outExt: string, options: WarmConvertOptions): Promise<Buffer> {
    const job = this.queue.then(() => this.run(input, fromExt, outExt, options));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private start(): Promise<void> {
    if (this.starting) return this.starting;
    const profile = join(this.dir, `profile-${this.stats.starts}`);
    mkdirSync(profile, { recursive: true });
    this.stats.starts++;
    const child = spawn(
      this.python,
      ['-c', BRIDGE, this.soffice, pathToFileURL(profile).href, String(this.startTimeoutMs / 1000)],
      { stdio: ['pipe', 'pipe', 'ignore'] },
    );
    this.child = child;
    this.buffer = '';
    this.starting = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.killNow();
        reject(new LibreOfficeError(`LibreOffice did not start within ${this.startTimeoutMs} ms`));
      }, this.startTimeoutMs + 5000);
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (chunk: string) => {
        this.buffer += chunk;
        let nl: number;
        while ((nl = this.buffer.indexOf('\n')) >= 0) {
          const line = this.buffer.slice(0, nl);
          this.buffer = this.buffer.slice(nl + 1);
          let msg: { ready?: boolean; pid?: number; id?: number; ok?: boolean; error?: string };
          try {
            msg = JSON.parse(line) as typeof msg;
          } catch {
            continue;
          }
          if (msg.ready !== undefined) {
            clearTimeout(timer);
            if (msg.ready) {
              this.sofficePid = msg.pid;
              resolve();
            } else reject(new LibreOfficeError(`LibreOffice did not start: ${msg.error ?? ''}`));
          } else if (msg.id !== undefined) {
            const p = this.pending.get(msg.id);
            this.pending.delete(msg.id);
            if (msg.ok) p?.resolve();
            else {
              // soffice is gone (the bridge ends too): forget this pair now, so the next conversion starts anew.
              if (/dispos/i.test(msg.error ?? '')) this.killNow();
              p?.reject(
                new LibreOfficeError(`LibreOffice could not convert the document: ${msg.error ?? ''}`),
              );
            }
          }
        }
      });
      child.on('exit', () => {
        clearTimeout(timer);
        if (this.child === child) {
          this.child = undefined;
          this.starting = undefined;
        }
        reject(new LibreOfficeError('LibreOffice stopped while starting'));
        for (const p of this.pending.values())
          p.reject(new LibreOfficeError('LibreOffice stopped during the conversion'));
        this.pending.clear();
      });
      child.on('error', (e) => reject(new LibreOfficeError(`cannot run ${this.python}: ${e.message}`)));
    });
    this.starting.catch(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async run(
    input: Uint8Array,
    fromExt: string,
    outExt: string,
    options: WarmConvertOptions,
  ): Promise<Buffer> {
    const timeoutMs = options.timeoutMs ?? 120_000;
    this.refChild(true);
    try {
      await this.start();
      const id = this.nextId++;
      const inPath = join(this.dir, `in-${id}.${fromExt.replace(/^\./, '')}`);
      const outPath = join(this.dir, `out-${id}.${outExt}`);
      writeFileSync(inPath, input);
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            this.pending.delete(id);
            this.killNow();
            reject(new LibreOfficeError(`LibreOffice did not finish converting within ${timeoutMs} ms`));
          }, timeoutMs);
          this.pending.set(id, {
            resolve: () => (clearTimeout(timer), resolve()),
            reject: (e) => (clearTimeout(timer), reject(e)),
          });
          this.child!.stdin!.write(
            JSON.stringify({
              id,
              input: inPath,
              output: outPath,
              filter: options.filter,
              updateIndexes: options.updateIndexes ?? false,
            }) + '\n',
          );
        });
        this.stats.conversions++;
        return readFileSync(outPath);
      } finally {
        rmSync(inPath, { force: true });
        rmSync(outPath, { force: true });
      }
    } finally {
      this.refChild(false);
    }
  }

  /** While a conversion runs the child keeps the process alive; idle, it does not. */
  private refChild(on: boolean): void {
    const c = this.child;
    if (!c) return;
    const out = c.stdout as unknown as { ref?: () => void; unref?: () => void };
    const inp = c.stdin as unknown as { ref?: () => void; unref?: () => void };
    if (on) {
      c.ref();
      out.ref?.();
      inp.ref?.();
    } else {
      c.unref();
      out.unref?.();
      inp.unref?.();
    }
  }

  /** Kills the bridge and soffice at once (also on process exit). */
  killNow(): void {
    const c = this.child;
    this.child = undefined;
    this.starting = undefined;
    if (this.sofficePid) {
      try {
        // The process group of soffice (the bridge starts it in a new session): wrapper and soffice.bin.
        process.kill(-this.sofficePid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    this.sofficePid = undefined;
    if (c && c.exitCode === null) c.kill('SIGKILL');
  }

  /** Stops soffice and removes the profile. */
  async shutdown(): Promise<void> {
    await this.queue;
    const c = this.child;
    if (c && c.exitCode === null) {
      const exited = new Promise<void>((r) => c.once('exit', () => r()));
      c.stdin!.end();
      const t = setTimeout(() => this.killNow(), 10_000);
      await exited;
      clearTimeout(t);
    }
    this.killNow();
    process.removeListener('exit', this.onExit);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
