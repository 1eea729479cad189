/**
 * The lore module's tables: books (the V3 JSON, with the summary lists show kept in columns
 * beside it), their attachments to personas and rooms, and the chats' timed effects. On SQLite
 * the columns of a book are stored in this order: id, name, owner_persona_id, created_at,
 * updated_at, entry_count, description_head, description, book (the long texts last, the book at
 * the very end).
 *
 * @module
 */
import type { Migration } from "../storage/database.ts";
import { headTriggers, TEXT_HEAD_CHARS } from "../storage/text_head.ts";
import { LORE_TOPIC } from "./books_in_play.ts";

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
}, {
  // What lists show without parsing the book (a book's JSON may be megabytes): filled from the
  // books already stored, then kept by every insert and update. The index pages the list
  // without reading the rows before the page. On SQLite it holds every column a list shows:
  // reading a column stored after the book walks all the book's overflow pages (about 7 ms for
  // a book of 4 MB), which a covering index never does. PostgreSQL keeps a big book out of
  // line (TOAST) and refuses index rows over 2.7 kB (a description may be 20,000 characters).
  name: "lorebooks_2_summary",
  sql: {
    sqlite: `
      ALTER TABLE lorebooks ADD COLUMN description TEXT NOT NULL DEFAULT '';
      ALTER TABLE lorebooks ADD COLUMN entry_count INTEGER NOT NULL DEFAULT 0;
      UPDATE lorebooks SET
        description = CASE WHEN json_type(book, '$.description') = 'text'
          THEN json_extract(book, '$.description') ELSE '' END,
        entry_count = CASE WHEN json_type(book, '$.entries') = 'array'
          THEN json_array_length(book, '$.entries') ELSE 0 END;
      CREATE INDEX lorebooks_by_creation ON lorebooks
        (created_at, id, name, owner_persona_id, updated_at, description, entry_count);
    `,
    // json, not jsonb: it reads any escape the JSON text holds, as JSON.parse did.
    postgres: `
      ALTER TABLE lorebooks ADD COLUMN description TEXT NOT NULL DEFAULT '';
      ALTER TABLE lorebooks ADD COLUMN entry_count BIGINT NOT NULL DEFAULT 0;
      UPDATE lorebooks SET
        description = CASE WHEN json_typeof(parsed.j -> 'description') = 'string'
          THEN parsed.j ->> 'description' ELSE '' END,
        entry_count = CASE WHEN json_typeof(parsed.j -> 'entries') = 'array'
          THEN json_array_length(parsed.j -> 'entries') ELSE 0 END
      FROM (SELECT id, book::json AS j FROM lorebooks) parsed WHERE parsed.id = lorebooks.id;
      CREATE INDEX lorebooks_by_creation ON lorebooks (created_at, id);
    `,
  },
}, {
  // On SQLite a row's columns are stored in order, and reading one stored after the book walks
  // every overflow page of the book (about 7 ms for 4 MB): the chat path's look-ups by id and
  // owner, a list's cursor and persona.get read created_at and updated_at. The book moves to the
  // last column (added, filled, the old one dropped: no table rebuild, so the attachments'
  // foreign keys and cascades are untouched), and every other column is read from the row's
  // first pages. A column added later goes after it: move the book again (book_last_test.ts).
  // PostgreSQL keeps a big book out of line (TOAST): its rows stay as they are.
  name: "lorebooks_3_book_last",
  sql: {
    sqlite: `
      ALTER TABLE lorebooks RENAME COLUMN book TO book_before_3;
      ALTER TABLE lorebooks ADD COLUMN book TEXT NOT NULL DEFAULT '';
      UPDATE lorebooks SET book = book_before_3, book_before_3 = '';
      ALTER TABLE lorebooks DROP COLUMN book_before_3;
    `,
    postgres: "",
  },
}, {
  // lorebook.list shows a description's excerpt (core/storage/text_head.ts), read from its head:
  // a description may be 20,000 characters, and a page of 100 of them was 2 MB (past the default
  // MAX_REPLY_BYTES). On SQLite `substr` would read the whole text: the head is a column of its
  // own, which the list's covering index holds instead of the description (an index row with a
  // long description overflows too). The description and then the book move to the last columns
  // (as lorebooks_3_book_last did), so that a look-up reads neither; triggers keep the head,
  // whoever writes the row. PostgreSQL reads the head with `substr` (a slice of a TOASTed text).
  name: "lorebooks_4_description_head",
  sql: {
    sqlite: `
      DROP INDEX lorebooks_by_creation;
      ALTER TABLE lorebooks RENAME COLUMN description TO description_before_4;
      ALTER TABLE lorebooks RENAME COLUMN book TO book_before_4;
      ALTER TABLE lorebooks ADD COLUMN description_head TEXT NOT NULL DEFAULT '';
      ALTER TABLE lorebooks ADD COLUMN description TEXT NOT NULL DEFAULT '';
      ALTER TABLE lorebooks ADD COLUMN book TEXT NOT NULL DEFAULT '';
      UPDATE lorebooks SET book = book_before_4, book_before_4 = '',
        description = description_before_4, description_before_4 = '',
        description_head = substr(description_before_4, 1, ${TEXT_HEAD_CHARS});
      ALTER TABLE lorebooks DROP COLUMN description_before_4;
      ALTER TABLE lorebooks DROP COLUMN book_before_4;
      CREATE INDEX lorebooks_by_creation ON lorebooks
        (created_at, id, name, owner_persona_id, updated_at, description_head, entry_count);
      ${headTriggers("lorebooks", "description")}
    `,
    postgres: "",
  },
}, {
  // SillyTavern's timed effects (sticky, cooldown) of each chat: one row per chat (a persona's
  // session, or a room), its running effects as JSON (`timed_store.ts`). A persona's or room's
  // delete takes its rows; past LORE_TIMED_MAX_CHATS rows the least recently written go.
  name: "lore_timed_effects_1",
  sql: `
    CREATE TABLE lore_timed_effects (
      chat TEXT PRIMARY KEY,
      persona_id TEXT REFERENCES personas(id) ON DELETE CASCADE,
      room_id TEXT REFERENCES rooms(id) ON DELETE CASCADE,
      effects TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX lore_timed_effects_by_update ON lore_timed_effects (updated_at, chat);
  `,
}, {
  // On PostgreSQL, a change to a lore table moves the lore topic's stamp on every node: their
  // books in play are read again (`books_in_play.ts`). SQLite's stamp moves with any commit.
  name: "lorebooks_5_change_topic",
  sql: {
    postgres: ["lorebooks", "persona_lorebooks", "room_lorebooks"].map((table) =>
      `CREATE TRIGGER ${table}_lore_topic AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION notify_change('${LORE_TOPIC}');`
    ).join("\n"),
  },
}];
