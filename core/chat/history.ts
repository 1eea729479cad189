/**
 * Chat history: every exchange with a persona, newest first, paged with `before_id`,
 * separate per persona and per room, kept across restarts.
 *
 * @module
 */
import { NotFound, PersonaNotFound } from "../errors.ts";
import type { Database, Migration, SqlValue } from "../storage/database.ts";
import { isForeignKeyViolation } from "../storage/errors.ts";
import { columnList, insertSql, rowMapper } from "../storage/rows.ts";
import { WriteBatcher } from "../memory/insert_batch.ts";

/** Message texts are stored as storage keeps them (`storable_text.ts`). */
export { storedText } from "../storable_text.ts";

/** Tables owned by the history module. */
export const historyMigrations: Migration[] = [{
  name: "messages_1",
  sql: `
    CREATE TABLE messages (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      persona_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
      session_id TEXT NOT NULL,
      room_id TEXT,
      sender TEXT NOT NULL,
      content TEXT NOT NULL,
      response TEXT NOT NULL,
      model TEXT NOT NULL,
      prompt_tokens INTEGER NOT NULL,
      completion_tokens INTEGER NOT NULL,
      response_time_ms INTEGER NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX messages_by_persona ON messages (persona_id, seq);
    CREATE INDEX messages_by_room ON messages (persona_id, room_id, seq);
    CREATE INDEX messages_by_session ON messages (persona_id, session_id, seq);
  `,
}, {
  // Recent-activity counts (persona.get) read a range of this index instead of every message.
  name: "messages_2",
  sql: "CREATE INDEX messages_by_time ON messages (persona_id, created_at);",
}, {
  // A greeting is the persona's opening line of a session: a response without a message.
  name: "messages_3",
  sql: `
    ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'exchange';
    ALTER TABLE messages ADD COLUMN greeting_index INTEGER;
  `,
}];

/** One stored exchange. */
export interface StoredMessage {
  id: string;
  persona_id: string;
  session_id: string;
  room_id: string | null;
  sender: string;
  content: string;
  response: string;
  model: string;
  prompt_tokens: number;
  completion_tokens: number;
  response_time_ms: number;
  created_at: string;
  /** `greeting`: the persona's opening line of the session (`content` and `sender` empty). */
  kind: "exchange" | "greeting";
  /** For a greeting: 0 for `first_mes`, n for the n-th alternate greeting. */
  greeting_index: number | null;
}

/** Which messages to read. */
export interface HistoryFilter {
  personaId: string;
  roomId?: string | null;
  sessionId?: string;
}

/** What a prompt reads of a stored message: who said what, what was answered, and its kind. */
export type PromptMessage = Pick<
  StoredMessage,
  "id" | "sender" | "content" | "response" | "kind" | "greeting_index"
>;

/** A page of history, newest first. */
export interface HistoryPage {
  messages: StoredMessage[];
  has_more: boolean;
}

const messageRows = rowMapper<StoredMessage>("messages", {
  id: true,
  persona_id: true,
  session_id: true,
  room_id: true,
  sender: true,
  content: true,
  response: true,
  model: true,
  prompt_tokens: true,
  completion_tokens: true,
  response_time_ms: true,
  created_at: true,
  kind: true,
  greeting_index: true,
});
const COLUMNS = columnList(messageRows);
/**
 * The columns of {@linkcode PromptMessage}: a chat reads its window on every message, and each
 * column of a row read costs (the 14 columns of a whole message ~1.6 times these 6 on SQLite).
 */
const PROMPT_COLUMNS = "id, sender, content, response, kind, greeting_index";
const APPEND_MESSAGE = insertSql(messageRows);

function where(filter: HistoryFilter): { clause: string; params: SqlValue[] } {
  const parts = ["persona_id = ?"];
  const params: SqlValue[] = [filter.personaId];
  if (filter.roomId !== undefined) {
    parts.push(filter.roomId === null ? "room_id IS NULL" : "room_id = ?");
    if (filter.roomId !== null) params.push(filter.roomId);
  }
  if (filter.sessionId !== undefined) {
    parts.push("session_id = ?");
    params.push(filter.sessionId);
  }
  return { clause: parts.join(" AND "), params };
}

/** Reads and writes chat history. */
export class HistoryRepository {
  readonly #db: Database;
  /**
   * Group commit of appends: those asked for in one turn of the event loop (the chats whose
   * answers came together) share one transaction, one commit instead of one each; a lone one is
   * written alone, once the turn's I/O callbacks have run (`setImmediate`). When a batch fails (a persona deleted meanwhile), its appends are
   * written one by one, so each caller learns its own outcome (`insert_batch.ts`).
   */
  readonly #appends: WriteBatcher<StoredMessage>;

