/**
 * Write-behind for chats' exchanges: a chat replies as soon as its model has answered, and its
 * exchange memory is stored afterwards, at low priority. Queued exchanges are written as one
 * piece of the process's follow-up work (`later`: the server's `QuietWork`, which waits while
 * chats prepare or keep their answers, at most its `MAX_DELAY_MS`, 250 ms, from when the oldest
 * exchange was queued), and at once when more than {@linkcode MAX_QUEUED_EXCHANGES} wait. One
 * write runs at a time, and past {@linkcode MAX_HELD_EXCHANGES} queued or being written `add`
 * refuses (the chat stores before replying, waiting for the store as before): with a store slower
 * than the chats, the delay and the memory held stay bounded. The exchanges of one write are stored
 * together, so their inserts share one commit (`insert_batch.ts`). A piece of follow-up work
 * writes {@linkcode EXCHANGES_PER_PIECE} (and, continuing a chain, those queued while it waited);
 * the rest are the next piece, queued behind the work queued meanwhile: a burst is stored in
 * pieces that hold the event loop (and the database) for one piece's length, not for everything
 * queued (up to 256 exchanges), so the model answers that arrive meanwhile are read between them.
 *
 * Every explicit read or write of a persona's memories first writes what is queued for it
 * ({@linkcode WriteBehind.settle}): a search right after a chat finds the exchange. That barrier
 * holds only inside this process, so the queue is off (`add` answers false: chats store before
 * replying) when other processes read the same memories at once: the PostgreSQL backend, whose
 * nodes a REST or Streamable HTTP client may reach in turn (`sharedStore`). A chat's
 * recall does not wait (its own exchange is in the prompt's history already), so it may miss
 * another session's exchange with the same persona from the last moments. A failed store is
 * logged with its session and persona, and never breaks the session; a store failing because its
 * persona was deleted meanwhile is no loss (the persona's memories go with it): dropped, at debug,
 * and the queue stays on for the others.
 *
 * @module
 */
import type { ExchangeRecord } from "../chat/memory_port.ts";
import type { Logger } from "../log.ts";

/** Exchanges waiting beyond which all are written at once, without waiting for quiet. */
export const MAX_QUEUED_EXCHANGES = 256;

/**
 * Exchanges queued or being written beyond which {@linkcode WriteBehind.add} refuses: the chat no
 * longer waits for its store, so this is what keeps a fast chat rate to a slow store's pace.
 */
export const MAX_HELD_EXCHANGES = 2 * MAX_QUEUED_EXCHANGES;

/**
 * Exchanges of a burst one piece of follow-up work writes (the mind's reaction is cut the same
 * way, `MAX_REACTION_EVENTS`). A queued exchange's store costs the main thread ~0.2 ms, so a piece
 * holds the event loop ~4 ms where 256 at once held it ~24 ms (`tests/bench/write_behind_hold.ts`,
 * tests/bench/HISTORY.md, Session 47 — perf79), while one insert still serves 16 exchanges. A piece
 * continuing a chain also writes those queued while it waited: it waits behind other quiet work,
 * and a flat 16 grew the queue under more than 16 a turn until the overflow or a read's barrier
 * wrote it all at once (fix172). So a chain drains at least what arrives, and what was queued
 * before it began drains 16 a piece. Barriers, shutdown and the overflow write all at once.
 */
export const EXCHANGES_PER_PIECE = 16;

/** An exchange to store, with the session it was said in (for the log when it fails). */
export interface QueuedExchange {
  exchange: ExchangeRecord;
  sessionId: string | null;
}

/** Options of {@linkcode WriteBehind}. */
export interface WriteBehindOptions {
  /** Stores exchanges, all or none (the memory service's `rememberExchanges`). */
  store: (exchanges: readonly ExchangeRecord[]) => Promise<unknown>;
  log: Pick<Logger, "warn" | "debug">;
  /**
   * Finds a persona by id (`PersonaService.find`): a failed store of a persona no longer there
   * was its deletion's, not a loss. Every failure counts as a loss when not given.
   */
  personas?: { find(id: string): Promise<unknown> };
  /**
   * Runs `work` at the process's next quiet moment, waiting at most its own bound from `since`
   * (`QuietWork.add`). By default it runs in a timer of its own.
   */
  later?: (work: () => Promise<void>, since: number) => unknown;
  /** {@linkcode MAX_QUEUED_EXCHANGES} when not given. */
  maxQueued?: number;
  /**
   * Other processes read these memories at once (PostgreSQL, a cluster): nothing is queued, as
   * another node could not settle this one's queue before its read.
   */
  sharedStore?: boolean;
}

