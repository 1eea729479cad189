/**
 * The WAL checkpointer's worker: opens its own connection to the database file, watches the
 * WAL-index header and checkpoints (PASSIVE) when enough pages wait, and runs reads aside for the
 * server. `wal_checkpointer.ts` starts it from this function's text (a `blob:` URL), so a
 * bundled or compiled server needs no separate file.
 *
 * @module
 */

/**
 * The worker's code. It runs in the worker only (made into a module from its text), so it
 * imports what it needs itself and uses nothing from this module's scope.
 */
export function checkpointWorker(): void {
  const scope = self as unknown as {
    onmessage: ((event: MessageEvent) => void) | null;
    postMessage(message: unknown, options?: { transfer: Transferable[] }): void;
    close(): void;
  };
  let db: {
    exec(sql: string): void;
    prepare(sql: string): { get(...params: unknown[]): unknown };
    close(): void;
  };
  let opened: Promise<void> = Promise.resolve();
  let version: unknown = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let shm: Deno.FsFile | null = null;
  const header = new Uint8Array(100);
  /**
   * Pages in the WAL not yet in the database file, from the WAL-index header
   * (https://sqlite.org/walformat.html: mxFrame at byte 16, nBackfill at byte 96, native byte
   * order), read without a lock: a torn read only moves a checkpoint by one look. Null when the
   * file cannot be read.
   */
  const waiting = (path: string): number | null => {
    try {
      shm ??= Deno.openSync(`${path}-shm`, { read: true });
      if (shm.readSync(header.fill(0)) === null) return null;
      shm.seekSync(0, Deno.SeekMode.Start);
      const view = new DataView(header.buffer);
      const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
      return Math.max(0, view.getUint32(16, little) - view.getUint32(96, little));
    } catch {
      shm = null;
      return null;
    }
  };
  const checkpoint = (id: number) => {
    try {
      const result = db.prepare("PRAGMA wal_checkpoint(PASSIVE)").get();
      scope.postMessage({ kind: "checkpointed", id, result });
    } catch (error) {
      scope.postMessage({ kind: "failed", id, message: String(error) });
    }
  };
  /** Derivations by source text, made into functions once. */
  const derivations = new Map<
    string,
    (rows: unknown[]) => { value: unknown; transfer: ArrayBuffer[] }
  >();
  /** Each BLOB's buffer among `rows`' values. */
  const blobs = (rows: unknown[]): Set<ArrayBuffer> => {
    const buffers = new Set<ArrayBuffer>();
    for (const row of rows) {
      for (const value of Object.values(row ?? {})) {
        if (value instanceof Uint8Array) buffers.add(value.buffer as ArrayBuffer);
      }
    }
    return buffers;
  };
  /**
   * Runs read-only statements in one read transaction (one snapshot) and posts each one's first
   * row, and what `derive` (a function's source) makes of them; their BLOBs' buffers and the
   * derived value's are transferred, not copied. With `early` (the columns whose BLOBs
   * `derive` reads), the rows are posted first ("rows") without those columns, before `derive`
   * runs, and those columns with the derived value after: no BLOB is copied, and `derive` must
   * read no other (theirs are gone by then).
   */
  const read = (
    id: number,
    statements: Array<{ sql: string; params: unknown[] }>,
    options: { derive?: string; early?: string[] },
  ) => {
    const { derive } = options;
    try {
      db.exec("BEGIN");
      let rows: unknown[];
      try {
        rows = statements.map(({ sql, params }) => db.prepare(sql).get(...params));
      } finally {
        db.exec("COMMIT");
      }
      const kept = options.early;
      // The columns `derive` reads, or the others (posted before it runs), of each row.
      const part = (row: unknown, held: boolean) =>
        row && Object.fromEntries(
          Object.entries(row).filter(([name]) => kept!.includes(name) === held),
        );
      if (kept && derive !== undefined) {
        const early = rows.map((row) => part(row, false));
        scope.postMessage({ kind: "rows", id, rows: early }, { transfer: [...blobs(early)] });
      }
      let derived: { value: unknown; transfer: ArrayBuffer[] } | undefined;
      if (derive !== undefined) {
        let made = derivations.get(derive);
        if (!made) derivations.set(derive, made = new Function(`return (${derive});`)());
        derived = made!(rows);
      }
      if (kept && derive !== undefined) rows = rows.map((row) => part(row, true));
      const transfer = new Set<ArrayBuffer>(derived?.transfer);
      for (const buffer of blobs(rows)) transfer.add(buffer);
      scope.postMessage({ kind: "read", id, rows, derived: derived?.value }, {
        transfer: [...transfer],
      });
    } catch (error) {
      scope.postMessage({ kind: "failed", id, message: String(error) });
    }
  };
  const tick = (path: string, frames: number) => {
    try {
      const pages = waiting(path);
      if (pages !== null) {
        if (pages >= frames) checkpoint(0);
        return;
      }
      // data_version moves when another connection (the server's) has committed.
      const now = (db.prepare("PRAGMA data_version").get() as { data_version: number })
        .data_version;
      if (now !== version) {
        version = now;
        checkpoint(0);
      }
    } catch (error) {
      scope.postMessage({ kind: "failed", id: null, message: String(error) });
    }
  };
  scope.onmessage = async (event: MessageEvent) => {
    const message = event.data as {
      kind: string;
      path?: string;
      intervalMs?: number;
      frames?: number;
      id?: number;
      statements?: Array<{ sql: string; params: unknown[] }>;
      derive?: string;
      early?: string[];
    };
    if (message.kind === "open") {
      opened = (async () => {
        try {
          const { DatabaseSync } = await import("node:sqlite");
          db = new DatabaseSync(message.path!);
          db.exec("PRAGMA busy_timeout = 5000");
          timer = setInterval(() => tick(message.path!, message.frames!), message.intervalMs);
        } catch (error) {
          scope.postMessage({ kind: "failed", id: null, message: String(error) });
        }
      })();
    } else if (message.kind === "read") {
      // A read asked for right after the start waits for the connection.
      await opened;
      if (db) read(message.id!, message.statements!, message);
      else scope.postMessage({ kind: "failed", id: message.id, message: "not open" });
    } else if (message.kind === "checkpoint") {
      if (db) checkpoint(message.id!);
      else scope.postMessage({ kind: "failed", id: message.id, message: "not open" });
    } else if (message.kind === "close") {
      clearInterval(timer);
      try {
        shm?.close();
        db?.close();
      } finally {
        scope.postMessage({ kind: "closed" });
      }
    }
  };
}