  /** Creates a repository over `db` (migrated). */
  constructor(db: Database) {
    this.#db = db;
    this.#appends = new WriteBatcher({
      write: async (messages) => {
        if (messages.length === 1) return await this.#insert(messages[0]!);
        await db.transaction(async () => {
          for (const message of messages) await this.#insert(message);
        });
      },
      inTransaction: () => db.inTransaction,
    });
  }

  async #insert(message: StoredMessage): Promise<void> {
    await this.#db.run(APPEND_MESSAGE, ...messageRows.values(message));
  }

  /**
   * Appends an exchange, in one commit with the others asked for in the same turn of the event
   * loop. The persona may be deleted by another request after its caller looked it up (while
   * the model spoke, or while this write waited for a transaction): that is
   * {@linkcode PersonaNotFound}, not a failure of the database.
   */
  async append(message: StoredMessage): Promise<void> {
    try {
      await this.#appends.write([message]);
    } catch (error) {
      if (!isForeignKeyViolation(error)) throw error;
      throw new PersonaNotFound(message.persona_id, "Cannot keep the chat with persona");
    }
  }

  /** A page of at most `limit` messages, newest first, before the message `beforeId` if given. */
  async page(
    filter: HistoryFilter,
    { limit, beforeId }: { limit: number; beforeId?: string },
  ): Promise<HistoryPage> {
    const { clause, params } = where(filter);
    let bound = "";
    const bounds: SqlValue[] = [];
    if (beforeId !== undefined) {
      const anchor = await this.#db.get<{ seq: number }>(
        `SELECT seq FROM messages WHERE id = ? AND ${clause}`,
        beforeId,
        ...params,
      );
      if (!anchor) {
        throw new NotFound(`No message "${beforeId}" in this history`, {
          fields: [{ field: "before_id", message: "is not a message of this persona/room" }],
        });
      }
      // Bound, not pasted: every distinct SQL text would stay in the statement cache.
      bound = " AND seq < ?";
      bounds.push(anchor.seq);
    }
    const rows = await this.#db.all<StoredMessage>(
      `SELECT ${COLUMNS} FROM messages WHERE ${clause}${bound} ORDER BY seq DESC LIMIT ?`,
      ...params,
      ...bounds,
      limit + 1,
    );
    return { messages: rows.slice(0, limit), has_more: rows.length > limit };
  }

  /** The last `count` exchanges, oldest first (for the prompt window). */
  async recent(filter: HistoryFilter, count: number): Promise<StoredMessage[]> {
    return (await this.page(filter, { limit: count })).messages.reverse();
  }

  /**
   * The last `count` messages matching `filter`, oldest first, with only what a prompt reads
   * of them ({@linkcode PromptMessage}): what {@linkcode recent} gives, narrower.
   */
  async promptWindow(filter: HistoryFilter, count: number): Promise<PromptMessage[]> {
    const { clause, params } = where(filter);
    const rows = await this.#db.all<PromptMessage>(
      `SELECT ${PROMPT_COLUMNS} FROM messages WHERE ${clause} ORDER BY seq DESC LIMIT ?`,
      ...params,
      count,
    );
    return rows.reverse();
  }

  /** The oldest message matching `filter`, if any. */
  async first(filter: HistoryFilter): Promise<StoredMessage | undefined> {
    const { clause, params } = where(filter);
    return await this.#db.get<StoredMessage>(
      `SELECT ${COLUMNS} FROM messages WHERE ${clause} ORDER BY seq LIMIT 1`,
      ...params,
    );
  }

  /** Messages of `personaId` in `sessionId` outside rooms: 0 means a new session. */
  async countInSession(personaId: string, sessionId: string): Promise<number> {
    return (await this.#db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM messages WHERE persona_id = ? AND session_id = ? AND room_id IS NULL",
      personaId,
      sessionId,
    ))?.n ?? 0;
  }

  /**
   * Whether `personaId` has a message in `sessionId` outside rooms (false: a new session):
   * `countInSession(...) > 0` without counting them all, as every chat asks.
   */
  async hasSessionMessages(personaId: string, sessionId: string): Promise<boolean> {
    return (await this.#db.get<{ found: number }>(
      "SELECT 1 AS found FROM messages WHERE persona_id = ? AND session_id = ? AND room_id IS NULL LIMIT 1",
      personaId,
      sessionId,
    )) !== undefined;
  }

  /** Replaces the text of greeting `id` (a new greeting picked before the chat began). */
  async replaceGreeting(id: string, greeting: { response: string; index: number }): Promise<void> {
    await this.#db.run(
      "UPDATE messages SET response = ?, greeting_index = ? WHERE id = ? AND kind = 'greeting'",
      greeting.response,
      greeting.index,
      id,
    );
  }

  /** How many messages `personaId` exchanged since `sinceIso`, and the oldest one's time. */
  async recentSince(
    personaId: string,
    sinceIso: string,
  ): Promise<{ count: number; oldest: string | null }> {
    const row = await this.#db.get<{ n: number; oldest: string | null }>(
      "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM messages WHERE persona_id = ? AND created_at >= ?",
      personaId,
      sinceIso,
    );
    return { count: Number(row?.n ?? 0), oldest: row?.oldest ?? null };
  }
}
