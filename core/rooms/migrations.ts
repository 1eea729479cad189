/**
 * The rooms module's tables: rooms, their members' spans and their transcripts (see
 * `repository.ts`, which reads and writes them).
 *
 * @module
 */
import type { Migration } from "../storage/database.ts";
import { headTriggers, TEXT_HEAD_CHARS } from "../storage/text_head.ts";

/** Tables owned by the rooms module (after personas). */
export const roomMigrations: Migration[] = [{
  name: "rooms_1",
  sql: `
    CREATE TABLE rooms (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      scenario TEXT NOT NULL DEFAULT '',
      reply_mode TEXT NOT NULL,
      max_replies INTEGER NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE TABLE room_members (
      room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
      persona_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
      joined_seq INTEGER NOT NULL,
      left_seq INTEGER,
      joined_at TEXT NOT NULL,
      left_at TEXT,
      PRIMARY KEY (room_id, persona_id, joined_seq)
    );
    CREATE TABLE room_messages (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
      speaker_kind TEXT NOT NULL,
      persona_id TEXT,
      speaker TEXT NOT NULL,
      content TEXT NOT NULL,
      reason TEXT,
      model TEXT,
      tokens INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    );
    CREATE INDEX room_messages_by_room ON room_messages (room_id, seq);
  `,
}, {
  // PostgreSQL has no rowid: an identity column of that name keeps members in joining order.
  name: "rooms_2_member_order",
  sql: {
    postgres: "ALTER TABLE room_members ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;",
  },
}, {
  // room.list pages in this order: a page is read without the rows before it.
  name: "rooms_3_by_creation",
  sql: "CREATE INDEX rooms_by_creation ON rooms (created_at, id);",
}, {
  // room.list shows a scenario's excerpt (`listed.ts`), read from its head. On SQLite `substr`
  // would read the whole text, and a row's columns are stored in order: the head is a column of
  // its own, and the scenario moves to the last column (as lorebooks_3_book_last moved the
  // book), so a list reads none of a scenario's overflow pages. Triggers keep the head, whoever
  // writes the row. PostgreSQL reads the head with `substr` (a slice of a TOASTed text).
  name: "rooms_4_scenario_head",
  sql: {
    sqlite: `
      ALTER TABLE rooms ADD COLUMN scenario_head TEXT NOT NULL DEFAULT '';
      ALTER TABLE rooms RENAME COLUMN scenario TO scenario_before_4;
      ALTER TABLE rooms ADD COLUMN scenario TEXT NOT NULL DEFAULT '';
      UPDATE rooms SET scenario = scenario_before_4, scenario_before_4 = '',
        scenario_head = substr(scenario_before_4, 1, ${TEXT_HEAD_CHARS});
      ALTER TABLE rooms DROP COLUMN scenario_before_4;
      ${headTriggers("rooms", "scenario")}
    `,
    postgres: "",
  },
}, {
  // One round at a time per room across nodes (`round_claim.ts`): the claim's token and lease
  // (epoch ms by the database's clock). SQLite has one node and no claim.
  name: "rooms_5_round_claims",
  sql: {
    postgres: `
      CREATE TABLE room_round_claims (
        room_id TEXT PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE,
        token BIGINT NOT NULL,
        claim_until BIGINT
      );
    `,
  },
}, {
  // A round's lines are pending (`round_id`, the round's id) until the round answers
  // (`round_writes.ts`): no reader outside the round sees them, and those of a round cut off
  // (a process killed, the database gone when it failed) are removed at a start, by the sweep
  // or by the room's next round. Lines written before are whole rounds' (NULL).
  name: "rooms_6_pending_rounds",
  sql: `
    ALTER TABLE room_messages ADD COLUMN round_id TEXT;
    CREATE INDEX room_messages_pending ON room_messages (round_id) WHERE round_id IS NOT NULL;
  `,
}];