/** A queued exchange and when it was queued (`performance.now()`). */
interface Queued extends QueuedExchange {
  at: number;
}

interface Write {
  personas: ReadonlySet<string>;
  done: Promise<void>;
}

/** Stores queued chat exchanges after their replies; see the module's documentation. */
export class WriteBehind {
  readonly #store: (exchanges: readonly ExchangeRecord[]) => Promise<unknown>;
  readonly #log: Pick<Logger, "warn" | "debug">;
  readonly #personas: { find(id: string): Promise<unknown> } | undefined;
  readonly #later: (work: () => Promise<void>, since: number) => unknown;
  readonly #maxQueued: number;
  readonly #sharedStore: boolean;
  #queue: Queued[] = [];
  /** Writes under way or waiting their turn: a barrier for a persona waits for those holding its exchanges. */
  readonly #writing = new Set<Write>();
  /** The last write begun or waiting: the next begins after it (one write at a time). */
  #tail: Promise<void> = Promise.resolve();
  /** Exchanges in {@linkcode #writing}. */
  #held = 0;
  /** True from a failed store until one succeeds: then nothing is queued (see `add`). */
  #failing = false;
  /** True once {@linkcode close} began: nothing is queued, whatever comes after the drain. */
  #closed = false;
  /** A piece is asked for and has not begun: no other is (it writes what both would). */
  #asked = false;
  /** Exchanges queued since the last piece began: the next piece of its chain writes them too. */
  #arrived = 0;

  /** A queue storing with `options.store`. */
  constructor(options: WriteBehindOptions) {
    this.#store = options.store;
    this.#log = options.log;
    this.#personas = options.personas;
    this.#later = options.later ??
      ((work) => new Promise((resolve) => setTimeout(resolve, 0)).then(work));
    this.#maxQueued = options.maxQueued ?? MAX_QUEUED_EXCHANGES;
    this.#sharedStore = options.sharedStore ?? false;
  }

  /** Exchanges queued and not yet being written. */
  get queued(): number {
    return this.#queue.length;
  }

