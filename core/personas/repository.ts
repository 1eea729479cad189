/**
 * Persona rows in SQLite.
 *
 * @module
 */
import type { Database, Migration } from "../storage/db.ts";
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
}];

interface PersonaRow {
  id: string;
  name: string;
  description: string;
  personality_traits: string;
  backstory: string;
  goals: string;
  topic_preferences: string;
  speaking_style: string;
  model: string | null;
  created_at: string;
  updated_at: string;
}

function fromRow(row: PersonaRow): Persona {
  return {
    ...row,
    personality_traits: JSON.parse(row.personality_traits),
    goals: JSON.parse(row.goals),
    topic_preferences: JSON.parse(row.topic_preferences),
  };
}

const COLUMNS =
  "id, name, description, personality_traits, backstory, goals, topic_preferences, speaking_style, model, created_at, updated_at";

/** Reads and writes persona rows. */
export class PersonaRepository {
  readonly #db: Database;

  /** Creates a repository over `db` (migrated). */
  constructor(db: Database) {
    this.#db = db;
  }

  /** Every persona, oldest first. */
  list(): Persona[] {
    return this.#db.all<PersonaRow>(
      `SELECT ${COLUMNS} FROM personas ORDER BY created_at, name`,
    ).map(fromRow);
  }

  /** The persona with `id`. */
  findById(id: string): Persona | undefined {
    const row = this.#db.get<PersonaRow>(`SELECT ${COLUMNS} FROM personas WHERE id = ?`, id);
    return row && fromRow(row);
  }

  /** The persona named `name`, ignoring case. */
  findByName(name: string): Persona | undefined {
    const row = this.#db.get<PersonaRow>(`SELECT ${COLUMNS} FROM personas WHERE name = ?`, name);
    return row && fromRow(row);
  }

  /** Number of personas. */
  count(): number {
    return this.#db.get<{ n: number }>("SELECT COUNT(*) AS n FROM personas")!.n;
  }

  /** Inserts or replaces `persona`. */
  save(persona: Persona): void {
    this.#db.run(
      `INSERT INTO personas (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
         personality_traits = excluded.personality_traits, backstory = excluded.backstory,
         goals = excluded.goals, topic_preferences = excluded.topic_preferences,
         speaking_style = excluded.speaking_style, model = excluded.model,
         updated_at = excluded.updated_at`,
      persona.id,
      persona.name,
      persona.description,
      JSON.stringify(persona.personality_traits),
      persona.backstory,
      JSON.stringify(persona.goals),
      JSON.stringify(persona.topic_preferences),
      persona.speaking_style,
      persona.model,
      persona.created_at,
      persona.updated_at,
    );
  }

  /** Deletes the persona with `id` (rows of other modules go with it by cascade). */
  delete(id: string): boolean {
    return this.#db.run("DELETE FROM personas WHERE id = ?", id) > 0;
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
