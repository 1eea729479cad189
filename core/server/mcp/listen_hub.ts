/**
 * The one poller every `subscriptions/listen` stream shares. Each {@linkcode POLL_MS} it reads
 * each distinct watched key once (a list, a resource, a task), for all the streams that watch
 * it, and tells every stream whose last seen fingerprint of that key differs. When the data's
 * version (this process's write count and the file's change stamp) has not moved since the last
 * read, the stored values stand and nothing is read but the volatile keys (tasks: their progress
 * is held in the running process's memory, and other nodes' writes move no local version). A poll therefore costs one read per distinct key at most, and nothing at all while
 * nothing is written, however many streams listen; their number is capped
 * ({@linkcode ListenHubOptions.maxListens}, `MAX_LISTENS`), and so is each client's
 * ({@linkcode ListenHubOptions.maxPerClient}, `MAX_LISTENS_PER_CLIENT`): a stream costs its
 * client nothing once open, and a few sockets that never read again held every place (attack25 F4).
 *
 * @module
 */
import type { Config } from "../../config.ts";
import { AtCapacity } from "../../errors.ts";
import type { Database } from "../../storage/mod.ts";
import { outsideTurn } from "../../turn_away.ts";

/** How often watched items are read again, in ms. */
export const POLL_MS = 1_000;

/** How long a listen refused at the cap is asked to wait before it tries again. */
export const LISTEN_RETRY_MS = 5_000;

/** The prefix of a task's key: read each poll (this node's memory, or the `tasks` table). */
export const TASK_KEY = "task:";

/** A key's fingerprint; null when the item is gone (a deleted persona). */
export type Fingerprint = number | null;

/** What one stream watches and how it is told. */
export interface Watch {
  /** The keys, in the order changes are told. */
  readonly keys: readonly string[];
  /** Reads one key now (with this stream's context). */
  read(key: string): Promise<Fingerprint>;
  /** Tells the stream that `key` changed. */
  changed(key: string): void;
  /** The stream's end. */
  readonly signal: AbortSignal;
  /** The client's network (`Session.client`), counted against the per-client cap; none: not counted. */
  readonly client?: string;
}

/** Options of {@linkcode ListenHub}. */
export interface ListenHubOptions {
  /** Most streams at once; past it a listen is refused with {@linkcode AtCapacity}. */
  maxListens: number;
  /** Most streams of one client (a network, {@linkcode Watch.client}); none: no such cap. */
  maxPerClient?: number;
  /**
   * The data's version: while it stays the same nothing stored changed, and stored values are
   * reused. Undefined (or answering undefined): every key is read each poll.
   */
  version?: () => Promise<string | undefined>;
  /** Keys read every poll whatever the version (state that is not in the database). */
  volatile?: (key: string) => boolean;
  /** The poll interval (default {@linkcode POLL_MS}). */
  pollMs?: number;
}

interface Listener {
  readonly watch: Watch;
  /** What the stream saw last, per key; undefined until its first reading is done. */
  seen: Map<string, Fingerprint> | undefined;
}

/** See the module documentation. */
export class ListenHub {
  readonly #options: ListenHubOptions;
  readonly #listeners = new Set<Listener>();
  /** Open streams by client (those that name one); a client with none has no entry. */
  readonly #perClient = new Map<string, number>();
  /** The last values read of non-volatile keys, valid while the version is `#valuesVersion`. */
  #values = new Map<string, Fingerprint>();
  #valuesVersion: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #polling = false;

  constructor(options: ListenHubOptions) {
    this.#options = options;
  }

  /** How many streams listen now. */
  get size(): number {
    return this.#listeners.size;
  }

  /** How many streams `client` has open. */
  openBy(client: string): number {
    return this.#perClient.get(client) ?? 0;
  }

