/**
 * The attachments of lorebooks to personas and to rooms (`persona_lorebooks`, `room_lorebooks`),
 * in the order they were attached (`seq`): the SQL behind `LorebookRepository`'s attach, detach
 * and attachment reads.
 *
 * @module
 */
import { InvalidInput } from "../errors.ts";
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

/**
 * Most lorebooks attached to one persona or one room (attack18 F8): only the first
 * `LORE_MAX_BOOKS` (32) are in play for a reply, and `room.get` lists them all; 4,500 made a room
 * unreadable (its answer past MAX_REPLY_BYTES). A bundle brings at most 64 shared books.
 */
export const LORE_MAX_ATTACHMENTS = 256;

/**
 * Attaches book `id` to `target`, last in its order (again: no change); {@linkcode InvalidInput}
 * when `target` has {@linkcode LORE_MAX_ATTACHMENTS} books already. Counted and inserted in one
 * transaction under the target's lock, so parallel attaches cannot pass the cap.
 */
export async function attachBook(db: Database, id: string, target: LoreTarget): Promise<void> {
  const [table, column, key] = linkOf(target);
  await db.transaction(async () => {
    await db.lock(`lore-attach:${table}:${key}`);
    const attached = await db.get<{ n: number; here: number }>(
      `SELECT COUNT(*) AS n, COUNT(CASE WHEN lorebook_id = ? THEN 1 END) AS here
       FROM ${table} WHERE ${column} = ?`,
      id,
      key,
    );
    if (Number(attached?.here ?? 0) > 0) return;
    if (Number(attached?.n ?? 0) >= LORE_MAX_ATTACHMENTS) {
      const field = "personaId" in target ? "persona_id" : "room_id";
      throw new InvalidInput(
        `At most ${LORE_MAX_ATTACHMENTS} lorebooks can be attached to one persona or room`,
        [{ field, message: `has ${LORE_MAX_ATTACHMENTS} lorebooks attached already` }],
      );
    }
    await db.run(
      `INSERT INTO ${table} (${column}, lorebook_id, seq)
       VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM ${table} WHERE ${column} = ?))
       ON CONFLICT DO NOTHING`,
      key,
      id,
      key,
    );
  });
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
