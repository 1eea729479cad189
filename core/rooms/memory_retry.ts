/**
 * Room-line memories that could not be stored when the line was said (the database or the
 * memory store failing) wait here and are stored again, oldest first, until they land: the
 * round still answers, and what the members heard is not forgotten because storage hiccuped.
 *
 * A line cannot be written with its memories in one transaction: memories may live in another
 * store (Chroma) and are embedded by a model call first. So a failed store is retried instead,
 * keeping the line's time as the memory's. Each memory has its own pause, doubling from
 * {@linkcode RETRY_BASE_MS} up to {@linkcode RETRY_CAP_MS} ({@linkcode retryPause}): a memory
 * that failed just now is tried again after a second, whatever older ones wait for. A memory
 * that keeps failing does not hold up the others (review24 F2): a pass goes on past it, and stops
 * only after {@linkcode STOP_AFTER_FAILURES} failures in a row (the storage is down), the memories
 * it did not reach then waiting as long as the last that failed. Bounded: at most
 * {@linkcode MAX_PENDING} wait (past that the oldest is dropped, logged as an error), each is tried
 * at most {@linkcode MAX_ATTEMPTS} times (about half an hour), one whose persona is gone is
 * dropped (only its id is held: the persona is looked up at each try), an input refused as invalid
 * is dropped (logged), and what still waits when the server stops is logged as lost.
 *
 * Idempotent: each memory keeps the id it was first tried with (`lineMemoryId`, one per line and
 * member), so a try after a store that was written but never answered (a lost commit reply)
 * finds it and stores nothing, and a store of that id racing the late commit fails on the
 * primary key instead of storing a duplicate.
 *
 * Not durable, on purpose: waiting memories live in this process only, and a crash loses them
 * (each was logged when it failed). They wait because a write failed, most often the database's
 * own (SQLite busy, PostgreSQL out of reach), where a queue row could not have been written
 * either; the line itself is in the room's transcript, which is durable.
 *
 * @module
 */
import { type Clock, systemClock } from "../clock.ts";
import { InvalidInput, NotFound, PersonaNotFound } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Persona } from "../personas/mod.ts";
import type { RoomMemory, RoomMemoryInput } from "./types.ts";

/** The first pause before a failed memory is stored again (ms); it doubles per failed try. */
export const RETRY_BASE_MS = 1_000;
/** The longest pause between tries (ms). */
export const RETRY_CAP_MS = 60_000;
/** Most memories waiting at once. */
export const MAX_PENDING = 10_000;
/** Most tries of one memory, the first (with the line) included. */
export const MAX_ATTEMPTS = 40;
/** Failures in a row that end a pass (the storage is down, not one memory failing). */
export const STOP_AFTER_FAILURES = 3;

/**
 * The pause before the next try of a memory that failed `attempts` times (the first, with the
 * line, included): {@linkcode RETRY_BASE_MS} doubling, at most {@linkcode RETRY_CAP_MS}.
 */
export function retryPause(attempts: number): number {
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.min(Math.max(attempts - 1, 0), 20));
}

/** One memory of one member, waiting to be stored. */
interface Pending {
  /** The memory's id (one per line and member), the same at every try. */
  id?: string;
  /** Its persona's id only (a whole persona may be large): looked up at each try. */
  personaId: string;
  input: RoomMemoryInput & { created_at: string };
  room: string;
  attempts: number;
  /** When it is tried next (the clock's ms). */
  dueAt: number;
  /** Stored or dropped: taken out of the queue at the end of the pass. */
  done?: boolean;
}

/** What {@linkcode MemoryRetries} is built from. */
export interface MemoryRetriesDeps {
  memory: RoomMemory;
  log: Logger;
  /** The persona as it is now; undefined once deleted (its memories are then not written). */
  find: (personaId: string) => Promise<Persona | undefined>;
  /** Ends the retries (the server stopping); what still waits is logged as lost. */
  signal?: AbortSignal;
  /** When memories are due (the system clock). */
  clock?: Clock;
  /** Most memories waiting at once ({@linkcode MAX_PENDING}). */
  maxPending?: number;
}

/** The queue of room-line memories to store again (see the module doc). */
export class MemoryRetries {
  readonly #deps: MemoryRetriesDeps;
  readonly #clock: Clock;
  readonly #maxPending: number;
  readonly #queue: Pending[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the timer fires (the clock's ms). */
  #timerAt = Number.POSITIVE_INFINITY;
  #running: Promise<void> | undefined;
  #closed = false;

  /** A queue; nothing runs until a memory fails. */
  constructor(deps: MemoryRetriesDeps) {
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
    this.#maxPending = deps.maxPending ?? MAX_PENDING;
    deps.signal?.addEventListener("abort", () => this.close(), { once: true });
    if (deps.signal?.aborted) this.close();
  }

  /** How many memories wait. */
  get size(): number {
    return this.#queue.length;
  }

  /** When the next waiting memory is due (the clock's ms); undefined when none waits. */
  get nextTryAt(): number | undefined {
    let due = Number.POSITIVE_INFINITY;
    for (const pending of this.#queue) {
      if (!pending.done && pending.dueAt < due) due = pending.dueAt;
    }
    return due === Number.POSITIVE_INFINITY ? undefined : due;
  }

