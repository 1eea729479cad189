/**
 * Lorebook use cases: create and import books (V2 `character_book`, V3 `lorebook_v3`,
 * SillyTavern World Info), read, update, delete, attach to personas and rooms, and say which
 * books are in play for a chat: the persona's own (its card's), then those attached to it, then
 * the room's.
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import type { ChatLore } from "../chat/lore_port.ts";
import { NotFound } from "../errors.ts";
import { mendShownName } from "../name_characters.ts";
import type { Persona } from "../personas/mod.ts";
import type { LoreDefaults, LoreSource } from "./activate.ts";
import { personaBooks, readBooksInPlay } from "./persona_books.ts";
import { LORE_LIMITS, type Lorebook, parseLorebook } from "./book.ts";
import { lorebookFromDocument, type LorebookSource } from "./formats.ts";
import type { Page, PageRequest } from "../paging.ts";
import type {
  LorebookRepository,
  LorebookSummary,
  LoreTarget,
  StoredLorebook,
} from "./repository.ts";
import { summaryOf } from "./stored.ts";
import { discardImportedBooks } from "./imported_books.ts";
import { type LorebookView, viewOf } from "./lorebook_view.ts";
import { lorebookPage } from "./lorebook_page.ts";
import type { LoreActivation } from "./activation_types.ts";
import { activateInChat, type ChatActivationInput } from "./chat_activation.ts";

/** What the service is built from. */
export interface LoreServiceDeps {
  repository: LorebookRepository;
  clock: Clock;
  defaults: LoreDefaults;
}

/** Lorebooks. */
export class LoreService implements ChatLore {
  readonly #deps: LoreServiceDeps;
  /** Values for what a book does not say. */
  readonly defaults: LoreDefaults;

  /** Creates the service. */
  constructor(deps: LoreServiceDeps) {
    this.#deps = deps;
    this.defaults = deps.defaults;
  }

