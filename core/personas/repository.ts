/**
 * Persona rows (SQLite or PostgreSQL).
 *
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { Conflict } from "../errors.ts";
import type { Database } from "../storage/database.ts";
import { isUniqueViolation } from "../storage/errors.ts";
import { databaseTime, NOT_CLAIMED } from "./import_lease.ts";
import { NameIndex } from "./name_index.ts";
import { PersonaCache } from "./persona_cache.ts";
import { COLUMNS, fromRow, loadPersonas, type PersonaRow, personaRows } from "./persona_rows.ts";
import {
  BY_ID,
  INSERT_IMPORTING,
  INSERT_PERSONA,
  UPDATE_PERSONA,
  updateValues,
} from "./persona_statements.ts";
import type { Persona } from "./schema.ts";

export { personaMigrations } from "./migrations.ts";

/**
 * Reads and writes persona rows. Reads are served from memory (`persona_cache.ts`): personas
 * are read on nearly every request and written rarely. Our own writes are applied to it once
 * committed; changes by
 * another process or node show once the database's change stamp moves (at once on PostgreSQL
 * when its NOTIFY arrives, and at the latest after `CHANGE_CHECK_MS`). A persona missing from the
 * cache is looked up in the database (by name: the stamp is read afresh), so one created
 * elsewhere a moment ago is found, and `list` asks for a fresh stamp; only
 * {@linkcode findSender} also keeps what named no persona, within the same bound as the rows.
 * Names are looked up in a {@linkcode NameIndex} of the cache (one map step). Returned personas
 * are shared: treat them as read-only.
 */
export class PersonaRepository {
  readonly #db: Database;
  readonly #cache: PersonaCache;
  /** The persona the caller's import is writing ({@linkcode whileImporting}): seen by it only. */
  readonly #importing = new AsyncLocalStorage<Persona>();

  /** Creates a repository over `db` (migrated). */
  constructor(db: Database) {
    this.#db = db;
    this.#cache = new PersonaCache(db, () => loadPersonas(db));
  }

