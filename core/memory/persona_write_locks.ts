/**
 * The write locks of the memory writer and the pruner: one persona's record-rewriting writes
 * (updates, link changes, deletes, prunes, sources) run one at a time, in this process (`keyed_lock.ts`) and, where the
 * backend has them, under its database locks (nodes sharing PostgreSQL).
 *
 * @module
 */
import type { MemoryBackend } from "./backend.ts";
import { KeyedLock } from "./keyed_lock.ts";

/** The in-process locks of each backend, shared by every {@linkcode PersonaWriteLocks} over it. */
const IN_PROCESS = new WeakMap<MemoryBackend, KeyedLock>();

/**
 * Per-persona write locks over one backend. Every instance over the same backend shares its
 * in-process locks: the writer's and the pruner's deletes take turns.
 */
export class PersonaWriteLocks {
  readonly #backend: MemoryBackend;
  readonly #inProcess: KeyedLock;

  /** Locks for writes to `backend`. */
  constructor(backend: MemoryBackend) {
    this.#backend = backend;
    let shared = IN_PROCESS.get(backend);
    if (!shared) IN_PROCESS.set(backend, shared = new KeyedLock());
    this.#inProcess = shared;
  }

  /**
   * Runs `work` holding the link lock of every persona in `personaIds` (sorted: no deadlock), in
   * this process and, where the backend has them, its database locks (nodes sharing PostgreSQL).
   */
  run<T>(personaIds: readonly string[], work: () => Promise<T>): Promise<T> {
    const sorted = [...personaIds].sort();
    const backend = this.#backend;
    if (sorted.length === 0) return work();
    const locked = backend.exclusively ? () => backend.exclusively!(sorted, work) : work;
    // Inside the caller's transaction, nobody else in this process writes until it ends: waiting
    // for an in-process lock whose holder waits for that transaction to end would hang both.
    // (The backend's lock joins the transaction; PostgreSQL detects a deadlock between nodes.)
    if (backend.inTransaction?.()) return locked();
    const inProcess = (ids: readonly string[]): Promise<T> => {
      const [first, ...rest] = ids;
      if (first === undefined) return locked();
      return this.#inProcess.run(first, () => inProcess(rest));
    };
    return inProcess(sorted);
  }
}
