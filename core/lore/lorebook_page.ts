/**
 * A page of lorebook views as `lorebook.list` answers it (`LoreService.page`): every book, or a
 * persona's or a room's. No book is parsed: views are made of the summary columns, each
 * description an excerpt read from its head (core/storage/text_head.ts).
 *
 * @module
 */
import type { Persona } from "../personas/mod.ts";
import { type Page, pageOf, type PageRequest } from "../paging.ts";
import { excerptOf } from "../storage/text_head.ts";
import type { LorebookRepository, LorebookSummary, LoreTarget } from "./repository.ts";
import { type LorebookView, viewOf } from "./lorebook_view.ts";

/** Which books a page lists (all, or a persona's, or a room's) and where it starts. */
export interface LorebookPageOptions {
  persona?: Persona;
  roomId?: string;
  request: PageRequest;
}

/**
 * A page of the views of the books `options` names, and how many there are. Of every book,
 * only the page's rows are read.
 */
export async function lorebookPage(
  repository: LorebookRepository,
  options: LorebookPageOptions,
): Promise<Page<LorebookView> & { total_count: number }> {
  let page: Page<LorebookSummary>;
  let total: number;
  const target: LoreTarget | undefined = options.persona
    ? { personaId: options.persona.id }
    : options.roomId === undefined
    ? undefined
    : { roomId: options.roomId };
  if (target) {
    // A target's books: those attached to it, listed whole (not parsed) as before. A cursor
    // carries the last book's place (its own first, then by attachment), so the next page
    // starts after it whatever was deleted or detached meanwhile (core/paging_order.ts).
    const books = await repository.summariesOf(target);
    page = pageOf(books, options.request, {
      keyOf: (book) => book.id,
      sortOf: (book) => [book.seq, book.id],
    });
    total = books.length;
  } else {
    page = await repository.summaryPage(options.request);
    total = await repository.total();
  }
  const attached = await repository.attachmentsOf(page.items.map((book) => book.id));
  return {
    items: page.items.map((book) =>
      viewOf(book, {
        description: excerptOf(book.description_head),
        entryCount: book.entry_count,
        attached: attached.get(book.id)!,
      })
    ),
    total_count: total,
    has_more: page.has_more,
    next_cursor: page.next_cursor,
  };
}