  /**
   * Admits a stream (synchronously: concurrent listens cannot pass the caps together), or throws
   * {@linkcode AtCapacity} at either cap. Returns the function that lets the stream go.
   */
  admit(watch: Watch): { start(): Promise<void>; leave(): void } {
    const { maxListens, maxPerClient } = this.#options;
    if (this.#listeners.size >= maxListens) {
      throw new AtCapacity(
        `Too many subscriptions/listen streams (${maxListens}, MAX_LISTENS); retry later`,
        { limit: maxListens, retry_after_ms: LISTEN_RETRY_MS },
      );
    }
    const client = watch.client;
    if (client !== undefined && maxPerClient !== undefined && this.openBy(client) >= maxPerClient) {
      throw new AtCapacity(
        `Too many subscriptions/listen streams from this client (${maxPerClient}, ` +
          `MAX_LISTENS_PER_CLIENT); end one, or retry later`,
        { limit: maxPerClient, retry_after_ms: LISTEN_RETRY_MS, reason: "per_client" },
      );
    }
    const listener: Listener = { watch, seen: undefined };
    this.#listeners.add(listener);
    if (client !== undefined) this.#perClient.set(client, this.openBy(client) + 1);
    this.#schedule();
    return {
      start: () => this.#start(listener),
      leave: () => {
        if (!this.#listeners.delete(listener)) return;
        if (client !== undefined) {
          const left = this.openBy(client) - 1;
          if (left > 0) this.#perClient.set(client, left);
          else this.#perClient.delete(client);
        }
        if (this.#listeners.size === 0) this.#stop();
      },
    };
  }

  /** Reads what the stream sees first (stored values when nothing was written since). */
  async #start(listener: Listener): Promise<void> {
    const version = await this.#version();
    const seen = new Map<string, Fingerprint>();
    for (const key of listener.watch.keys) {
      const stored = this.#stored(key, version);
      const value = stored !== undefined ? stored : await this.#read(listener, key);
      // A key that could not be read takes the next poll's value as its first, untold.
      if (value !== undefined) seen.set(key, value);
    }
    listener.seen = seen;
  }

  /** One poll now: reads each distinct key once and tells every stream of its changes. */
  async poll(): Promise<void> {
    const version = await this.#version();
    const readers = new Map<string, Listener>();
    for (const listener of this.#listeners) {
      if (listener.seen === undefined) continue;
      for (const key of listener.watch.keys) if (!readers.has(key)) readers.set(key, listener);
    }
    const current = new Map<string, Fingerprint>();
    const read = new Map<string, Fingerprint>();
    for (const [key, listener] of readers) {
      const stored = this.#stored(key, version);
      if (stored !== undefined) {
        current.set(key, stored);
        continue;
      }
      const value = await this.#read(listener, key);
      // A read cut short by its own stream's end is no change of the item.
      if (value === undefined || listener.watch.signal.aborted) continue;
      current.set(key, value);
      read.set(key, value);
    }
    this.#remember(read, version);
    for (const listener of this.#listeners) {
      const seen = listener.seen;
      if (seen === undefined || listener.watch.signal.aborted) continue;
      for (const key of listener.watch.keys) {
        const value = current.get(key);
        if (value === undefined || seen.get(key) === value) continue;
        const known = seen.has(key);
        seen.set(key, value);
        if (known) listener.watch.changed(key);
      }
    }
  }

  async #version(): Promise<string | undefined> {
    return await this.#options.version?.();
  }

  /** The stored value of `key` if it still holds at `version`; undefined if it must be read. */
  #stored(key: string, version: string | undefined): Fingerprint | undefined {
    if (version === undefined || version !== this.#valuesVersion) return undefined;
    if (this.#options.volatile?.(key)) return undefined;
    return this.#values.get(key);
  }

  /** Keeps what was read under `version` (a moved version forgets the rest). */
  #remember(read: Map<string, Fingerprint>, version: string | undefined): void {
    if (version !== this.#valuesVersion) {
      this.#values = new Map();
      this.#valuesVersion = version;
    }
    if (version === undefined) return;
    for (const [key, value] of read) {
      if (!this.#options.volatile?.(key)) this.#values.set(key, value);
    }
  }

  /** Reads `key` with `listener`'s context; undefined when the read failed. */
  async #read(listener: Listener, key: string): Promise<Fingerprint | undefined> {
    try {
      return await listener.watch.read(key);
    } catch {
      return undefined;
    }
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#polling) return;
    // Outside any turn: a timer keeps the context it is made in, and each poll makes the next, so
    // made in the first listen's request every poll ran as that request, its claim referenced
    // while any stream listened (and its marked waits gave that request's turn back).
    this.#timer = outsideTurn(() =>
      setTimeout(() => {
        this.#timer = undefined;
        void this.#run();
      }, this.#options.pollMs ?? POLL_MS)
    );
  }

  async #run(): Promise<void> {
    this.#polling = true;
    try {
      await this.poll();
    } catch {
      // The database closing under a poll (shutdown): the streams end with it.
    } finally {
      this.#polling = false;
      if (this.#listeners.size > 0) this.#schedule();
    }
  }

  #stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/** MAX_LISTENS_PER_CLIENT, or unset a quarter of MAX_LISTENS (at least one). */
export function listensPerClient(
  config: Pick<Config, "MAX_LISTENS" | "MAX_LISTENS_PER_CLIENT">,
): number {
  return config.MAX_LISTENS_PER_CLIENT ?? Math.max(1, Math.floor(config.MAX_LISTENS / 4));
}

/**
 * The hub of a server over `db`. Its data version is this process's write count with the
 * file's change stamp (other processes' commits) where every watched item lives in that SQLite
 * file; elsewhere (PostgreSQL, whose change stamps cover only some tables; Chroma memories) every
 * key is read each poll.
 */
export function listenHubFor(services: { config: Config; db: Database }): ListenHub {
  const { config, db } = services;
  const versioned = db.dialect === "sqlite" && config.MEMORY_BACKEND === "sqlite";
  return new ListenHub({
    maxListens: config.MAX_LISTENS,
    maxPerClient: listensPerClient(config),
    version: versioned ? async () => `${db.writes}:${await db.changeStamp("listens")}` : undefined,
    volatile: (key) => key.startsWith(TASK_KEY),
  });
}
