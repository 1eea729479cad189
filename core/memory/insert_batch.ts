/**
 * Group commit for new memories: the inserts asked for in one turn of the event loop (the chats
 * and dialogue turns that finished together, the participants of one turn) go to the backend as
 * one call: one transaction on SQLite, one request to Chroma. They go with `setImmediate`, once
 * the turn's I/O callbacks have run: on a quiet server that is at once (microseconds), where a
 * timer would wait milliseconds. Inserts asked for while a batch is being written go in the
 * next. Each caller still learns whether its own memories were stored: when a batch fails, its
 * inserts are retried one by one. A caller inside a database transaction is not batched.
 * {@linkcode WriteBatcher} is the same for any write (the SQLite backend's access counts).
 *
 * @module
 */
import { setImmediate } from "node:timers";
import type { MemoryBackend, MemoryWrite } from "./backend.ts";

interface Pending<T> {
  writes: readonly T[];
  resolve(): void;
  reject(error: unknown): void;
}

/** Where a {@linkcode WriteBatcher} writes. */
export interface BatchTarget<T> {
  /** Writes `writes` at once (one transaction, one request). */
  write(writes: readonly T[]): Promise<void>;
  /** True when the caller runs inside a database transaction (then it is not batched). */
  inTransaction?(): boolean;
}

/** Writes asked for in one turn of the event loop, as one call of `target.write`. */
export class WriteBatcher<T> {
  readonly #target: BatchTarget<T>;
  #queue: Pending<T>[] = [];
  #scheduled: Promise<void> | null = null;

  /** Batches the writes to `target`. */
  constructor(target: BatchTarget<T>) {
    this.#target = target;
  }

  /** Writes `writes` with whatever else is being written now; resolves once they are written. */
  write(writes: readonly T[]): Promise<void> {
    // A caller inside a transaction writes in it: a batch shared with others would either wait
    // for that transaction (which waits for it) or be rolled back with it.
    if (this.#target.inTransaction?.()) return this.#target.write(writes);
    const stored = new Promise<void>((resolve, reject) => {
      this.#queue.push({ writes, resolve, reject });
    });
    this.#scheduled ??= new Promise<void>((resolve) => {
      setImmediate(() => this.#flush().then(resolve));
    });
    return stored;
  }

  /** Resolves once every insert asked for so far has been tried (before the backend closes). */
  async settled(): Promise<void> {
    while (this.#scheduled) await this.#scheduled;
  }

  async #flush(): Promise<void> {
    const batch = this.#queue;
    this.#queue = [];
    this.#scheduled = null;
    if (batch.length === 1) return await this.#one(batch[0]!);
    try {
      await this.#target.write(batch.flatMap((pending) => pending.writes));
      for (const pending of batch) pending.resolve();
    } catch {
      // One caller's failure (its persona was deleted meanwhile) must not be everyone's.
      for (const pending of batch) await this.#one(pending);
    }
  }

  async #one(pending: Pending<T>): Promise<void> {
    try {
      await this.#target.write(pending.writes);
      pending.resolve();
    } catch (error) {
      pending.reject(error);
    }
  }
}

/** Batches the inserts of one memory backend. */
export class InsertBatcher extends WriteBatcher<MemoryWrite> {
  /** Batches inserts into `backend`. */
  constructor(backend: Pick<MemoryBackend, "insert" | "inTransaction">) {
    super({
      write: (writes) => backend.insert(writes),
      inTransaction: backend.inTransaction && (() => backend.inTransaction!()),
    });
  }

  /** Inserts `writes` with whatever else is being inserted now; resolves once they are stored. */
  insert(writes: readonly MemoryWrite[]): Promise<void> {
    return this.write(writes);
  }
}