  /**
   * Queues `item` to be stored later (see the module's documentation). False, and nothing
   * queued, while the last store failed (the store is likely down), when other processes share
   * the store, or once {@linkcode close}d: the caller stores it itself and can say whether it was
   * kept.
   */
  add(item: QueuedExchange): boolean {
    if (this.#failing || this.#sharedStore || this.#closed) return false;
    if (this.#queue.length + this.#held >= this.#maxQueued * 2) return false;
    const at = performance.now();
    this.#queue.push({ ...item, at });
    this.#arrived++;
    if (this.#queue.length > this.#maxQueued) {
      void this.#writeQueued(() => true);
      return true;
    }
    // One piece writes what is queued by then, its wait bounded from its oldest's queueing.
    this.#askLater(at, false);
    return true;
  }

  /** Asks for a piece of follow-up work, its wait bounded from `since`, unless one is asked for. */
  #askLater(since: number, continues: boolean): void {
    if (this.#asked) return;
    this.#asked = true;
    void this.#later(() => this.#writePiece(continues), since);
  }

  /**
   * One piece: writes the oldest {@linkcode EXCHANGES_PER_PIECE}, plus those queued since the piece
   * before when it `continues` a chain, and asks for the next when more wait. That one's wait is
   * bounded from its oldest's queueing only once it is first in the quiet-time queue.
   */
  #writePiece(continues: boolean): Promise<void> {
    // Cleared before anything else: `later` runs every piece it is given, so none is lost.
    this.#asked = false;
    const cut = EXCHANGES_PER_PIECE + (continues ? this.#arrived : 0);
    this.#arrived = 0;
    let taken = 0;
    const write = this.#writeQueued(() => taken++ < cut);
    if (this.#queue.length > 0) this.#askLater(this.#queue[0]!.at, true);
    return write;
  }

  /** Says a store succeeded: exchanges are queued again after a failure. */
  working(): void {
    this.#failing = false;
  }

  /** True when nothing is queued or being written: no read need wait ({@linkcode settle}). */
  get idle(): boolean {
    return this.#queue.length === 0 && this.#writing.size === 0;
  }

  /**
   * Writes what is queued for `personaId` (for every persona when not given) now, and waits
   * for the writes under way that hold some of it: then its memories are all there.
   */
  async settle(personaId?: string): Promise<void> {
    if (this.#queue.length === 0 && this.#writing.size === 0) return;
    const holds = (id: string) => personaId === undefined || id === personaId;
    const waits = [...this.#writing].filter((write) => [...write.personas].some(holds))
      .map((write) => write.done);
    waits.push(this.#writeQueued((item) => holds(item.exchange.persona.id)));
    await Promise.all(waits);
  }

  /**
   * Runs `work` once the exchanges queued for `personaId` (every persona's if not given) are in:
   * the barrier of the memory service's reads and writes.
   */
  after<T>(personaId: string | undefined, work: () => Promise<T>): Promise<T> {
    // Nothing queued, the usual case: no wait on a read's path (persona.get counts memories).
    if (this.idle) return work();
    return this.settle(personaId).then(work);
  }

  /** Drops what is queued for a deleted persona and waits for its writes under way. */
  async forget(personaId: string): Promise<void> {
    this.#take((item) => item.exchange.persona.id === personaId);
    const waits = [...this.#writing].filter((write) => write.personas.has(personaId));
    await Promise.all(waits.map((write) => write.done));
  }

  /** Writes everything queued and waits for every write under way (shutdown). */
  async drain(): Promise<void> {
    while (this.#queue.length > 0 || this.#writing.size > 0) await this.settle();
  }

  /**
   * Refuses every exchange from now on and writes what is queued (the memory service closes): a
   * chat that ends after the drain (one that outlived the shutdown's grace) stores its exchange
   * itself, and so reports whether it was kept, never a promise no write will keep.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await this.drain();
  }

  /** Takes the queued exchanges `picked` chooses (asked in order, once each) out of the queue. */
  #take(picked: (item: QueuedExchange) => boolean): Queued[] {
    const taken: Queued[] = [];
    const left: Queued[] = [];
    for (const item of this.#queue) (picked(item) ? taken : left).push(item);
    if (taken.length > 0) this.#queue = left;
    return taken;
  }

  /** Stores the queued exchanges `picked` chooses, all at once; resolves when all were tried. */
  #writeQueued(picked: (item: QueuedExchange) => boolean): Promise<void> {
    const batch = this.#take(picked);
    if (batch.length === 0) return Promise.resolve();
    this.#held += batch.length;
    // `#storeBatch` never rejects (each failure is logged): the chain goes on after any write.
    const write: Write = {
      personas: new Set(batch.map((item) => item.exchange.persona.id)),
      done: this.#tail.then(() => this.#storeBatch(batch)).then(() => {
        this.#held -= batch.length;
        this.#writing.delete(write);
      }),
    };
    this.#tail = write.done;
    this.#writing.add(write);
    return write.done;
  }

  /** Stores `batch` in one insert; when that fails, each on its own (one's failure is its own). */
  async #storeBatch(batch: readonly QueuedExchange[]): Promise<void> {
    if (batch.length > 1) {
      try {
        return void await this.#store(batch.map((item) => item.exchange));
      } catch {
        // Told below, one by one: a deleted persona's exchange must not lose the others.
      }
    }
    for (const item of batch) await this.#storeOne(item);
  }

  async #storeOne(item: QueuedExchange): Promise<void> {
    try {
      await this.#store([item.exchange]);
    } catch (error) {
      const personaId = item.exchange.persona.id;
      if (await this.#deleted(personaId)) {
        this.#log.debug("Chat exchange not stored: its persona was deleted", {
          persona_id: personaId,
          session_id: item.sessionId,
        });
        return;
      }
      this.#failing = true;
      // The reply said the exchange would be kept: its loss is told, with whose it was.
      this.#log.warn("Memory store of a chat exchange failed after its reply", {
        persona_id: item.exchange.persona.id,
        session_id: item.sessionId,
        error,
      });
    }
  }

  /** Whether the persona is known to be gone (false when that cannot be read either). */
  async #deleted(personaId: string): Promise<boolean> {
    if (!this.#personas) return false;
    try {
      return await this.#personas.find(personaId) === undefined;
    } catch {
      return false;
    }
  }
}
