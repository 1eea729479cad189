/**
 * Lorebooks: a book per row (its V3 `Lorebook` object as JSON, so every field and
 * unknown extension survives), the card's own book marked by its owner persona, and the books
 * attached to personas and to rooms, in the order they were attached.
 *
 * @module
 */
import type { Page, PageRequest } from "../paging.ts";
import { countRows, pageByCreation } from "../storage/creation_page.ts";
import type { Database } from "../storage/database.ts";
import { headColumn, textHead } from "../storage/text_head.ts";
import { attachBook, attachmentsOfBooks, type BookAttachments, detachBook } from "./attachments.ts";
import { BOOK_CACHE_LIMITS, BookCache } from "./book_cache.ts";
import { withBooks } from "./book_reads.ts";
import { LORE_TOPIC } from "./books_in_play.ts";
import { KeptReads } from "../storage/kept_reads.ts";
import { notImporting, VISIBLE_LOREBOOKS } from "./import_hidden.ts";
import type { SizedCacheLimits } from "./sized_cache.ts";
import { TimedEffectStore } from "./timed_store.ts";
import {
  linkOf,
  type LorebookMeta,
  type LorebookSummary,
  type LoreTarget,
  type StoredLorebook,
  summaryOf,
} from "./stored.ts";

export { loreMigrations } from "./migrations.ts";
export type { LorebookSummary, LoreTarget, StoredLorebook } from "./stored.ts";

const META = "id, name, owner_persona_id, created_at, updated_at";
const COLUMNS =
  "id, name, owner_persona_id, book, created_at, updated_at, description, entry_count";

/** Reads and writes lorebooks and their attachments. */
export class LorebookRepository {
  readonly #db: Database;
  /**
   * Parsed books by id and update time. Reads fetch the rows without the book (a book's JSON may
   * be megabytes), then only the books the cache does not hold at that update time: every update
   * of a book gets a later time (`LoreService.update`), so a book changed on another node is read
   * again, and a deleted one is no longer listed.
   */
  readonly #parsed: BookCache;
  /** The chats' timed effects (sticky, cooldown), in the same database. */
  readonly timed: TimedEffectStore;
  /** The books in play by persona and room (`LoreService.booksFor`); every write here drops them. */
  readonly inPlay: KeptReads<StoredLorebook[]>;

  /** Creates a repository over `db` (migrated); `cache` bounds the parsed books it keeps. */
  constructor(db: Database, cache: SizedCacheLimits = BOOK_CACHE_LIMITS) {
    this.#db = db;
    this.#parsed = new BookCache(cache);
    this.timed = new TimedEffectStore(db);
    this.inPlay = new KeptReads(db, LORE_TOPIC);
  }

