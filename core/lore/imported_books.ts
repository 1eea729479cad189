/**
 * Undoing the lorebooks a persona import wrote, when the import is discarded.
 *
 * @module
 */
import type { LorebookRepository } from "./repository.ts";

/**
 * Deletes the books an unfinished import of `personaId` created (`LoreService.createAttached`):
 * those attached to it and to nothing else, not a card's own book (it goes with the persona).
 * Nobody else can attach a book to a persona that is being imported: it is hidden. Returns how
 * many were deleted.
 */
export async function discardImportedBooks(
  repository: LorebookRepository,
  personaId: string,
): Promise<number> {
  const books = (await repository.attachedTo({ personaId }))
    .filter((book) => book.owner_persona_id === null);
  const links = await repository.attachmentsOf(books.map((book) => book.id));
  let deleted = 0;
  for (const book of books) {
    const { persona_ids, room_ids } = links.get(book.id)!;
    if (room_ids.length > 0 || persona_ids.some((id) => id !== personaId)) continue;
    if (await repository.delete(book.id)) deleted++;
  }
  return deleted;
}
