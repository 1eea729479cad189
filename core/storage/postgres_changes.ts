/**
 * PostgreSQL's change stamps: one counter row per topic (`change_versions`, bumped by the
 * `notify_change` trigger in the writer's transaction) and a LISTEN on {@linkcode CHANGE_CHANNEL},
 * so that a node re-reads a topic's counter as soon as another node commits a change to it, and
 * in any case at most {@linkcode CHANGE_CHECK_MS} after it last did (a lost notification, a
 * listening connection down and reconnecting, cannot make a cache stale for longer).
 *
 * @module
 */
import { CHANGE_CHECK_MS } from "./database.ts";
import { CHANGE_CHANNEL } from "./migrations.ts";

/** What the change stamps need from the database. */
export interface ChangeSource {
  get<T>(sql: string, ...params: string[]): Promise<T | undefined>;
  listen(channel: string, onNotify: (payload: string) => void, onListen: () => void): Promise<void>;
}

/** Change stamps by topic. */
export class PostgresChanges {
  readonly #source: ChangeSource;
  readonly #known = new Map<string, { stamp: string; at: number }>();
  /** Topics another node changed since their counter was last read. */
  readonly #dirty = new Set<string>();
  #listening: Promise<void> | null = null;

  /** Stamps read from `source`. */
  constructor(source: ChangeSource) {
    this.#source = source;
  }

  #listen(): Promise<void> {
    this.#listening ??= this.#source.listen(
      CHANGE_CHANNEL,
      (topic) => this.#dirty.add(topic),
      // First start, or back after a dropped connection: anything may have been missed.
      () => this.#known.clear(),
    ).catch(() => {
      // No LISTEN (a pooler in transaction mode): the counters alone keep the bound.
    });
    return this.#listening;
  }

  /** The stamp of `topic`: its counter, read again when stale, dirty or asked `fresh`. */
  async stamp(topic: string, fresh = false): Promise<string> {
    await this.#listen();
    const now = performance.now();
    const known = this.#known.get(topic);
    if (known && !fresh && !this.#dirty.has(topic) && now - known.at < CHANGE_CHECK_MS.postgres) {
      return known.stamp;
    }
    this.#dirty.delete(topic);
    const row = await this.#source.get<{ version: number }>(
      "SELECT version FROM change_versions WHERE topic = ?",
      topic,
    );
    const stamp = String(row?.version ?? 0);
    this.#known.set(topic, { stamp, at: now });
    return stamp;
  }
}