  /** Runs the write `work`: the books in play kept go before it and again once it ended. */
  async #write<T>(work: () => Promise<T>): Promise<T> {
    this.inPlay.changed();
    try {
      return await work();
    } finally {
      this.inPlay.changed();
    }
  }

  /** The stored books of `rows` (`book_reads.ts`). */
  #withBooks(rows: readonly LorebookMeta[]): Promise<StoredLorebook[]> {
    return withBooks(rows, { db: this.#db, parsed: this.#parsed });
  }

  async #one(row: LorebookMeta | undefined): Promise<StoredLorebook | undefined> {
    return row && (await this.#withBooks([row]))[0];
  }

  /**
   * The summary columns read for a list (`prefix`: the table's alias): of the description, its
   * head only (core/storage/text_head.ts).
   */
  #summary(prefix = ""): string {
    const meta = META.split(", ").map((column) => `${prefix}${column}`).join(", ");
    return `${meta}, ${headColumn(this.#db.dialect, "description", prefix)}, ${prefix}entry_count`;
  }

  /**
   * The description's head for SQLite's `description_head` column, as its triggers would set it
   * (written here, the triggers have nothing to rewrite: a row holds a book of megabytes).
   */
  #head(description: string): string[] {
    return this.#db.dialect === "sqlite" ? [textHead(description)] : [];
  }

  /** Inserts the new `lorebook`. */
  async insert(lorebook: StoredLorebook): Promise<void> {
    const [description, entries] = summaryOf(lorebook.book);
    const head = this.#head(description);
    const columns = head.length ? `${COLUMNS}, description_head` : COLUMNS;
    await this.#write(() =>
      this.#db.run(
        `INSERT INTO lorebooks (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?${
          head.length ? ", ?" : ""
        })`,
        lorebook.id,
        lorebook.name,
        lorebook.owner_persona_id,
        JSON.stringify(lorebook.book),
        lorebook.created_at,
        lorebook.updated_at,
        description,
        entries,
        ...head,
      )
    );
  }

  /**
   * Rewrites the name, book and update time of the stored `lorebook`; false when there is no
   * such row (deleted meanwhile: an update never brings a book back).
   */
  async update(lorebook: StoredLorebook): Promise<boolean> {
    // The next read finds a later update time and parses the book again: drop the old one now.
    this.#parsed.delete(lorebook.id);
    const [description, entries] = summaryOf(lorebook.book);
    const head = this.#head(description);
    return await this.#write(() =>
      this.#db.run(
        `UPDATE lorebooks SET name = ?, book = ?, updated_at = ?, description = ?, entry_count = ?
       ${head.length ? ", description_head = ?" : ""} WHERE id = ?`,
        lorebook.name,
        JSON.stringify(lorebook.book),
        lorebook.updated_at,
        description,
        entries,
        ...head,
        lorebook.id,
      )
    ) > 0;
  }

  /** The book with `id` (one an import is still writing only `withImporting`: its rollback). */
  async find(id: string, withImporting = false): Promise<StoredLorebook | undefined> {
    const hidden = withImporting ? "" : ` AND ${notImporting()}`;
    return await this.#one(
      await this.#db.get<LorebookMeta>(`SELECT ${META} FROM lorebooks WHERE id = ?${hidden}`, id),
    );
  }

  /** The book a persona's card brought (its `character_book`). */
  async ownedBy(personaId: string): Promise<StoredLorebook | undefined> {
    return await this.#one(
      await this.#db.get<LorebookMeta>(
        `SELECT ${META} FROM lorebooks WHERE owner_persona_id = ?`,
        personaId,
      ),
    );
  }

  /** Every book, oldest first. */
  async list(): Promise<StoredLorebook[]> {
    return await this.#withBooks(
      await this.#db.all<LorebookMeta>(
        `SELECT ${META} FROM ${VISIBLE_LOREBOOKS} ORDER BY created_at, id`,
      ),
    );
  }

  /**
   * One page of the books' summaries, oldest first: no book is read or parsed, and of each
   * description only its head.
   */
  summaryPage(request: PageRequest): Promise<Page<LorebookSummary>> {
    return pageByCreation(
      this.#db,
      { table: VISIBLE_LOREBOOKS, columns: this.#summary() },
      request,
    );
  }

  /** Number of books. */
  total(): Promise<number> {
    return countRows(this.#db, VISIBLE_LOREBOOKS);
  }

  /**
   * The summaries of the book `personaId`'s card brought and of those attached to it, or of
   * those attached to a room: {@linkcode attachedTo}'s books, none of them parsed. Each with its
   * place in that order, `seq`: the attachment's (from 1), 0 for the card's own book.
   */
  async summariesOf(target: LoreTarget): Promise<Array<LorebookSummary & { seq: number }>> {
    const [table, column, key] = linkOf(target);
    const own = "personaId" in target
      ? await this.#db.get<LorebookSummary>(
        `SELECT ${this.#summary()} FROM lorebooks WHERE owner_persona_id = ?`,
        target.personaId,
      )
      : undefined;
    const attached = await this.#db.all<LorebookSummary & { seq: number }>(
      `SELECT ${this.#summary("b.")}, l.seq FROM ${table} l JOIN lorebooks b ON b.id = l.lorebook_id
       WHERE l.${column} = ? ORDER BY l.seq`,
      key,
    );
    const placed = attached.map((book) => ({ ...book, seq: Number(book.seq) }));
    return own ? [{ ...own, seq: 0 }, ...placed.filter((book) => book.id !== own.id)] : placed;
  }

  /** Deletes a book (its attachments go with it). */
  async delete(id: string): Promise<boolean> {
    this.#parsed.delete(id);
    return await this.#write(() => this.#db.run("DELETE FROM lorebooks WHERE id = ?", id)) > 0;
  }

  /** Attaches book `id` to `target` (again: no change). */
  attach(id: string, target: LoreTarget): Promise<void> {
    return this.#write(() => attachBook(this.#db, id, target));
  }

  /** Detaches book `id` from `target`; false when it was not attached. */
  detach(id: string, target: LoreTarget): Promise<boolean> {
    return this.#write(() => detachBook(this.#db, id, target));
  }

  /**
   * The books attached to `target`, in the order they were attached; with `options`, only the
   * first `limit` of those not in `except` (the others are not read).
   */
  async attachedTo(
    target: LoreTarget,
    options: { limit?: number; except?: ReadonlySet<string> } = {},
  ): Promise<StoredLorebook[]> {
    const [table, column, key] = linkOf(target);
    const columns = META.split(", ").map((c) => `b.${c}`).join(", ");
    const rows = await this.#db.all<LorebookMeta>(
      `SELECT ${columns} FROM ${table} l JOIN lorebooks b ON b.id = l.lorebook_id
       WHERE l.${column} = ? ORDER BY l.seq`,
      key,
    );
    const { limit = Infinity, except } = options;
    const wanted = except ? rows.filter((row) => !except.has(row.id)) : rows;
    return await this.#withBooks(wanted.length > limit ? wanted.slice(0, limit) : wanted);
  }

  /** The persona and room ids book `id` is attached to. */
  async attachments(id: string): Promise<BookAttachments> {
    return (await this.attachmentsOf([id])).get(id)!;
  }

  /** The persona and room ids each of books `ids` is attached to (two queries in all). */
  attachmentsOf(ids: readonly string[]): Promise<Map<string, BookAttachments>> {
    return attachmentsOfBooks(this.#db, ids);
  }

  /** Runs `work` in one transaction. */
  atomically<T>(work: () => Promise<T>): Promise<T> {
    // Dropped again at its end: a read between a write and the commit (PostgreSQL's pool) saw
    // the rows before it.
    return this.#write(() => this.#db.transaction(work));
  }

  /**
   * Runs `work` in one transaction holding book `id`'s lock: updates of one book take turns,
   * across nodes too, each reading what the one before wrote.
   */
  exclusively<T>(id: string, work: () => Promise<T>): Promise<T> {
    return this.#write(() =>
      this.#db.transaction(async () => {
        await this.#db.lock(`lorebook:${id}`);
        return await work();
      })
    );
  }
}