  /**
   * Keeps the memory of persona `personaId` whose first store failed (said at `at`, ISO time) to
   * store it again, first after {@linkcode RETRY_BASE_MS}.
   */
  add(
    personaId: string,
    memory: { id?: string; input: RoomMemoryInput; room: string; at: string },
  ): void {
    const { log } = this.#deps;
    if (this.#closed) {
      log.warn("A room line was not remembered: the server is stopping", {
        persona: personaId,
        room: memory.room,
      });
      return;
    }
    if (this.#queue.length >= this.#maxPending) {
      const dropped = this.#queue.shift()!;
      dropped.done = true;
      log.error("A room line memory was dropped: too many are waiting to be stored", {
        persona: dropped.personaId,
        room: dropped.room,
        waiting: this.#maxPending,
      });
    }
    const dueAt = this.#clock.now() + retryPause(1);
    this.#queue.push({
      id: memory.id,
      personaId,
      input: { ...memory.input, created_at: memory.at },
      room: memory.room,
      attempts: 1,
      dueAt,
    });
    this.#schedule(dueAt);
  }

  /**
   * Tries every waiting memory now, due or not, oldest first (see the module doc for when a pass
   * stops); resolves to how many still wait. One run at a time.
   */
  retry(): Promise<number> {
    return this.#pass(true);
  }

  /** Stops retrying; what still waits is logged as lost. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#queue.length) {
      this.#deps.log.warn("Room line memories not stored before the server stopped", {
        lost: this.#queue.length,
      });
    }
    this.#queue.length = 0;
  }

  /** One pass over the memories (all of them, or those due), then the next one scheduled. */
  async #pass(all: boolean): Promise<number> {
    while (this.#running) await this.#running;
    this.#running = this.#run(all);
    try {
      await this.#running;
    } finally {
      this.#running = undefined;
      const kept = this.#queue.filter((pending) => !pending.done);
      this.#queue.splice(0, this.#queue.length, ...kept);
    }
    this.#schedule();
    return this.#queue.length;
  }

  async #run(all: boolean): Promise<void> {
    const now = this.#clock.now();
    let failures = 0;
    let lastPause = 0;
    for (const next of [...this.#queue]) {
      if (this.#closed) return;
      if (next.done || (!all && next.dueAt > now)) continue;
      if (failures >= STOP_AFTER_FAILURES) {
        // The storage is down: what this pass did not reach waits as long as the last failure.
        next.dueAt = Math.max(next.dueAt, this.#clock.now() + lastPause);
        continue;
      }
      if (await this.#try(next)) failures = 0;
      else {
        failures++;
        lastPause = retryPause(next.attempts);
      }
    }
  }

  /** Tries `next` once: true when it is done with (stored or dropped), false when it waits. */
  async #try(next: Pending): Promise<boolean> {
    const { memory, log, find } = this.#deps;
    const at = { persona: next.personaId, room: next.room };
    try {
      const persona = await find(next.personaId);
      if (persona && !await this.#stored(next)) {
        await memory.store(persona, next.input, { origin: "room", thread: next.room, id: next.id });
      }
    } catch (error) {
      if (this.#closed) {
        // Under way when the server stopped: not tried again (review24 F7).
        log.warn("A room line was not remembered: the server stopped", { ...at, error });
        return true;
      }
      if (!permanent(error) && ++next.attempts < MAX_ATTEMPTS) {
        next.dueAt = this.#clock.now() + retryPause(next.attempts);
        log.warn("A room line memory could not be stored yet; it will be tried again", {
          ...at,
          attempts: next.attempts,
          error,
        });
        return false;
      }
      log.error("A room line was not remembered", { ...at, attempts: next.attempts, error });
    }
    next.done = true;
    return true;
  }

  /**
   * True when `next` was stored after all: an earlier try whose answer was lost (a commit whose
   * reply never came) wrote it. Its id is the same at every try, and a store of an id already
   * stored fails on it (the primary key, in the same transaction as the insert), so a try racing
   * that late commit cannot store a duplicate either: it fails, and the next try finds it here.
   */
  async #stored(next: Pending): Promise<boolean> {
    const { memory } = this.#deps;
    if (next.id === undefined || !memory.get) return false;
    try {
      return (await memory.get(next.id)).persona_id === next.personaId;
    } catch (error) {
      if (error instanceof NotFound) return false;
      throw error;
    }
  }

  /** Sets the timer for the next memory due (`added`: when the one just added is due). */
  #schedule(added?: number): void {
    if (this.#closed || this.#running) return;
    if (added !== undefined && this.#timer !== undefined && this.#timerAt <= added) return;
    const due = this.nextTryAt;
    if (due === undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#timerAt = Number.POSITIVE_INFINITY;
      return;
    }
    if (this.#timer !== undefined && this.#timerAt <= due) return;
    clearTimeout(this.#timer);
    this.#timerAt = due;
    const timer = setTimeout(() => {
      this.#timer = undefined;
      this.#timerAt = Number.POSITIVE_INFINITY;
      this.#pass(false).catch((error) =>
        this.#deps.log.warn("Room line memories not retried", { error })
      );
    }, Math.max(0, due - this.#clock.now()));
    // Waiting memories never keep a stopping process alive.
    Deno.unrefTimer(timer);
    this.#timer = timer;
  }
}

/** Errors a retry cannot mend: the input refused, or its persona gone. */
function permanent(error: unknown): boolean {
  return error instanceof InvalidInput || error instanceof PersonaNotFound ||
    error instanceof NotFound;
}
