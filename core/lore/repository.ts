/**
 * Lorebooks: a book per row (its V3 `Lorebook` object as JSON, so every field and
 * unknown extension survives), the card's own book marked by its owner persona, and the books
 * attached to personas and to rooms, in the order they were attached.
 *
 * @module
 */
import type { Database, Migration } from "../storage/database.ts";
import type { Lorebook } from "./book.ts";

/** Tables owned by the lore module (after personas and rooms: they reference both). */
export const loreMigrations: Migration[] = [{
  name: "lorebooks_1",
  sql: `
    CREATE TABLE lorebooks (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      owner_persona_id TEXT UNIQUE REFERENCES personas(id) ON DELETE CASCADE,
      book TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE persona_lorebooks (
      persona_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
      lorebook_id TEXT NOT NULL REFERENCES lorebooks(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      PRIMARY KEY (persona_id, lorebook_id)
    );
    CREATE TABLE room_lorebooks (
      room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
      lorebook_id TEXT NOT NULL REFERENCES lorebooks(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      PRIMARY KEY (room_id, lorebook_id)
    );
  `,
}];

/** A stored lorebook. */
export interface StoredLorebook {
  id: string;
  name: string;
  /** The persona whose card this book came with (its `character_book`), if any. */
  owner_persona_id: string | null;
  book: Lorebook;
  created_at: string;
  updated_at: string;
}

interface LorebookRow {
  id: string;
  name: string;
  owner_persona_id: string | null;
  book: string;
  created_at: string;
  updated_at: string;
}

/** What a book is attached to. */
export type LoreTarget = { personaId: string } | { roomId: string };

const COLUMNS = "id, name, owner_persona_id, book, created_at, updated_at";
const CACHE_LIMIT = 256;

/** Reads and writes lorebooks and their attachments. */
export class LorebookRepository {
  readonly #db: Database;
  /** Parsed books by id and update time: chats read them on every message. */
  readonly #parsed = new Map<string, { updatedAt: string; book: Lorebook }>();

  /** Creates a repository over `db` (migrated). */
  constructor(db: Database) {
    this.#db = db;
  }

  #fromRow(row: LorebookRow): StoredLorebook {
    let cached = this.#parsed.get(row.id);
    if (!cached || cached.updatedAt !== row.updated_at) {
      cached = { updatedAt: row.updated_at, book: JSON.parse(row.book) as Lorebook };
      if (this.#parsed.size >= CACHE_LIMIT) {
        const oldest = this.#parsed.keys().next();
        if (!oldest.done) this.#parsed.delete(oldest.value);
      }
      this.#parsed.set(row.id, cached);
    }
    // Shared with the cache (chats read books on every message): treat it as read-only.
    return { ...row, book: cached.book };
  }

  /** Inserts the new `lorebook`. */
  async insert(lorebook: StoredLorebook): Promise<void> {
    await this.#db.run(
      `INSERT INTO lorebooks (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`,
      lorebook.id,
      lorebook.name,
      lorebook.owner_persona_id,
      JSON.stringify(lorebook.book),
      lorebook.created_at,
      lorebook.updated_at,
    );
  }

  /**
   * Rewrites the name, book and update time of the stored `lorebook`; false when there is no
   * such row (deleted meanwhile: an update never brings a book back).
   */
  async update(lorebook: StoredLorebook): Promise<boolean> {
    return await this.#db.run(
      "UPDATE lorebooks SET name = ?, book = ?, updated_at = ? WHERE id = ?",
      lorebook.name,
      JSON.stringify(lorebook.book),
      lorebook.updated_at,
      lorebook.id,
    ) > 0;
  }

  /** The book with `id`. */
  async find(id: string): Promise<StoredLorebook | undefined> {
    const row = await this.#db.get<LorebookRow>(
      `SELECT ${COLUMNS} FROM lorebooks WHERE id = ?`,
      id,
    );
    return row && this.#fromRow(row);
  }

  /** The book a persona's card brought (its `character_book`). */
  async ownedBy(personaId: string): Promise<StoredLorebook | undefined> {
    const row = await this.#db.get<LorebookRow>(
      `SELECT ${COLUMNS} FROM lorebooks WHERE owner_persona_id = ?`,
      personaId,
    );
    return row && this.#fromRow(row);
  }

  /** Every book, oldest first. */
  async list(): Promise<StoredLorebook[]> {
    const rows = await this.#db.all<LorebookRow>(
      `SELECT ${COLUMNS} FROM lorebooks ORDER BY created_at, id`,
    );
    return rows.map((row) => this.#fromRow(row));
  }

  /** Deletes a book (its attachments go with it). */
  async delete(id: string): Promise<boolean> {
    this.#parsed.delete(id);
    return await this.#db.run("DELETE FROM lorebooks WHERE id = ?", id) > 0;
  }

  /** Attaches book `id` to `target` (again: no change). */
  async attach(id: string, target: LoreTarget): Promise<void> {
    const [table, column, key] = linkOf(target);
    await this.#db.run(
      `INSERT INTO ${table} (${column}, lorebook_id, seq)
       VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM ${table} WHERE ${column} = ?))
       ON CONFLICT DO NOTHING`,
      key,
      id,
      key,
    );
  }

  /** Detaches book `id` from `target`; false when it was not attached. */
  async detach(id: string, target: LoreTarget): Promise<boolean> {
    const [table, column, key] = linkOf(target);
    return await this.#db.run(
      `DELETE FROM ${table} WHERE ${column} = ? AND lorebook_id = ?`,
      key,
      id,
    ) >
      0;
  }

  /** The books attached to `target`, in the order they were attached. */
  async attachedTo(target: LoreTarget): Promise<StoredLorebook[]> {
    const [table, column, key] = linkOf(target);
    const columns = COLUMNS.split(", ").map((c) => `b.${c}`).join(", ");
    return (await this.#db.all<LorebookRow>(
      `SELECT ${columns} FROM ${table} l JOIN lorebooks b ON b.id = l.lorebook_id
       WHERE l.${column} = ? ORDER BY l.seq`,
      key,
    )).map((row) => this.#fromRow(row));
  }

  /** The persona and room ids book `id` is attached to. */
  async attachments(id: string): Promise<{ persona_ids: string[]; room_ids: string[] }> {
    return {
      persona_ids: (await this.#db.all<{ id: string }>(
        "SELECT persona_id AS id FROM persona_lorebooks WHERE lorebook_id = ? ORDER BY seq",
        id,
      )).map((row) => row.id),
      room_ids: (await this.#db.all<{ id: string }>(
        "SELECT room_id AS id FROM room_lorebooks WHERE lorebook_id = ? ORDER BY seq",
        id,
      )).map((row) => row.id),
    };
  }

  /** Runs `work` in one transaction. */
  atomically<T>(work: () => Promise<T>): Promise<T> {
    return this.#db.transaction(work);
  }

  /**
   * Runs `work` in one transaction holding book `id`'s lock: updates of one book take turns,
   * across nodes too, each reading what the one before wrote.
   */
  exclusively<T>(id: string, work: () => Promise<T>): Promise<T> {
    return this.#db.transaction(async () => {
      await this.#db.lock(`lorebook:${id}`);
      return await work();
    });
  }
}

function linkOf(target: LoreTarget): [string, string, string] {
  return "personaId" in target
    ? ["persona_lorebooks", "persona_id", target.personaId]
    : ["room_lorebooks", "room_id", target.roomId];
}