  /** Stores `book` as a new lorebook (`owner`: the persona whose card it belongs to). */
  async create(
    book: Lorebook,
    options: { name?: string; ownerPersonaId?: string } = {},
  ): Promise<StoredLorebook> {
    const now = isoTime(this.#deps.clock.now());
    const name = shown(options.name) || shown(book.name) || "Lorebook";
    const stored: StoredLorebook = {
      id: `lore_${crypto.randomUUID()}`,
      name,
      owner_persona_id: options.ownerPersonaId ?? null,
      book: options.name ? { ...book, name } : book,
      created_at: now,
      updated_at: now,
    };
    await this.#deps.repository.insert(stored);
    return stored;
  }

  /**
   * Stores `book` as a new lorebook attached to the persona `personaId` (a persona import) or to
   * `target` (`lorebook.create`/`import` naming one), in one transaction: a persona or room
   * deleted meanwhile fails the call and leaves no book (attack18 F3), and a crash leaves no book
   * without the persona that {@linkcode discardImportedBooks} finds it by.
   */
  async createAttached(
    book: Lorebook,
    options: { name?: string } & ({ personaId: string } | { target: LoreTarget }),
  ): Promise<StoredLorebook> {
    const target = "target" in options ? options.target : { personaId: options.personaId };
    return await this.#deps.repository.atomically(async () => {
      const stored = await this.create(book, { name: options.name });
      await this.#deps.repository.attach(stored.id, target);
      return stored;
    });
  }

  /**
   * Deletes the books an unfinished import of `personaId` created ({@linkcode createAttached}):
   * those attached to it and to nothing else, not a card's own book (it goes with the persona).
   * Nobody else can attach a book to a persona that is being imported: it is hidden.
   */
  async discardImportedBooks(personaId: string): Promise<number> {
    return await discardImportedBooks(this.#deps.repository, personaId);
  }

  /** Imports a lorebook document of any supported format (attached to `target`, atomically). */
  async import(
    document: unknown,
    options: { name?: string; target?: LoreTarget | null } = {},
  ): Promise<{ lorebook: StoredLorebook; source: LorebookSource }> {
    const { book, source } = lorebookFromDocument(document);
    const { name, target } = options;
    const lorebook = target
      ? await this.createAttached(book, { name, target })
      : await this.create(book, { name });
    return { lorebook, source };
  }

  /** The book `id`; {@linkcode NotFound} when there is none. */
  async get(id: string): Promise<StoredLorebook> {
    const lorebook = await this.#deps.repository.find(id);
    if (!lorebook) throw notFound(id);
    return lorebook;
  }

  /** Books, optionally only those in play for a persona or attached to a room. */
  async list(filter: { persona?: Persona; roomId?: string } = {}): Promise<StoredLorebook[]> {
    const { repository } = this.#deps;
    if (filter.persona) return await personaBooks(repository, filter.persona.id);
    if (filter.roomId) return await repository.attachedTo({ roomId: filter.roomId });
    return await repository.list();
  }

  /**
   * Replaces the name and/or the book of `id`, or with `fields`, sets those fields of the book
   * as stored now (its entries too, as a whole). Updates of one book take turns (across nodes
   * too), each on top of the one before; a book deleted meanwhile stays deleted ({@linkcode
   * NotFound}).
   */
  update(
    id: string,
    patch: { name?: string; book?: Lorebook; fields?: Record<string, unknown> },
  ): Promise<StoredLorebook> {
    const { repository, clock } = this.#deps;
    return repository.exclusively(id, async () => {
      const current = await this.get(id);
      const book = patch.fields
        ? parseLorebook({ ...current.book, ...patch.fields, name: patch.name ?? current.name })
        : patch.book ?? current.book;
      const name = shown(patch.name) || (patch.book ? shown(book.name) : undefined) ||
        current.name;
      const updated: StoredLorebook = {
        ...current,
        name,
        book: { ...book, name },
        updated_at: laterTime(clock, current.updated_at),
      };
      if (!await repository.update(updated)) throw notFound(id);
      return updated;
    });
  }

  /** Deletes `id` and its attachments (one an import is writing too: its rollback). */
  async delete(id: string): Promise<StoredLorebook> {
    const lorebook = await this.#deps.repository.find(id, true);
    if (!lorebook) throw notFound(id);
    await this.#deps.repository.delete(id);
    return lorebook;
  }

  /** Attaches `id` to a persona or a room (which must exist: the caller checks). */
  async attach(id: string, target: LoreTarget): Promise<StoredLorebook> {
    const lorebook = await this.get(id);
    await this.#deps.repository.attach(id, target);
    return lorebook;
  }

  /** Detaches `id` from a persona or a room. */
  async detach(id: string, target: LoreTarget): Promise<boolean> {
    await this.get(id);
    return await this.#deps.repository.detach(id, target);
  }

  /** The book a persona's card brought (exported as its `character_book`). */
  async ownBook(personaId: string): Promise<StoredLorebook | undefined> {
    return await this.#deps.repository.ownedBy(personaId);
  }

  /** Sets (or with undefined, removes) the book of a persona's card. */
  async setOwnBook(
    persona: Persona,
    book: Lorebook | undefined,
  ): Promise<StoredLorebook | undefined> {
    const { repository } = this.#deps;
    const current = await repository.ownedBy(persona.id);
    if (!book) {
      if (current) await repository.delete(current.id);
      return undefined;
    }
    const name = shown(book.name);
    if (current) return await this.update(current.id, { book, name: name || current.name });
    return await this.create(book, { name: name || persona.name, ownerPersonaId: persona.id });
  }

  /**
   * The books in play for `persona` (and the room's, with `roomId`), in precedence order: the
   * first `LORE_MAX_BOOKS` ({@linkcode readBooksInPlay}); the books past them are not read.
   */
  async booksFor(persona: Persona, roomId: string | null): Promise<LoreSource[]> {
    const { inPlay } = this.#deps.repository;
    // A copy: callers get their own list (the books themselves are shared, as the parsed cache's).
    const kept = await inPlay.get(
      `${persona.id}\n${roomId ?? ""}`,
      () => readBooksInPlay(this.#deps.repository, { persona, roomId }),
    );
    return kept.map((book) => ({ id: book.id, name: book.name, book: book.book }));
  }

  /**
   * Which entries of `input.books` fire for this moment of a chat, the chat's timed effects read
   * and kept (`chat_activation.ts`).
   */
  async activate(input: ChatActivationInput): Promise<LoreActivation> {
    const { repository, clock } = this.#deps;
    return await activateInChat(repository.timed, { ...input, now: () => isoTime(clock.now()) });
  }

  /** The API view of `lorebook`, with the book itself when `full`. */
  async view(lorebook: StoredLorebook, full = false): Promise<LorebookView> {
    const attached = await this.#deps.repository.attachments(lorebook.id);
    const [description, entryCount] = summaryOf(lorebook.book);
    return {
      ...viewOf(lorebook, {
        description: { text: description, truncated: false },
        entryCount,
        attached,
      }),
      ...(full ? { book: lorebook.book } : {}),
    };
  }

  /**
   * The summaries of the books in play for a persona (its card's first) or attached to a room,
   * as {@linkcode list} lists them, none parsed.
   */
  async summaries(target: LoreTarget): Promise<Array<LorebookSummary & { seq: number }>> {
    return await this.#deps.repository.summariesOf(target);
  }

  /**
   * A page of the views of the books {@linkcode list} lists, and how many there are. No book is
   * parsed: views are made of the summary columns, each description an excerpt read from its head
   * (core/storage/text_head.ts). Of every book, only the page's rows are read.
   */
  async page(
    filter: { persona?: Persona; roomId?: string },
    request: PageRequest,
  ): Promise<Page<LorebookView> & { total_count: number }> {
    return await lorebookPage(this.#deps.repository, { ...filter, request });
  }
}

function notFound(id: string): NotFound {
  return new NotFound(`No lorebook "${id}"; list them with lorebook.list`, {
    fields: [{ field: "lorebook_id", message: "names no lorebook" }],
  });
}

/**
 * The clock's time, or just after `previous` when the clock is not past it: each update of a
 * book gets a later time, which is what every node's parsed-book cache checks.
 */
function laterTime(clock: Clock, previous: string): string {
  const now = clock.now();
  const after = Date.parse(previous) + 1;
  return isoTime(Number.isNaN(after) || now >= after ? now : after);
}

/**
 * `name` (a book file's own, a bundle's, or a client's, checked already) as names are shown: no
 * control, invisible or direction-changing characters (`core/name_characters.ts`); "" for none or
 * one that shows nothing.
 */
function shown(name: unknown): string {
  return typeof name === "string" ? mendShownName(name, LORE_LIMITS.text) : "";
}
