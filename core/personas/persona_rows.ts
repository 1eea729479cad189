/**
 * Persona rows and the personas built from them: the columns (JSON ones as text), one persona
 * from a row, and every persona read at once for the persona cache (`persona_cache.ts`).
 *
 * @module
 */
import type { Database } from "../storage/database.ts";
import { columnList, rowMapper } from "../storage/rows.ts";
import type { Persona } from "./schema.ts";

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
export type PersonaRow =
  & Omit<Persona, (typeof JSON_COLUMNS)[number]>
  & Record<(typeof JSON_COLUMNS)[number], string>;

/** A JSON column's value; the empty object and list (most rows' values) without the parser. */
function parsed<T>(text: string): T {
  return (text === "{}" ? {} : text === "[]" ? [] : JSON.parse(text)) as T;
}

/**
 * A persona from its columns (`get`), built as one object literal in the columns' order: one
 * shape for every persona (a load of 10,000 builds 10,000), where a copy of the row and its JSON
 * columns set afterwards made each object change shape seven times.
 */
function build(get: <K extends keyof PersonaRow>(column: K) => PersonaRow[K]): Persona {
  return {
    id: get("id"),
    name: get("name"),
    description: get("description"),
    personality_traits: parsed(get("personality_traits")),
    backstory: get("backstory"),
    goals: parsed(get("goals")),
    topic_preferences: parsed(get("topic_preferences")),
    speaking_style: get("speaking_style"),
    model: get("model"),
    traits_source: get("traits_source"),
    personality: get("personality"),
    scenario: get("scenario"),
    first_mes: get("first_mes"),
    alternate_greetings: parsed(get("alternate_greetings")),
    mes_example: get("mes_example"),
    system_prompt: get("system_prompt"),
    post_history_instructions: get("post_history_instructions"),
    creator_notes: get("creator_notes"),
    tags: parsed(get("tags")),
    creator: get("creator"),
    character_version: get("character_version"),
    extensions: parsed(get("extensions")),
    card_extras: parsed(get("card_extras")),
    created_at: get("created_at"),
    updated_at: get("updated_at"),
  };
}

export function fromRow(row: PersonaRow): Persona {
  return build((column) => row[column]);
}

/** A persona from its row's values in {@linkcode COLUMNS}' order (SQLite's rows as arrays). */
function fromValues(values: readonly unknown[]): Persona {
  return build((column) => values[COLUMN_AT[column]] as PersonaRow[typeof column]);
}

export const personaRows = rowMapper<Persona>("personas", {
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
export const COLUMNS = columnList(personaRows);
/** Each column's place in {@linkcode COLUMNS}. */
const COLUMN_AT = Object.fromEntries(
  personaRows.columns.map((column, at) => [column, at]),
) as Record<keyof PersonaRow, number>;
/**
 * Every persona, oldest first (not those an import is still writing). On SQLite read as arrays (`Database.allArrays`): building 10,000
 * row objects of 25 named columns cost the first name lookup after a start more than the rest
 * of the load (tests/bench/first_name_lookup.ts).
 */
const ALL_PERSONAS =
  `SELECT ${COLUMNS} FROM personas WHERE importing IS NULL ORDER BY created_at, name`;

/** Every persona by id, oldest first (the persona cache's load). */
export async function loadPersonas(db: Database): Promise<Map<string, Persona>> {
  if (db.allArrays) {
    const rows = await db.allArrays(ALL_PERSONAS);
    return new Map(rows.map((values) => [values[COLUMN_AT.id] as string, fromValues(values)]));
  }
  const rows = await db.all<PersonaRow>(ALL_PERSONAS);
  return new Map(rows.map((row) => [row.id, fromRow(row)]));
}
