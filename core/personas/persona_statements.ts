/**
 * The SQL of persona writes and of the read by id, built once from the row mapper
 * (`persona_rows.ts`).
 *
 * @module
 */
import type { SqlValue } from "../storage/database.ts";
import { insertSql } from "../storage/rows.ts";
import { COLUMNS, personaRows } from "./persona_rows.ts";
import type { Persona } from "./schema.ts";

/** The insert of a persona. */
export const INSERT_PERSONA = insertSql(personaRows);
/** The insert of a persona an import is writing: its row carries the mark from the start. */
export const INSERT_IMPORTING = `INSERT INTO personas (${
  personaRows.columns.join(", ")
}, importing) VALUES (${personaRows.columns.map(() => "?").join(", ")}, ?)`;
/** A persona as reads see it: complete (no import is still writing it). */
export const BY_ID = `SELECT ${COLUMNS} FROM personas WHERE id = ? AND importing IS NULL`;
/** What an update rewrites: every column but the key and the creation time. */
const UPDATED_COLUMNS = personaRows.columns.filter((name) =>
  name !== "id" && name !== "created_at"
);
/**
 * The update of a persona's row: an UPDATE, never an upsert, so a persona deleted meanwhile
 * stays deleted (no row is touched).
 */
export const UPDATE_PERSONA = `UPDATE personas SET ${
  UPDATED_COLUMNS.map((name) => `${name} = ?`).join(", ")
} WHERE id = ?`;

/** The bound values of {@linkcode UPDATE_PERSONA} for `persona`. */
export function updateValues(persona: Persona): SqlValue[] {
  const values = personaRows.values(persona);
  const byColumn = new Map(personaRows.columns.map((name, i) => [name, values[i]!]));
  return [...UPDATED_COLUMNS.map((name) => byColumn.get(name)!), persona.id];
}
