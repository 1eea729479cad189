/**
 * Room-line memories that could not be stored when the line was said (the database or the
 * memory store failing) wait here and are stored again, oldest first, until they land: the
 * round still answers, and what the members heard is not forgotten because storage hiccuped.
 *
 * A line cannot be written with its memories in one transaction: memories may live in another
 * store (Chroma) and are embedded by a model call first. So a failed store is retried instead,
 * with a doubling pause ({@linkcode RETRY_BASE_MS} up to {@linkcode RETRY_CAP_MS}), keeping the
 * line's time as the memory's. Bounded: at most {@linkcode MAX_PENDING} wait (past that the
 * oldest is dropped, logged as an error), each is tried at most {@linkcode MAX_ATTEMPTS} times
 * (about half an hour), one whose persona is gone is dropped, an input refused as invalid is
 * dropped (logged), and what still waits when the server stops is logged as lost. Waiting
 * memories live in this process only: a crash loses them (each was logged when it failed).
 *
 * @module
 */
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

/** One memory of one member, waiting to be stored. */
interface Pending {
  persona: Persona;
  input: RoomMemoryInput & { created_at: string };
  room: string;
  attempts: number;
}

/** What {@linkcode MemoryRetries} is built from. */
export interface MemoryRetriesDeps {
  memory: RoomMemory;
  log: Logger;
  /** Whether the persona still exists (a deleted one's memories are not written). */
  exists: (personaId: string) => Promise<boolean>;
  /** Ends the retries (the server stopping); what still waits is logged as lost. */
  signal?: AbortSignal;
}

/** The queue of room-line memories to store again (see the module doc). */
export class MemoryRetries {
  readonly #deps: MemoryRetriesDeps;
  readonly #queue: Pending[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pause = RETRY_BASE_MS;
  #running: Promise<void> | undefined;
  #closed = false;

  /** A queue; nothing runs until a memory fails. */
  constructor(deps: MemoryRetriesDeps) {
    this.#deps = deps;
    deps.signal?.addEventListener("abort", () => this.close(), { once: true });
    if (deps.signal?.aborted) this.close();
  }

  /** How many memories wait. */
  get size(): number {
    return this.#queue.length;
  }

  /**
   * Keeps the memory of `persona` whose first store failed (said at `at`, ISO time) to store it
   * again later.
   */
  add(
    persona: Persona,
    memory: { input: RoomMemoryInput; room: string; at: string },
  ): void {
    const { log } = this.#deps;
    if (this.#closed) {
      log.warn("A room line was not remembered: the server is stopping", {
        persona: persona.id,
        room: memory.room,
      });
      return;
    }
    if (this.#queue.length >= MAX_PENDING) {
      const dropped = this.#queue.shift()!;
      log.error("A room line memory was dropped: too many are waiting to be stored", {
        persona: dropped.persona.id,
        room: dropped.room,
        waiting: MAX_PENDING,
      });
    }
    this.#queue.push({
      persona,
      input: { ...memory.input, created_at: memory.at },
      room: memory.room,
      attempts: 1,
    });
    this.#schedule();
  }

  /**
   * Tries the waiting memories now, oldest first, until one fails again (the others then wait
   * too: storage is still down); resolves to how many still wait. One run at a time.
   */
  async retry(): Promise<number> {
    while (this.#running) await this.#running;
    this.#running = this.#run();
    try {
      await this.#running;
    } finally {
      this.#running = undefined;
    }
    if (this.#queue.length === 0) {
      this.#pause = RETRY_BASE_MS;
      clearTimeout(this.#timer);
      this.#timer = undefined;
    } else this.#schedule();
    return this.#queue.length;
  }

  /** Stops retrying; what still waits is logged as lost. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#queue.length) {
      this.#deps.log.warn("Room line memories not stored before the server stopped", {
        lost: this.#queue.length,
      });
    }
    this.#queue.length = 0;
  }

  async #run(): Promise<void> {
    const { memory, log, exists } = this.#deps;
    while (this.#queue.length && !this.#closed) {
      const next = this.#queue[0]!;
      try {
        if (await exists(next.persona.id)) {
          await memory.store(next.persona, next.input, { origin: "room", thread: next.room });
        }
      } catch (error) {
        if (!permanent(error) && ++next.attempts < MAX_ATTEMPTS) {
          log.warn("A room line memory could not be stored yet; it will be tried again", {
            persona: next.persona.id,
            room: next.room,
            attempts: next.attempts,
            error,
          });
          return;
        }
        log.error("A room line was not remembered", {
          persona: next.persona.id,
          room: next.room,
          attempts: next.attempts,
          error,
        });
      }
      this.#queue.shift();
    }
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#closed || this.#running) return;
    const pause = this.#pause;
    this.#pause = Math.min(RETRY_CAP_MS, this.#pause * 2);
    const timer = setTimeout(() => {
      this.#timer = undefined;
      this.retry().catch((error) =>
        this.#deps.log.warn("Room line memories not retried", { error })
      );
    }, pause);
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
