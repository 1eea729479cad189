/**
 * Lorebooks an import is still writing: those attached to a persona being imported (a bundle's
 * shared books, `LoreService.createAttached`) or owned by one (its card's book). Lists, counts,
 * pages and lookups by id skip them, as every read skips the persona
 * (`core/personas/README.md`), until the import's last write clears the persona's mark: then
 * they show together with it, and an import discarded takes them with it unseen.
 *
 * @module
 */

/** The ids of the books imports under way wrote (the personas' partial index finds them). */
// From the marked personas (CROSS JOIN: SQLite keeps that order), never a scan of the books.
const IMPORTING_BOOK_IDS = `SELECT l.lorebook_id FROM personas p CROSS JOIN persona_lorebooks l
  WHERE p.importing IS NOT NULL AND l.persona_id = p.id
  UNION SELECT o.id FROM personas p CROSS JOIN lorebooks o
  WHERE p.importing IS NOT NULL AND o.owner_persona_id = p.id`;

/** A condition on a `lorebooks` row (`alias`): no import under way wrote it. */
export function notImporting(alias = "lorebooks"): string {
  return `${alias}.id NOT IN (${IMPORTING_BOOK_IDS})`;
}

/** The `lorebooks` rows reads see, as a table named `lorebooks` (for `FROM`). */
export const VISIBLE_LOREBOOKS = `(SELECT * FROM lorebooks v WHERE ${
  notImporting("v")
}) AS lorebooks`;
