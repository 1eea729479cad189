/**
 * The dialogue module's tables: dialogues, their participants and turns, and the columns of the
 * claim on a dialogue's next turn.
 *
 * @module
 */
import type { Migration } from "../storage/database.ts";

/** Tables owned by the dialogue module. */
export const dialogueMigrations: Migration[] = [{
  name: "dialogues_1",
  sql: `
    CREATE TABLE dialogues (
      id TEXT PRIMARY KEY,
      topic TEXT,
      token_budget INTEGER NOT NULL,
      status TEXT NOT NULL,
      end_reason TEXT,
      started_at INTEGER NOT NULL,
      ended_at INTEGER
    );
    CREATE TABLE dialogue_participants (
      dialogue_id TEXT NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
      persona_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      PRIMARY KEY (dialogue_id, persona_id)
    );
    CREATE TABLE dialogue_turns (
      dialogue_id TEXT NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
      turn_number INTEGER NOT NULL,
      speaker_id TEXT NOT NULL,
      speaker_name TEXT NOT NULL,
      content TEXT NOT NULL,
      continue_score REAL NOT NULL,
      reasons TEXT NOT NULL,
      factors TEXT NOT NULL,
      response_type TEXT NOT NULL,
      quality REAL NOT NULL,
      tokens INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (dialogue_id, turn_number)
    );
  `,
}, {
  // The claim on the next turn: turn_seq counts claims (the fencing token), claim_until is the
  // claim's lease (epoch ms; NULL when no turn is being generated). PostgreSQL has no rowid:
  // an identity column of that name keeps "newest first" the same among equal start times.
  name: "dialogues_2_turn_claims",
  sql: {
    sqlite: `
      ALTER TABLE dialogues ADD COLUMN turn_seq INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE dialogues ADD COLUMN claim_until INTEGER;
    `,
    postgres: `
      ALTER TABLE dialogues ADD COLUMN turn_seq BIGINT NOT NULL DEFAULT 0;
      ALTER TABLE dialogues ADD COLUMN claim_until BIGINT;
      ALTER TABLE dialogues ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;
    `,
  },
}];
