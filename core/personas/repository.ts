/**
 * Persona rows (SQLite or PostgreSQL).
 *
 * @module
 */
import { Conflict } from "../errors.ts";
import type { Database, SqlValue } from "../storage/database.ts";
import { isUniqueViolation } from "../storage/errors.ts";
import { columnList, insertSql, rowMapper } from "../storage/rows.ts";
import { namedRow } from "./name_key.ts";
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

/**
 * Reads and writes persona rows. Reads are served from memory: personas are read on nearly
 * every request and written rarely. Our own writes refresh it at once; changes by another
 * process or node show once the database's change stamp moves (at once on PostgreSQL when its
 * NOTIFY arrives, and at the latest after `CHANGE_CHECK_MS`). A persona missing from the cache
 * is looked up in the database, so one created elsewhere a moment ago is found, and `list` asks
 * for a fresh stamp; only {@linkcode findSender} also keeps what named no persona, within the
 * same bound as the rows. Returned personas are shared: treat them as read-only.
 */
export class PersonaRepository {
  readonly #db: Database;
  #cache: Map<string, Persona> | null = null;
  #stamp = "";
  /** Bumped by every write of ours: a load that began before it must not fill the cache. */
  #generation = 0;
  /** Chat senders that named no persona, beside the cache of that moment (emptied with it). */
  #strangers = new Set<string>();

  /** Creates a repository over `db` (migrated). */
  constructor(db: Database) {
    this.#db = db;
  }

  async #all(fresh = false): Promise<Map<string, Persona>> {
    const generation = this.#generation;
    // The stamp is read before the rows: a commit in between only causes one extra reload.
    const stamp = await this.#db.changeStamp("personas", { fresh });
    if (this.#cache !== null && stamp === this.#stamp) return this.#cache;
    const rows = await this.#db.all<PersonaRow>(
      `SELECT ${COLUMNS} FROM personas ORDER BY created_at, name`,
    );
    const cache = new Map(rows.map((row) => [row.id, fromRow(row)]));
    if (generation === this.#generation) {
      this.#cache = cache;
      this.#stamp = stamp;
      this.#strangers.clear();
    }
    return cache;
  }

  #forget(): void {
    this.#cache = null;
    this.#generation++;
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
   * The persona `name` names (`namedRow`: spelt so, else the same name in any case or
   * compatibility form, else a look-alike): from the cache (as current as {@linkcode findById}'s
   * answers), else from the database, so one created elsewhere a moment ago is found.
   */
  async findByName(name: string): Promise<Persona | undefined> {
    const cached = namedRow((await this.#all()).values(), name);
    if (cached) return cached;
    const row = namedRow(await this.names(), name);
    return row && await this.findById(row.id);
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

  /** Every persona's id and name as stored now (never the cache), oldest first. */
  names(): Promise<{ id: string; name: string }[]> {
    return this.#db.all<{ id: string; name: string }>(
      "SELECT id, name FROM personas ORDER BY created_at, name",
    );
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
    const byName = namedRow(cache.values(), name);
    if (byName) return byName;
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
    try {
      return await write();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new Conflict(`Cannot use name "${persona.name}": another persona has just taken it`, [
        { field: "name", message: "is already used by another persona" },
      ]);
    } finally {
      // Our own commits do not move SQLite's change stamp: drop the cache ourselves.
      this.#forget();
    }
  }

  /** Deletes the persona with `id` (rows of other modules go with it by cascade). */
  async delete(id: string): Promise<boolean> {
    const deleted = await this.#db.run("DELETE FROM personas WHERE id = ?", id) > 0;
    this.#forget();
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
   * inside another such transaction, joins it and takes `key` as well.
   */
  async exclusively<T>(key: string, work: () => Promise<T>): Promise<T> {
    try {
      return await this.#db.transaction(async () => {
        await this.#db.lock(key);
        return await work();
      });
    } finally {
      // A load that read beside the transaction may have cached what it changed, uncommitted.
      this.#forget();
    }
  }
}
