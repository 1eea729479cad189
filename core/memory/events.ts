/**
 * What memory tells others about what it stores: every store, with its origin, goes to the
 * listeners (the mind queues fact extraction and counts toward reflection this way). A
 * listener's failure is logged and never fails the store.
 *
 * @module
 */
import type { Logger } from "../log.ts";
import type { Persona } from "../personas/mod.ts";
import type { MemoryRecord } from "./schema.ts";

/**
 * Where a stored memory came from: a client call, a chat exchange, a dialogue turn, a room line,
 * or the persona's own mind (facts and reflections its background jobs derived).
 */
export type MemoryOrigin = "client" | "chat" | "dialogue" | "room" | "mind";

/** Memories just stored for one persona, and where they came from. */
export interface StoredEvent {
  persona: Persona;
  records: readonly MemoryRecord[];
  origin: MemoryOrigin;
  /** Who spoke to the persona (chats). */
  sender?: string | null;
  /** The dialogue or room the lines belong to. */
  thread?: string | null;
}

/** Told about every store once it is written; a listener's failure never fails the store. */
export type StoredListener = (event: StoredEvent) => void | Promise<void>;

/** Options of {@linkcode MemoryService.store}. */
export interface StoreOptions {
  signal?: AbortSignal;
  /** `client` by default. */
  origin?: MemoryOrigin;
  /** Who spoke (chats), for listeners. */
  sender?: string | null;
  /** The dialogue or room (group lines), for listeners. */
  thread?: string | null;
  /**
   * The id of the memory stored (`store` of one memory; a new random id otherwise). A caller
   * that may store the same memory again (a room line's retry) passes one derived from what it
   * stores: the second insert then fails on the id instead of storing a duplicate.
   */
  id?: string;
  /**
   * When what searches ask of the stored memories is worked out (`memory_prep.ts`): `"now"`
   * (the default), before the store resolves, or `"quiet"`, at the process's next quiet moment
   * (`quiet_prep.ts`): for a write on a reply's path (a chat's exchange, a dialogue's turn),
   * which the reply waits for.
   */
  prepare?: "now" | "quiet";
}

/** A memory close to a text (search without counting an access). */
export interface SimilarMemory {
  record: MemoryRecord;
  relevance: number;
}

/**
 * Which memories a look for similar ones (`MemoryService.similar`) returns: at most `limit`, of
 * `memoryType` if given.
 */
export interface SimilarOptions {
  memoryType?: string;
  limit: number;
  signal?: AbortSignal;
}

/** The listeners of a memory service. */
export class StoreListeners {
  readonly #log: Logger;
  readonly #listeners: StoredListener[] = [];

  /** Listeners whose failures go to `log`. */
  constructor(log: Logger) {
    this.#log = log;
  }

  /** Adds a listener. */
  add(listener: StoredListener): void {
    this.#listeners.push(listener);
  }

  /** Tells every listener, in order; a failure is logged. */
  async emit(event: StoredEvent): Promise<void> {
    for (const listener of this.#listeners) {
      try {
        await listener(event);
      } catch (error) {
        this.#log.warn("A listener of stored memories failed", {
          persona: event.persona.id,
          error,
        });
      }
    }
  }
}
