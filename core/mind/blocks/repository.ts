/**
 * Core memory blocks in SQL (SQLite or PostgreSQL): the `memory_blocks` table and its change log
 * `memory_block_changes`, written together. {@linkcode BlockRepository} is the seam.
 *
 * @module
 */
import { type Database, type Migration, postgresTypes } from "../../storage/mod.ts";
import { KeptReads } from "../../storage/kept_reads.ts";
import type { Block, BlockChange } from "./schema.ts";

function blockTables(seq: string): string {
  return `
    CREATE TABLE memory_blocks (
      persona_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
      label TEXT NOT NULL,
      content TEXT NOT NULL,
      char_limit INTEGER NOT NULL,
      read_only INTEGER NOT NULL DEFAULT 0,
      description TEXT NOT NULL DEFAULT '',
      position INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (persona_id, label)
    );
    CREATE TABLE memory_block_changes (
      seq ${seq},
      persona_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
      label TEXT NOT NULL,
      action TEXT NOT NULL,
      content TEXT,
      source TEXT NOT NULL,
      at INTEGER NOT NULL
    );
    CREATE INDEX memory_block_changes_by_block ON memory_block_changes (persona_id, label, seq);
  `;
}

/** The change topic (`Database.changeStamp`) of the blocks: their kept lists' ({@linkcode KeptReads}). */
const BLOCKS_TOPIC = "memory_blocks";

/** Tables owned by core memory blocks (the change log's `seq`: a rowid, or an identity). */
export const blockMigrations: Migration[] = [{
  name: "memory_blocks_1",
  sql: {
    sqlite: blockTables("INTEGER PRIMARY KEY"),
    postgres: postgresTypes(blockTables("INTEGER PRIMARY KEY AUTOINCREMENT")),
  },
}, {
  // On PostgreSQL a change of a block moves the topic's stamp on every node (their kept lists go).
  name: "memory_blocks_2_change_topic",
  sql: {
    postgres: `CREATE TRIGGER memory_blocks_topic AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
      ON memory_blocks FOR EACH STATEMENT EXECUTE FUNCTION notify_change('${BLOCKS_TOPIC}');`,
  },
}];

/** Blocks and their changes. */
export interface BlockRepository {
  /** A persona's blocks in creation order. */
  list(personaId: string): Promise<Block[]>;
  /** One block. */
  get(personaId: string, label: string): Promise<Block | undefined>;
  /**
   * Writes `block` (new or replaced) and records `change`, atomically. A new block is placed
   * after the persona's others.
   */
  save(block: Omit<Block, "position">, change: BlockChange): Promise<Block>;
  /** Deletes a block and records `change`; false when there was none. */
  delete(personaId: string, label: string, change: BlockChange): Promise<boolean>;
  /** The latest `limit` changes of one block, newest first. */
  changes(personaId: string, label: string, limit: number): Promise<BlockChange[]>;
  /**
   * Runs `work` (a read, a check, a write) as one transaction that no other change of the
   * persona's blocks interleaves with, on this node or another.
   */
  exclusive<T>(personaId: string, work: () => Promise<T>): Promise<T>;
}

/** Changes kept per block (older ones are dropped). */
export const CHANGES_KEPT = 50;

type BlockRow = Omit<Block, "read_only"> & { read_only: number };
type ChangeRow = Omit<BlockChange, "source"> & { source: string };

const COLUMNS =
  "persona_id, label, content, char_limit, read_only, description, position, created_at, updated_at";

function fromRow(row: BlockRow): Block {
  return { ...row, read_only: row.read_only === 1 };
}

/**
 * Blocks in the server's database (SQLite or PostgreSQL). A persona's list, read on every chat, is
 * kept until this repository writes a block, a persona is deleted ({@linkcode changed}) or another
 * process's commit moves the change stamp.
 */
export class SqlBlockRepository implements BlockRepository {
  readonly #db: Database;
  readonly #kept: KeptReads<Block[]>;

  /** A repository over `db` with {@linkcode blockMigrations} applied. */
  constructor(db: Database) {
    this.#db = db;
    this.#kept = new KeptReads(db, BLOCKS_TOPIC);
  }

