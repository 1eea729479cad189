/**
 * Dialogues in SQLite: the dialogue, its participants and its turns.
 *
 * @module
 */
import type { Database, Migration } from "../storage/db.ts";
import { columnList, insertSql, rowMapper } from "../storage/rows.ts";

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
}];

/** A dialogue: personas talking to each other (a "conversation" on the wire). */
export interface Dialogue {
  id: string;
  topic: string | null;
  token_budget: number;
  /** Completion tokens of all turns so far (derived from the turns). */
  tokens_used: number;
  /** Turns so far, the last one's continue score and speaker (derived from the turns). */
  turn_count: number;
  last_score: number | null;
  last_speaker_id: string | null;
  status: "active" | "ended";
  end_reason: string | null;
  started_at: number;
  ended_at: number | null;
  participant_ids: string[];
}

/** One turn. */
export interface DialogueTurn {
  dialogue_id: string;
  turn_number: number;
  speaker_id: string;
  speaker_name: string;
  content: string;
  continue_score: number;
  reasons: string[];
  factors: Record<string, number>;
  response_type: "full" | "short" | "closing";
  quality: number;
  tokens: number;
  created_at: number;
}

type DialogueRow = Omit<Dialogue, "participant_ids">;
type TurnRow = Omit<DialogueTurn, "reasons" | "factors"> & { reasons: string; factors: string };

/** Which dialogues {@linkcode DialogueRepository.list} returns. */
export interface DialogueFilter {
  personaId?: string;
  status?: "active" | "ended";
  limit: number;
  /** Dialogues skipped first (paging). */
  offset?: number;
}

const dialogueRows = rowMapper<Dialogue>("dialogues", {
  id: true,
  topic: true,
  token_budget: true,
  status: true,
  end_reason: true,
  started_at: true,
  ended_at: true,
});

/** One participant of a dialogue, at its speaking position. */
interface Participant {
  dialogue_id: string;
  persona_id: string;
  position: number;
}

const participantRows = rowMapper<Participant>("dialogue_participants", {
  dialogue_id: true,
  persona_id: true,
  position: true,
});

const turnRows = rowMapper<DialogueTurn>("dialogue_turns", {
  dialogue_id: true,
  turn_number: true,
  speaker_id: true,
  speaker_name: true,
  content: true,
  continue_score: true,
  reasons: "json",
  factors: "json",
  response_type: true,
  quality: true,
  tokens: true,
  created_at: true,
});

const INSERT_DIALOGUE = insertSql(dialogueRows);
const INSERT_PARTICIPANT = insertSql(participantRows);
const INSERT_TURN = insertSql(turnRows);
const TURN_COLUMNS = columnList(turnRows);

/** Why and when dialogues end. */
export interface Ending {
  reason: string;
  /** Epoch ms. */
  at: number;
}

/** Reads and writes dialogues. */
export class DialogueRepository {
  readonly #db: Database;

  /** Creates a repository over `db` (migrated). */
  constructor(db: Database) {
    this.#db = db;
  }

