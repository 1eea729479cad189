/**
 * The attachments of lorebooks to personas and to rooms (`persona_lorebooks`, `room_lorebooks`),
 * in the order they were attached (`seq`): the SQL behind `LorebookRepository`'s attach, detach
 * and attachment reads.
 *
 * @module
 */
import type { Database } from "../storage/database.ts";
import { linkOf, type LoreTarget } from "./stored.ts";

/** The persona and room ids a book is attached to, each in attachment order. */
export interface BookAttachments {
  persona_ids: string[];
  room_ids: string[];
}

const ATTACHMENTS = [
  ["persona_lorebooks", "persona_id", "persona_ids"],
  ["room_lorebooks", "room_id", "room_ids"],
] as const;

/** Attaches book `id` to `target`, last in its order (again: no change). */
export async function attachBook(db: Database, id: string, target: LoreTarget): Promise<void> {
  const [table, column, key] = linkOf(target);
  await db.run(
    `INSERT INTO ${table} (${column}, lorebook_id, seq)
     VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM ${table} WHERE ${column} = ?))
     ON CONFLICT DO NOTHING`,
    key,
    id,
    key,
  );
}

/** Detaches book `id` from `target`; false when it was not attached. */
export async function detachBook(db: Database, id: string, target: LoreTarget): Promise<boolean> {
  const [table, column, key] = linkOf(target);
  return await db.run(`DELETE FROM ${table} WHERE ${column} = ? AND lorebook_id = ?`, key, id) > 0;
}

/** The persona and room ids each of books `ids` is attached to (two queries in all). */
export async function attachmentsOfBooks(
  db: Database,
  ids: readonly string[],
): Promise<Map<string, BookAttachments>> {
  const found = new Map<string, BookAttachments>(
    ids.map((id) => [id, { persona_ids: [], room_ids: [] }]),
  );
  if (ids.length === 0) return found;
  const marks = ids.map(() => "?").join(", ");
  for (const [table, column, field] of ATTACHMENTS) {
    const rows = await db.all<{ lorebook_id: string; id: string }>(
      `SELECT lorebook_id, ${column} AS id FROM ${table} WHERE lorebook_id IN (${marks})
       ORDER BY seq`,
      ...ids,
    );
    for (const row of rows) found.get(row.lorebook_id)?.[field].push(row.id);
  }
  return found;
}