  /** Blocks may have changed here (a write begins or ends, a persona was deleted). */
  changed(): void {
    this.#kept.changed();
  }

  async list(personaId: string): Promise<Block[]> {
    const kept = await this.#kept.get(personaId, async () => {
      const rows = await this.#db.all<BlockRow>(
        `SELECT ${COLUMNS} FROM memory_blocks WHERE persona_id = ? ORDER BY position, created_at`,
        personaId,
      );
      return rows.map(fromRow);
    });
    // Copies: a caller may change what it gets.
    return kept.map((block) => ({ ...block }));
  }

  /** Runs the write `work`: the kept lists go before it and again once it ended. */
  async #write<T>(work: () => Promise<T>): Promise<T> {
    this.#kept.changed();
    try {
      return await work();
    } finally {
      this.#kept.changed();
    }
  }

  async get(personaId: string, label: string): Promise<Block | undefined> {
    const row = await this.#db.get<BlockRow>(
      `SELECT ${COLUMNS} FROM memory_blocks WHERE persona_id = ? AND label = ?`,
      personaId,
      label,
    );
    return row && fromRow(row);
  }

  exclusive<T>(personaId: string, work: () => Promise<T>): Promise<T> {
    return this.#db.transaction(async () => {
      await this.#db.lock(`memory_blocks:${personaId}`);
      return await work();
    });
  }

  save(block: Omit<Block, "position">, change: BlockChange): Promise<Block> {
    return this.#write(() =>
      this.#db.transaction(async () => {
        const row = await this.#db.get<BlockRow>(
          `INSERT INTO memory_blocks (${COLUMNS})
         VALUES (?, ?, ?, ?, ?, ?,
           (SELECT COALESCE(MAX(position), 0) + 1 FROM memory_blocks WHERE persona_id = ?), ?, ?)
         ON CONFLICT (persona_id, label) DO UPDATE SET content = excluded.content,
           char_limit = excluded.char_limit, read_only = excluded.read_only,
           description = excluded.description, updated_at = excluded.updated_at
         RETURNING ${COLUMNS}`,
          block.persona_id,
          block.label,
          block.content,
          block.char_limit,
          block.read_only ? 1 : 0,
          block.description,
          block.persona_id,
          block.created_at,
          block.updated_at,
        );
        await this.#record(change);
        return fromRow(row!);
      })
    );
  }

  delete(personaId: string, label: string, change: BlockChange): Promise<boolean> {
    return this.#write(() =>
      this.#db.transaction(async () => {
        const deleted = await this.#db.run(
          "DELETE FROM memory_blocks WHERE persona_id = ? AND label = ?",
          personaId,
          label,
        ) > 0;
        if (deleted) await this.#record(change);
        return deleted;
      })
    );
  }

  async #record(change: BlockChange): Promise<void> {
    // The log is bounded: only the latest changes of each block are kept.
    await this.#db.run(
      `DELETE FROM memory_block_changes WHERE persona_id = ? AND label = ? AND seq <= (
         SELECT seq FROM memory_block_changes WHERE persona_id = ? AND label = ?
         ORDER BY seq DESC LIMIT 1 OFFSET ?)`,
      change.persona_id,
      change.label,
      change.persona_id,
      change.label,
      CHANGES_KEPT - 1,
    );
    await this.#db.run(
      `INSERT INTO memory_block_changes (persona_id, label, action, content, source, at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      change.persona_id,
      change.label,
      change.action,
      change.content,
      JSON.stringify(change.source),
      change.at,
    );
  }

  async changes(personaId: string, label: string, limit: number): Promise<BlockChange[]> {
    const rows = await this.#db.all<ChangeRow>(
      `SELECT persona_id, label, action, content, source, at FROM memory_block_changes
       WHERE persona_id = ? AND label = ? ORDER BY seq DESC LIMIT ?`,
      personaId,
      label,
      limit,
    );
    return rows.map((row) => ({ ...row, source: JSON.parse(row.source) }));
  }
}