  #all(fresh = false): Promise<Map<string, Persona>> {
    return this.#cache.personas(fresh);
  }

  /** Every persona, oldest first. */
  async list(): Promise<Persona[]> {
    return [...(await this.#all(true)).values()];
  }

  /** The persona with `id`. */
  async findById(id: string): Promise<Persona | undefined> {
    const own = this.#importing.getStore();
    if (own?.id === id) return own;
    const cached = (await this.#all()).get(id);
    if (cached) return cached;
    // Created by another node since the cache was loaded (or no such persona).
    const row = await this.#db.get<PersonaRow>(BY_ID, id);
    if (!row) return undefined;
    this.#cache.forget();
    return fromRow(row);
  }

  /**
   * The persona `name` names (`NameIndex.find`: spelt so, else the same name in any case or
   * compatibility form, else a look-alike; the oldest of several): from the cache (as current as
   * {@linkcode findById}'s answers); on a miss, from the cache again once the change stamp, read
   * afresh, says it is current, so one created elsewhere a moment ago is found.
   */
  async findByName(name: string): Promise<Persona | undefined> {
    const own = this.#importing.getStore();
    if (own && new NameIndex([own]).find(name)) return own;
    const cache = await this.#all();
    const found = this.#cache.names(cache).find(name);
    if (found) return cache.get(found.id);
    const current = await this.#all(true);
    if (current === cache) return undefined;
    const named = this.#cache.names(current).find(name);
    return named && current.get(named.id);
  }

  /**
   * The stored personas' names, current (the change stamp read afresh; inside a transaction that
   * wrote personas, read from it): what a write that takes a name checks, under the names lock.
   */
  async names(): Promise<NameIndex> {
    return this.#cache.names(await this.#all(true));
  }

  /**
   * The persona whose name the unique index takes for `name` (`lower()`: ASCII case), if any:
   * what a write of `name` would clash with in the database itself. A persona still being
   * imported (hidden from every read) is `"importing"`: its name is taken all the same.
   */
  async findByIndexedName(name: string): Promise<Persona | "importing" | undefined> {
    const row = await this.#db.get<{ id: string; importing: string | null }>(
      "SELECT id, importing FROM personas WHERE lower(name) = lower(?)",
      name,
    );
    if (row?.importing != null) return "importing";
    return row && await this.findById(row.id);
  }

  /**
   * The persona a chat sender names, by id, else by name (as {@linkcode findByName}), looked up
   * in the cache first: a persona's name as sender costs no query. Every chat asks, and most
   * senders ("user") name none: such a miss is kept while the cache it was looked up beside is
   * current, so a repeated one costs no query (a persona created elsewhere then shows within the
   * change stamp's bound, as changes to cached personas do).
   */
  async findSender(sender: string): Promise<Persona | undefined> {
    const cache = await this.#all();
    const byId = cache.get(sender);
    if (byId) return byId;
    if (this.#cache.isStranger(sender, cache)) return undefined;
    const name = sender.trim().normalize("NFC");
    const byName = this.#cache.names(cache).find(name);
    if (byName) return cache.get(byName.id);
    const generation = this.#cache.generation;
    const found = await this.findById(sender) ?? await this.findByName(name);
    if (!found) this.#cache.addStranger(sender, cache, generation);
    return found;
  }

  /** Number of personas. */
  async count(): Promise<number> {
    return (await this.#all(true)).size;
  }

  /** The persona with `id` as stored now (never the cache): what an update starts from. */
  async current(id: string): Promise<Persona | undefined> {
    const row = await this.#db.get<PersonaRow>(BY_ID, id);
    return row && fromRow(row);
  }

  /**
   * The names imports under way have taken (null when none is): taken still, though no read
   * sees their personas yet.
   */
  async importingNames(): Promise<NameIndex | null> {
    const rows = await this.#db.all<{ id: string; name: string }>(
      "SELECT id, name FROM personas WHERE importing IS NOT NULL ORDER BY created_at, name",
    );
    return rows.length > 0 ? new NameIndex(rows) : null;
  }

  /** The import mark of persona `id`: undefined when it is no unfinished import's. */
  async importMark(id: string): Promise<string | undefined> {
    const row = await this.#db.get<{ importing: string | null }>(
      "SELECT importing FROM personas WHERE id = ?",
      id,
    );
    return row?.importing ?? undefined;
  }

  /** Every persona an import is writing (or left, cut off), with its mark. */
  async unfinishedImports(): Promise<{ persona: Persona; mark: string }[]> {
    const rows = await this.#db.all<PersonaRow & { importing: string }>(
      `SELECT ${COLUMNS}, importing FROM personas WHERE importing IS NOT NULL`,
    );
    return rows.map((row) => ({ persona: fromRow(row), mark: row.importing }));
  }

  /**
   * Inserts the new `persona` an import is about to write, marked `mark`: no read sees it until
   * {@linkcode finishImport}. A name another persona took meanwhile is a {@linkcode Conflict}.
   */
  async insertImporting(persona: Persona, mark: string): Promise<void> {
    await this.#write(persona, async () => {
      await this.#db.run(INSERT_IMPORTING, ...personaRows.values(persona), mark);
      return 0; // Not in the cache yet.
    });
  }

  /** Clears the mark of `persona`'s import (one write): false when its row is gone or claimed. */
  async finishImport(persona: Persona): Promise<boolean> {
    return await this.#write(
      persona,
      () =>
        this.#db.run(
          `UPDATE personas SET importing = NULL WHERE id = ? AND ${NOT_CLAIMED}`,
          persona.id,
        ),
    ) > 0;
  }

  /**
   * Rewrites the mark of `id`'s import (its lease, `import_lease.ts`): false when the row is gone,
   * finished or claimed by a sweep. The row stays hidden; caches see a change (one reload per
   * refresh, every 20 s per running import).
   */
  async refreshImport(id: string, mark: string): Promise<boolean> {
    return await this.#db.run(
      `UPDATE personas SET importing = ? WHERE id = ? AND ${NOT_CLAIMED}`,
      mark,
      id,
    ) > 0;
  }

  /** Swaps `id`'s mark for `claim` if it is still `mark` (a sweep's compare-and-swap). */
  async claimImport(id: string, mark: string, claim: string): Promise<boolean> {
    const sql = "UPDATE personas SET importing = ? WHERE id = ? AND importing = ?";
    return await this.#db.run(sql, claim, id, mark) > 0;
  }

  /** The database's time (epoch ms): lease marks are written and judged by it. */
  databaseNow(): Promise<number> {
    return databaseTime(this.#db);
  }

  /** Runs `work` (an import's) seeing `persona`, which it is writing, by id and by name. */
  whileImporting<T>(persona: Persona, work: () => Promise<T>): Promise<T> {
    return this.#importing.run(persona, work);
  }

  /** Inserts the new `persona`; a name another persona took meanwhile is a {@linkcode Conflict}. */
  async insert(persona: Persona): Promise<void> {
    await this.#write(persona, () => this.#db.run(INSERT_PERSONA, ...personaRows.values(persona)));
  }

  /**
   * Rewrites the stored `persona` (all but its id and creation time); false when there is no
   * such row (deleted meanwhile: nothing is written). A name another persona took meanwhile is a
   * {@linkcode Conflict}.
   */
  async update(persona: Persona): Promise<boolean> {
    return await this.#write(
      persona,
      () => this.#db.run(UPDATE_PERSONA, ...updateValues(persona)),
    ) >
      0;
  }

  async #write(persona: Persona, write: () => Promise<number>): Promise<number> {
    let written: number;
    try {
      written = await write();
    } catch (error) {
      this.#cache.failed();
      if (!isUniqueViolation(error)) throw error;
      throw new Conflict(`Cannot use name "${persona.name}": another persona has just taken it`, [
        { field: "name", message: "is already used by another persona" },
      ]);
    }
    await this.#cache.wrote(written > 0 ? { persona } : null);
    return written;
  }

  /** Deletes the persona with `id` (rows of other modules go with it by cascade). */
  async delete(id: string): Promise<boolean> {
    let deleted: boolean;
    try {
      deleted = await this.#db.run("DELETE FROM personas WHERE id = ?", id) > 0;
    } catch (error) {
      this.#cache.failed();
      throw error;
    }
    await this.#cache.wrote(deleted ? { deleted: id } : null);
    return deleted;
  }

  /** Reads an `app_meta` flag. */
  async getMeta(key: string): Promise<string | undefined> {
    return (await this.#db.get<{ value: string }>("SELECT value FROM app_meta WHERE key = ?", key))
      ?.value;
  }

  /** Writes an `app_meta` flag. */
  async setMeta(key: string, value: string): Promise<void> {
    await this.#db.run(
      "INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      key,
      value,
    );
  }

  /**
   * Runs `work` in one transaction holding the lock `key` (one at a time, across nodes too);
   * inside another such transaction, joins it and takes `key` as well. Its writes reach the
   * cache once it commits.
   */
  exclusively<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.#cache.exclusively(key, work);
  }
}