  /** Saves a new dialogue with its participants. */
  create(dialogue: Dialogue): void {
    this.#db.transaction(() => {
      this.#db.run(INSERT_DIALOGUE, ...dialogueRows.values(dialogue));
      dialogue.participant_ids.forEach((personaId, position) =>
        this.#db.run(
          INSERT_PARTICIPANT,
          ...participantRows.values({ dialogue_id: dialogue.id, persona_id: personaId, position }),
        )
      );
    });
  }

  /** The dialogue with `id`. */
  find(id: string): Dialogue | undefined {
    const row = this.#db.get<DialogueRow>(
      `SELECT id, topic, token_budget, status, end_reason, started_at, ended_at,
         COALESCE(t.tokens_used, 0) AS tokens_used, COALESCE(t.turn_count, 0) AS turn_count,
         (SELECT continue_score FROM dialogue_turns l WHERE l.dialogue_id = dialogues.id
           ORDER BY turn_number DESC LIMIT 1) AS last_score,
         (SELECT speaker_id FROM dialogue_turns l WHERE l.dialogue_id = dialogues.id
           ORDER BY turn_number DESC LIMIT 1) AS last_speaker_id
       FROM dialogues LEFT JOIN (
         SELECT dialogue_id, SUM(tokens) AS tokens_used, COUNT(*) AS turn_count
         FROM dialogue_turns WHERE dialogue_id = ?1 GROUP BY dialogue_id
       ) t ON t.dialogue_id = dialogues.id
       WHERE id = ?1`,
      id,
    );
    if (!row) return undefined;
    const participants = this.#db.all<{ persona_id: string }>(
      "SELECT persona_id FROM dialogue_participants WHERE dialogue_id = ? ORDER BY position",
      id,
    );
    return { ...row, participant_ids: participants.map((p) => p.persona_id) };
  }

  /** Active dialogues `personaId` takes part in. */
  activeFor(personaId: string): string[] {
    return this.#db.all<{ id: string }>(
      `SELECT d.id FROM dialogues d JOIN dialogue_participants p ON p.dialogue_id = d.id
       WHERE p.persona_id = ? AND d.status = 'active'`,
      personaId,
    ).map((row) => row.id);
  }

  /** Records a turn. */
  addTurn(turn: DialogueTurn): void {
    this.#db.run(INSERT_TURN, ...turnRows.values(turn));
  }

  /** Every turn of a dialogue, in order. */
  turns(dialogueId: string): DialogueTurn[] {
    return this.#db.all<TurnRow>(
      `SELECT ${TURN_COLUMNS} FROM dialogue_turns WHERE dialogue_id = ? ORDER BY turn_number`,
      dialogueId,
    ).map((row) => ({
      ...row,
      reasons: JSON.parse(row.reasons),
      factors: JSON.parse(row.factors),
    }));
  }

  /** Runs `work` in one transaction. */
  atomically<T>(work: () => T): T {
    return this.#db.transaction(work);
  }

  /** Ends active dialogues with no activity (start or turn) since `cutoff` (epoch ms). */
  endStale(cutoff: number, { reason, at }: Ending): number {
    return this.#db.run(
      `UPDATE dialogues SET status = 'ended', end_reason = ?, ended_at = ?
       WHERE status = 'active' AND MAX(started_at, COALESCE(
         (SELECT MAX(created_at) FROM dialogue_turns t WHERE t.dialogue_id = dialogues.id), 0)) < ?`,
      reason,
      at,
      cutoff,
    );
  }

  /** The last activity (start or latest turn) of a dialogue, epoch ms. */
  lastActivity(id: string): number {
    return this.#db.get<{ at: number }>(
      `SELECT MAX(started_at, COALESCE(
         (SELECT MAX(created_at) FROM dialogue_turns t WHERE t.dialogue_id = dialogues.id), 0)) AS at
       FROM dialogues WHERE id = ?`,
      id,
    )?.at ?? 0;
  }

  /** Dialogues, newest first, optionally of one persona and/or one status; `offset` skips. */
  list(filter: DialogueFilter): string[] {
    const where: string[] = [];
    const params: Array<string | number> = [];
    if (filter.personaId) {
      where.push(
        "id IN (SELECT dialogue_id FROM dialogue_participants WHERE persona_id = ?)",
      );
      params.push(filter.personaId);
    }
    if (filter.status) {
      where.push("status = ?");
      params.push(filter.status);
    }
    const clause = where.length ? `WHERE ${where.join(" AND ")}` : "";
    return this.#db.all<{ id: string }>(
      `SELECT id FROM dialogues ${clause} ORDER BY started_at DESC, rowid DESC LIMIT ? OFFSET ?`,
      ...params,
      filter.limit,
      filter.offset ?? 0,
    ).map((row) => row.id);
  }

  /** Ends active dialogues left with fewer than two participants (one was deleted). */
  endOrphaned({ reason, at }: Ending): number {
    return this.#db.run(
      `UPDATE dialogues SET status = 'ended', end_reason = ?, ended_at = ?
       WHERE status = 'active'
         AND (SELECT COUNT(*) FROM dialogue_participants p WHERE p.dialogue_id = dialogues.id) < 2`,
      reason,
      at,
    );
  }

  /** Marks a dialogue ended. */
  end(id: string, { reason, at }: Ending): void {
    this.#db.run(
      "UPDATE dialogues SET status = 'ended', end_reason = ?, ended_at = ? WHERE id = ? AND status = 'active'",
      reason,
      at,
      id,
    );
  }
}
