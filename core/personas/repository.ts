/**
 * Persona rows in SQLite.
 *
 * @module
 */
import type { Database, Migration } from "../storage/db.ts";
import { columnList, insertSql, rowMapper } from "../storage/rows.ts";
import type { Persona } from "./schema.ts";

/** Tables owned by the persona module. */
export const personaMigrations: Migration[] = [{
  name: "personas_1",
  sql: `
    CREATE TABLE personas (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE,
      description TEXT NOT NULL DEFAULT '',
      personality_traits TEXT NOT NULL,
      backstory TEXT NOT NULL DEFAULT '',
      goals TEXT NOT NULL DEFAULT '[]',
      topic_preferences TEXT NOT NULL DEFAULT '{}',
      speaking_style TEXT NOT NULL DEFAULT '',
      model TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE app_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
}, {
  // Character Card fields (issue 14); JSON columns hold lists and objects.
  name: "personas_2",
  sql: `
    ALTER TABLE personas ADD COLUMN traits_source TEXT NOT NULL DEFAULT 'set';
    ALTER TABLE personas ADD COLUMN personality TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN scenario TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN first_mes TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN alternate_greetings TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE personas ADD COLUMN mes_example TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN system_prompt TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN post_history_instructions TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN creator_notes TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE personas ADD COLUMN creator TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN character_version TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN extensions TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE personas ADD COLUMN card_extras TEXT NOT NULL DEFAULT '{}';
  `,
}];

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

/** Longest time a change made by another process may stay unseen (ms). */
export const CROSS_PROCESS_CHECK_MS = 250;

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
// An upsert, not a REPLACE: replacing would cascade away every row that references the persona.
const SAVE_PERSONA = insertSql(personaRows, { conflict: ["id"], keep: ["created_at"] });

/**
 * Reads and writes persona rows. Reads are served from memory: personas are read on nearly
 * every request and written rarely. Our own writes refresh it at once; commits by another
 * process sharing the file (a stdio instance beside the server) show within
 * {@linkcode CROSS_PROCESS_CHECK_MS}: `PRAGMA data_version` costs about as much as the query
 * it saves, so it is asked at most that often. Returned personas are shared: treat them as
 * read-only.
 */
export class PersonaRepository {
  readonly #db: Database;
  #cache: Map<string, Persona> | null = null;
  #dataVersion = -1;
  #checkedAt = 0;

  /** Creates a repository over `db` (migrated). */
  constructor(db: Database) {
    this.#db = db;
  }

  #all(): Map<string, Persona> {
    const now = performance.now();
    if (this.#cache !== null && now - this.#checkedAt < CROSS_PROCESS_CHECK_MS) return this.#cache;
    this.#checkedAt = now;
    const version = this.#db.get<{ data_version: number }>("PRAGMA data_version")!.data_version;
    if (this.#cache === null || version !== this.#dataVersion) {
      const rows = this.#db.all<PersonaRow>(
        `SELECT ${COLUMNS} FROM personas ORDER BY created_at, name`,
      );
      this.#cache = new Map(rows.map((row) => [row.id, fromRow(row)]));
      this.#dataVersion = version;
    }
    return this.#cache;
  }

  /** Every persona, oldest first. */
  list(): Persona[] {
    return [...this.#all().values()];
  }

  /** The persona with `id`. */
  findById(id: string): Persona | undefined {
    return this.#all().get(id);
  }

  /** The persona named `name`, ignoring case (SQLite's NOCASE: ASCII letters). */
  findByName(name: string): Persona | undefined {
    const row = this.#db.get<{ id: string }>("SELECT id FROM personas WHERE name = ?", name);
    return row && this.findById(row.id);
  }

  /** Number of personas. */
  count(): number {
    return this.#all().size;
  }

  /** Inserts or replaces `persona`. */
  save(persona: Persona): void {
    this.#db.run(SAVE_PERSONA, ...personaRows.values(persona));
    // Our own commits do not change data_version: drop the cache ourselves.
    this.#cache = null;
  }

  /** Deletes the persona with `id` (rows of other modules go with it by cascade). */
  delete(id: string): boolean {
    const deleted = this.#db.run("DELETE FROM personas WHERE id = ?", id) > 0;
    this.#cache = null;
    return deleted;
  }

  /** Reads an `app_meta` flag. */
  getMeta(key: string): string | undefined {
    return this.#db.get<{ value: string }>("SELECT value FROM app_meta WHERE key = ?", key)?.value;
  }

  /** Writes an `app_meta` flag. */
  setMeta(key: string, value: string): void {
    this.#db.run(
      "INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      key,
      value,
    );
  }
}
