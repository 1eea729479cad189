/**
 * Reading which books are in play for a chat, in precedence order: the persona's own (its
 * card's), then those attached to it, then the room's — at most {@linkcode LORE_MAX_BOOKS}, the
 * books past them not read. `LoreService.booksFor` keeps what this reads (`books_in_play.ts`).
 *
 * @module
 */
import type { Persona } from "../personas/mod.ts";
import { LORE_MAX_BOOKS } from "./activate.ts";
import type { LorebookRepository, StoredLorebook } from "./repository.ts";

/** The persona's own book first, then the books attached to it: the first `limit` of them. */
export async function personaBooks(
  repository: LorebookRepository,
  personaId: string,
  options: { limit?: number } = {},
): Promise<StoredLorebook[]> {
  const { limit = Infinity } = options;
  const own = await repository.ownedBy(personaId);
  if (own && limit < 1) return [];
  const attached = await repository.attachedTo({ personaId }, {
    limit: own ? limit - 1 : limit,
    except: new Set(own ? [own.id] : []),
  });
  return own ? [own, ...attached] : attached;
}

/**
 * The books in play for `persona`, then (with a `roomId`) the room's, the first
 * {@linkcode LORE_MAX_BOOKS} of them.
 */
export async function readBooksInPlay(
  repository: LorebookRepository,
  chat: { persona: Persona; roomId: string | null },
): Promise<StoredLorebook[]> {
  const { persona, roomId } = chat;
  const books = await personaBooks(repository, persona.id, { limit: LORE_MAX_BOOKS });
  if (roomId !== null && books.length < LORE_MAX_BOOKS) {
    books.push(
      ...await repository.attachedTo({ roomId }, {
        limit: LORE_MAX_BOOKS - books.length,
        except: new Set(books.map((book) => book.id)),
      }),
    );
  }
  return books;
}
