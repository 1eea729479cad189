/**
 * Persona rows (SQLite or PostgreSQL).
 *
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { Conflict } from "../errors.ts";
import type { Database, SqlValue } from "../storage/database.ts";
import { isUniqueViolation } from "../storage/errors.ts";
import { columnList, insertSql, rowMapper } from "../storage/rows.ts";
import { NameIndex } from "./name_index.ts";
import type { Persona } from "./schema.ts";

export { personaMigrations } from "./migrations.ts";

/** Columns stored as JSON text. */
const JSON_COLUMNS = [
  "personality_traits",
  "goals",
  "topic_preferences",
  "alternate_greetings",
  "tags",
  "extensions",
  "card_extras",
] as const;

/** A row: the persona with its JSON columns as text. */
type PersonaRow =
  & Omit<Persona, (typeof JSON_COLUMNS)[number]>
  & Record<(typeof JSON_COLUMNS)[number], string>;

function fromRow(row: PersonaRow): Persona {
  const persona: Record<string, unknown> = { ...row };
  for (const column of JSON_COLUMNS) persona[column] = JSON.parse(row[column]);
  return persona as unknown as Persona;
}

const personaRows = rowMapper<Persona>("personas", {
  id: true,
  name: true,
  description: true,
  personality_traits: "json",
  backstory: true,
  goals: "json",
  topic_preferences: "json",
  speaking_style: true,
  model: true,
  traits_source: true,
  personality: true,
  scenario: true,
  first_mes: true,
  alternate_greetings: "json",
  mes_example: true,
  system_prompt: true,
  post_history_instructions: true,
  creator_notes: true,
  tags: "json",
  creator: true,
  character_version: true,
  extensions: "json",
  card_extras: "json",
  created_at: true,
  updated_at: true,
});
const COLUMNS = columnList(personaRows);
/** Senders kept as naming no persona, at most (then forgotten at once): bounded memory. */
const MAX_STRANGERS = 1024;
const INSERT_PERSONA = insertSql(personaRows);
/** What an update rewrites: every column but the key and the creation time. */
const UPDATED_COLUMNS = personaRows.columns.filter((name) =>
  name !== "id" && name !== "created_at"
);
// An UPDATE, never an upsert: a persona deleted meanwhile stays deleted (no row is touched).
const UPDATE_PERSONA = `UPDATE personas SET ${
  UPDATED_COLUMNS.map((name) => `${name} = ?`).join(", ")
} WHERE id = ?`;

/** The bound values of {@linkcode UPDATE_PERSONA} for `persona`. */
function updateValues(persona: Persona): SqlValue[] {
  const values = personaRows.values(persona);
  const byColumn = new Map(personaRows.columns.map((name, i) => [name, values[i]!]));
  return [...UPDATED_COLUMNS.map((name) => byColumn.get(name)!), persona.id];
}

/** A write of ours, to bring the cache in step with once it is committed. */
type Change = { persona: Persona } | { deleted: string };

/** A transaction this repository began ({@linkcode PersonaRepository.exclusively}). */
interface OwnTransaction {
  /** Its writes so far (uncommitted). */
  readonly changes: Change[];
  /** Its statements on `personas`: each moves PostgreSQL's change stamp by one. */
  statements: number;
  /** True once a statement failed: the cache is then forgotten at its end. */
  failed: boolean;
}

