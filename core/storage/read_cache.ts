/**
 * Values read from the database, kept while the database's version stays the same: every write
 * this process makes moves it at once, and so do the commits of other processes or nodes, within
 * the dialect's `CHANGE_CHECK_MS` (on PostgreSQL usually at once, through NOTIFY). Then every
 * kept value is dropped. Nothing is missed, whichever table a write touches, at the cost of
 * re-reading after unrelated writes: meant for values read far more often than the database is
 * written (a persona's profile under a load of reads).
 *
 * Other nodes' commits: SQLite's version (`PRAGMA data_version`) moves with a commit to any
 * table. PostgreSQL's moves with the tables whose migration bumps {@linkcode READ_CACHE_TOPIC}
 * ({@linkcode readCacheMigrations}: avatars and lorebooks); values of other tables must not be
 * kept there ({@linkcode ReadCache.seesEveryTable} is false).
 *
 * @module
 */
import type { Database, Migration } from "./database.ts";

/** Most values kept; past it the cache starts over. */
export const READ_CACHE_LIMIT = 10_000;

/** The change topic (`Database.changeStamp`) of the tables a PostgreSQL node's cache keeps. */
export const READ_CACHE_TOPIC = "read_cache";

/** Tables whose rows `persona.get` keeps between writes, besides what SQLite always covers. */
const CACHED_TABLES = ["persona_assets", "lorebooks", "persona_lorebooks"];

/** On PostgreSQL, a change to a cached table tells every node (after those tables exist). */
export const readCacheMigrations: Migration[] = [{
  name: "read_cache_1_topic",
  sql: {
    postgres: CACHED_TABLES.map((table) =>
      `CREATE TRIGGER ${table}_read_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION notify_change('${READ_CACHE_TOPIC}');`
    ).join("\n"),
  },
}];

/** The database's version now: any change of it drops every kept value. */
export type CacheVersion = () => string | Promise<string>;

/** Options of {@linkcode ReadCache}. */
export interface ReadCacheOptions {
  /** True when the version moves with a commit to any table, not only the cached ones. */
  seesEveryTable: boolean;
  /** The version when it is known without a read (no await); undefined when a check is due. */
  knownVersion?: () => string | undefined;
}

/** A read cache over a database version. */
export class ReadCache {
  /** True when the version moves with a commit to any table, not only the cached ones. */
  readonly seesEveryTable: boolean;
  readonly #version: CacheVersion;
  readonly #knownVersion: (() => string | undefined) | undefined;
  readonly #values = new Map<string, unknown>();
  #current: string | null = null;

  /** A cache whose values stay while `version()` answers the same. */
  constructor(version: CacheVersion, options: ReadCacheOptions) {
    this.#version = version;
    this.seesEveryTable = options.seesEveryTable;
    this.#knownVersion = options.knownVersion;
  }

  /**
   * The database's version now when it is known without a read, and only where it moves with
   * every table's commits ({@linkcode seesEveryTable}); undefined otherwise. A value built from
   * reads that began and ended under one known version is right while the version stays.
   */
  knownVersion(): string | undefined {
    return this.seesEveryTable ? this.#knownVersion?.() : undefined;
  }

  /** The version now; a new one drops every kept value. */
  async #check(): Promise<string> {
    const version = await this.#version();
    if (version !== this.#current) {
      this.#values.clear();
      this.#current = version;
    }
    return version;
  }

  /**
   * The value kept under `key`, or `read()`'s, kept. `read` must depend only on the database
   * (and on what `key` names); what a read cannot keep (an error) is not kept.
   */
  async get<T>(key: string, read: () => T | Promise<T>): Promise<T> {
    // #check inlined: a kept value (nearly every call) costs one await.
    const version = await this.#version();
    if (version !== this.#current) {
      this.#values.clear();
      this.#current = version;
    }
    const kept = this.#values.get(key);
    if (kept !== undefined || this.#values.has(key)) return kept as T;
    const value = await read();
    // A write while the read ran (ours or another node's) moved the version: maybe stale.
    if (await this.#check() === version) {
      if (this.#values.size >= READ_CACHE_LIMIT) this.#values.clear();
      this.#values.set(key, value);
    }
    return value;
  }

  /** Forgets `key`. */
  delete(key: string): void {
    this.#values.delete(key);
  }
}

/**
 * The read cache of `db`: its version is this process's write count with the change stamp of
 * {@linkcode READ_CACHE_TOPIC} (on SQLite, the file's `data_version`, whatever the topic).
 */
export function readCacheOver(db: Database): ReadCache {
  // The known version's text is made once per change, not per read: the same string each time
  // compares by identity in VersionMemo (a new one is compared character by character).
  let writes = -1;
  let stamp: string | undefined;
  let text = "";
  return new ReadCache(
    async () => `${db.writes}:${await db.changeStamp(READ_CACHE_TOPIC)}`,
    {
      seesEveryTable: db.dialect === "sqlite",
      knownVersion: () => {
        const known = db.knownStamp?.(READ_CACHE_TOPIC);
        if (known === undefined) return undefined;
        if (known !== stamp || db.writes !== writes) {
          stamp = known;
          writes = db.writes;
          text = `${writes}:${stamp}`;
        }
        return text;
      },
    },
  );
}

/** A value of {@linkcode VersionMemo} and the clock times it holds for. */
interface Versioned<V> {
  value: V;
  from: number;
  until: number;
}

/**
 * Values kept by key under one known version of a {@linkcode ReadCache} (see
 * {@linkcode ReadCache.knownVersion}), each for a span of clock times (a count over the last 24
 * hours holds only so long): answered without an await while nothing is written. A new version
 * drops every value at once, so the memo holds at most one value per key read since the last write.
 */
export class VersionMemo<V> {
  #version: string | undefined;
  readonly #values = new Map<string, Versioned<V>>();

  /** The value kept for `key` under `version`, if it holds at clock time `now`. */
  get(version: string, key: string, now: number): V | undefined {
    if (version !== this.#version) return undefined;
    const kept = this.#values.get(key);
    return kept !== undefined && now >= kept.from && now <= kept.until ? kept.value : undefined;
  }

  /** Keeps `value` for `key` under `version`, for clock times `from` to `until`. */
  set(version: string, key: string, value: V, span: { from: number; until: number }): void {
    if (version !== this.#version) {
      this.#values.clear();
      this.#version = version;
    }
    if (this.#values.size >= READ_CACHE_LIMIT) this.#values.clear();
    this.#values.set(key, { value, from: span.from, until: span.until });
  }
}