/**
 * Reads and writes persona rows. Reads are served from memory: personas are read on nearly
 * every request and written rarely. Our own writes are applied to it once committed; changes by
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
  #cache: Map<string, Persona> | null = null;
  #stamp = "";
  /** The latest creation time in the cache: a new persona after it goes last in place. */
  #newest = "";
  /** The cache's names by key (built at its first name lookup), and the one before. */
  #index: { cache: Map<string, Persona>; names: NameIndex } | null = null;
  /** Bumped by every write of ours: a load that began before it must not fill the cache. */
  #generation = 0;
  /** Chat senders that named no persona, beside the cache of that moment (emptied with it). */
  #strangers = new Set<string>();
  /** The transaction of ours the caller runs in, if any. */
  readonly #own = new AsyncLocalStorage<OwnTransaction>();

  /** Creates a repository over `db` (migrated). */
  constructor(db: Database) {
    this.#db = db;
  }

  /**
   * True when the caller may see rows the cache must not hold: it runs in a transaction of ours
   * that wrote personas. (In another module's transaction, a write of ours forgets the cache, and
   * at its end again, as a load inside it may have read it.)
   */
  #uncommitted(): boolean {
    const own = this.#own.getStore();
    return own !== undefined && this.#db.inTransaction && (own.statements > 0 || own.failed);
  }

  async #all(fresh = false): Promise<Map<string, Persona>> {
    if (this.#uncommitted()) return await this.#load();
    const generation = this.#generation;
    // The stamp is read before the rows: a commit in between only causes one extra reload.
    const stamp = await this.#db.changeStamp("personas", { fresh });
    if (this.#cache !== null && stamp === this.#stamp) return this.#cache;
    const cache = await this.#load();
    if (generation === this.#generation) {
      this.#cache = cache;
      this.#stamp = stamp;
      this.#newest = [...cache.values()].at(-1)?.created_at ?? "";
      this.#strangers.clear();
    }
    return cache;
  }

  async #load(): Promise<Map<string, Persona>> {
    const rows = await this.#db.all<PersonaRow>(
      `SELECT ${COLUMNS} FROM personas ORDER BY created_at, name`,
    );
    return new Map(rows.map((row) => [row.id, fromRow(row)]));
  }

  /** The names of `cache` by key: built once per cache, its keys reused from the one before. */
  #namesOf(cache: Map<string, Persona>): NameIndex {
    if (this.#index?.cache === cache) return this.#index.names;
    const names = new NameIndex(cache.values(), { previous: this.#index?.names });
    // Only the shared cache's index is kept: a transaction's own view is used once.
    if (cache === this.#cache) this.#index = { cache, names };
    return names;
  }

  #forget(): void {
    this.#cache = null;
    this.#generation++;
  }

  /** Records a statement of ours on `personas` (`change`: what it wrote, when it did). */
  async #wrote(change: Change | null): Promise<void> {
    const own = this.#own.getStore();
    this.#generation++;
    if (own !== undefined && this.#db.inTransaction) {
      own.statements++;
      if (change) own.changes.push(change);
    } else if (this.#db.inTransaction) {
      // Another module's transaction: it may yet roll back, and its end is not ours to see.
      this.#forget();
    } else {
      await this.#settle(change ? [change] : [], 1);
    }
  }

  /**
   * Brings the cache in step with `changes`, committed by `statements` statements of ours. It is
   * set aside at once (a read meanwhile loads the rows, with our commit in them), then taken back
   * with the changes applied when nothing else changed personas since it was loaded (the change
   * stamp moved by our statements only: not at all on SQLite, by one a statement on PostgreSQL)
   * and nothing was loaded or written meanwhile; else it is left for a load when next needed.
   */
  async #settle(changes: readonly Change[], statements: number): Promise<void> {
    const cache = this.#cache;
    this.#forget();
    if (cache === null) return;
    const generation = this.#generation;
    const before = this.#stamp;
    const stamp = await this.#db.changeStamp("personas", { fresh: true });
    if (this.#cache !== null || generation !== this.#generation) return;
    const expected = this.#db.dialect === "postgres" ? String(Number(before) + statements) : before;
    if (stamp !== expected || !this.#apply(cache, changes)) return;
    this.#cache = cache;
    this.#stamp = stamp;
    this.#strangers.clear();
  }

  /**
   * Applies `changes` to `cache` and its name index; false when one would move a persona in the
   * order a load reads them in (`created_at`, then `name`), left to a load then.
   */
  #apply(cache: Map<string, Persona>, changes: readonly Change[]): boolean {
    const names = this.#index?.cache === cache ? this.#index.names : null;
    for (const change of changes) {
      if ("deleted" in change) {
        cache.delete(change.deleted);
        names?.remove(change.deleted);
        continue;
      }
      const { persona } = change;
      const known = cache.get(persona.id);
      if (known === undefined) {
        if (persona.created_at <= this.#newest) return false;
        this.#newest = persona.created_at;
      } else if (
        known.name !== persona.name &&
        [...cache.values()].some((other) =>
          other.id !== persona.id && other.created_at === persona.created_at
        )
      ) return false;
      cache.set(persona.id, persona);
      names?.put(persona.id, persona.name);
    }
    return true;
  }

  /** Every persona, oldest first. */
  async list(): Promise<Persona[]> {
    return [...(await this.#all(true)).values()];
  }

  /** The persona with `id`. */
  async findById(id: string): Promise<Persona | undefined> {
    const cached = (await this.#all()).get(id);
    if (cached) return cached;
    // Created by another node since the cache was loaded (or no such persona).
    const row = await this.#db.get<PersonaRow>(`SELECT ${COLUMNS} FROM personas WHERE id = ?`, id);
    if (!row) return undefined;
    this.#forget();
    return fromRow(row);
  }

  /**
   * The persona `name` names (`NameIndex.find`: spelt so, else the same name in any case or
   * compatibility form, else a look-alike; the oldest of several): from the cache (as current as
   * {@linkcode findById}'s answers); on a miss, from the cache again once the change stamp, read
   * afresh, says it is current, so one created elsewhere a moment ago is found.
   */
  async findByName(name: string): Promise<Persona | undefined> {
    const cache = await this.#all();
    const found = this.#namesOf(cache).find(name);
    if (found) return cache.get(found.id);
    const current = await this.#all(true);
    if (current === cache) return undefined;
    const named = this.#namesOf(current).find(name);
    return named && current.get(named.id);
  }

  /**
   * The stored personas' names, current (the change stamp read afresh; inside a transaction that
   * wrote personas, read from it): what a write that takes a name checks, under the names lock.
   */
  async names(): Promise<NameIndex> {
    return this.#namesOf(await this.#all(true));
  }

  /**
   * The persona whose name the unique index takes for `name` (`lower()`: ASCII case), if any:
   * what a write of `name` would clash with in the database itself.
   */
  async findByIndexedName(name: string): Promise<Persona | undefined> {
    const row = await this.#db.get<{ id: string }>(
      "SELECT id FROM personas WHERE lower(name) = lower(?)",
      name,
    );
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
    if (cache === this.#cache && this.#strangers.has(sender)) return undefined;
    const name = sender.trim().normalize("NFC");
    const byName = this.#namesOf(cache).find(name);
    if (byName) return cache.get(byName.id);
    const generation = this.#generation;
    const found = await this.findById(sender) ?? await this.findByName(name);
    if (!found && generation === this.#generation && cache === this.#cache) {
      if (this.#strangers.size >= MAX_STRANGERS) this.#strangers.clear();
      this.#strangers.add(sender);
    }
    return found;
  }

  /** Number of personas. */
  async count(): Promise<number> {
    return (await this.#all(true)).size;
  }

  /** The persona with `id` as stored now (never the cache): what an update starts from. */
  async current(id: string): Promise<Persona | undefined> {
    const row = await this.#db.get<PersonaRow>(`SELECT ${COLUMNS} FROM personas WHERE id = ?`, id);
    return row && fromRow(row);
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
      this.#failed();
      if (!isUniqueViolation(error)) throw error;
      throw new Conflict(`Cannot use name "${persona.name}": another persona has just taken it`, [
        { field: "name", message: "is already used by another persona" },
      ]);
    }
    await this.#wrote(written > 0 ? { persona } : null);
    return written;
  }

  /** A statement of ours failed: the cache is forgotten (at the end of our transaction). */
  #failed(): void {
    const own = this.#own.getStore();
    if (own !== undefined && this.#db.inTransaction) own.failed = true;
    this.#forget();
  }

  /** Deletes the persona with `id` (rows of other modules go with it by cascade). */
  async delete(id: string): Promise<boolean> {
    let deleted: boolean;
    try {
      deleted = await this.#db.run("DELETE FROM personas WHERE id = ?", id) > 0;
    } catch (error) {
      this.#failed();
      throw error;
    }
    await this.#wrote(deleted ? { deleted: id } : null);
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
   * inside another such transaction, joins it and takes `key` as well. Its writes reach the cache
   * once it commits.
   */
  async exclusively<T>(key: string, work: () => Promise<T>): Promise<T> {
    const locked = () =>
      this.#db.transaction(async () => {
        await this.#db.lock(key);
        return await work();
      });
    if (this.#db.inTransaction) {
      if (this.#own.getStore() !== undefined) return await locked();
      try {
        return await locked();
      } finally {
        // Another module's transaction: a load inside it may have read what it wrote.
        this.#forget();
      }
    }
    const own: OwnTransaction = { changes: [], statements: 0, failed: false };
    let committed = false;
    try {
      const result = await this.#own.run(own, locked);
      committed = true;
      return result;
    } finally {
      // Refused before any write (a taken name): the cache stays as it is.
      if (own.failed || (!committed && own.statements > 0)) this.#forget();
      else if (committed && own.statements > 0) await this.#settle(own.changes, own.statements);
    }
  }
}
