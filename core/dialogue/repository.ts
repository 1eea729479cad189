/**
 * Dialogues: the dialogue, its participants and its turns, and the claim on its next turn (a
 * fencing counter, `turn_seq`, and a lease, kept by `turn_claim_rows.ts`), which keeps turns
 * one at a time across nodes. The tables are `migrations.ts`, the row shapes and mappers
 * `rows.ts`.
 *
 * @module
 */
import { PersonaNotFound } from "../errors.ts";
import type { Database } from "../storage/database.ts";
import { isForeignKeyViolation } from "../storage/errors.ts";
import { COUNT_MAX, storedCount } from "../numbers.ts";
import {
  type Derived,
  type Dialogue,
  DIALOGUE_COLUMNS,
  DIALOGUE_JOIN_COLUMNS,
  type DialogueRow,
  dialogueRows,
  type DialogueTurn,
  INSERT_DIALOGUE,
  INSERT_PARTICIPANT,
  INSERT_TURN,
  participantRows,
  TRANSCRIPT_LINE_COLUMNS,
  type TranscriptLine,
  TURN_COLUMNS,
  type TurnRow,
  turnRows,
} from "./rows.ts";
import { type DialogueFilter, listDialogues, type ListedDialogue } from "./list_rows.ts";
import { type DialogueState, type TurnClaim, TurnClaimRows } from "./turn_claim_rows.ts";

export { dialogueMigrations } from "./migrations.ts";
export type { Dialogue, DialogueTurn, TranscriptLine } from "./rows.ts";
export type { DialogueFilter, ListedDialogue } from "./list_rows.ts";
export type { DialogueState, TurnClaim } from "./turn_claim_rows.ts";

/** A dialogue's last activity (its start, or its latest turn), epoch ms, in SQL. */
const LAST_ACTIVITY = `CASE WHEN started_at > COALESCE(
    (SELECT MAX(created_at) FROM dialogue_turns t WHERE t.dialogue_id = dialogues.id), 0)
  THEN started_at
  ELSE (SELECT MAX(created_at) FROM dialogue_turns t WHERE t.dialogue_id = dialogues.id) END`;

/**
 * A turn's tokens held to 0..COUNT_MAX, in SQL: a legacy or hand-edited row far beyond any answer
 * must not overflow SQLite's 64-bit SUM ("integer overflow"), and the sum of held values stays
 * exact on both stores (PostgreSQL's SUM of int8 is a numeric, read as a number).
 */
const HELD_TOKENS = `CASE WHEN tokens > ${COUNT_MAX} THEN ${COUNT_MAX}
  WHEN tokens < 0 THEN 0 ELSE tokens END`;

/** Why and when dialogues end. */
export interface Ending {
  reason: string;
  /** Epoch ms. */
  at: number;
}

/** Reads and writes dialogues. */
export class DialogueRepository {
  readonly #db: Database;
  readonly #claims: TurnClaimRows;

  /** Creates a repository over `db` (migrated). */
  constructor(db: Database) {
    this.#db = db;
    this.#claims = new TurnClaimRows(db);
  }

  /**
   * Saves a new dialogue with its participants. A participant deleted by another request since
   * its caller looked it up is {@linkcode PersonaNotFound} (and nothing is saved).
   */
  async create(dialogue: Dialogue): Promise<void> {
    await this.#db.transaction(async () => {
      await this.#db.run(INSERT_DIALOGUE, ...dialogueRows.values(dialogue));
      for (const [position, personaId] of dialogue.participant_ids.entries()) {
        try {
          await this.#db.run(
            INSERT_PARTICIPANT,
            ...participantRows.values({
              dialogue_id: dialogue.id,
              persona_id: personaId,
              position,
            }),
          );
        } catch (error) {
          if (!isForeignKeyViolation(error)) throw error;
          throw new PersonaNotFound(personaId, "Cannot start a conversation with persona");
        }
      }
    });
  }

  /** The dialogue with `id`. */
  async find(id: string): Promise<Dialogue | undefined> {
    const row = await this.#db.get<DialogueRow>(
      `SELECT ${DIALOGUE_COLUMNS},
         COALESCE(t.tokens_used, 0) AS tokens_used, COALESCE(t.turn_count, 0) AS turn_count,
         (SELECT continue_score FROM dialogue_turns l WHERE l.dialogue_id = dialogues.id
           ORDER BY turn_number DESC LIMIT 1) AS last_score,
         (SELECT speaker_id FROM dialogue_turns l WHERE l.dialogue_id = dialogues.id
           ORDER BY turn_number DESC LIMIT 1) AS last_speaker_id
       FROM dialogues LEFT JOIN (
         SELECT dialogue_id, SUM(${HELD_TOKENS}) AS tokens_used, COUNT(*) AS turn_count
         FROM dialogue_turns WHERE dialogue_id = ?1 GROUP BY dialogue_id
       ) t ON t.dialogue_id = dialogues.id
       WHERE id = ?1`,
      id,
    );
    if (!row) return undefined;
    const tokens_used = storedCount(row.tokens_used);
    return { ...row, tokens_used, participant_ids: await this.#participantIds(id) };
  }

  /**
   * The dialogue with `id` and every turn so far, in order, as lines: what a turn reads, in
   * two queries instead of {@linkcode find}'s aggregates over the turns and then the turns
   * again (its totals, last score and last speaker are the same, taken from the turns read).
   */
  async findWithTurns(
    id: string,
  ): Promise<{ dialogue: Dialogue; turns: TranscriptLine[] } | undefined> {
    // The dialogue's columns on each of its participants' rows, in order (one row with a null
    // participant when none is left).
    const rows = await this.#db.all<Omit<DialogueRow, Derived> & { persona_id: string | null }>(
      `SELECT ${DIALOGUE_JOIN_COLUMNS}, p.persona_id FROM dialogues d
       LEFT JOIN dialogue_participants p ON p.dialogue_id = d.id
       WHERE d.id = ? ORDER BY p.position`,
      id,
    );
    if (rows.length === 0) return undefined;
    const { persona_id: _, ...row } = rows[0]!;
    const participants = rows.flatMap((joined) => joined.persona_id ?? []);
    const turns = await this.#db.all<TranscriptLine>(
      `SELECT ${TRANSCRIPT_LINE_COLUMNS} FROM dialogue_turns WHERE dialogue_id = ?
       ORDER BY turn_number`,
      id,
    );
    const last = turns.at(-1);
    const dialogue: Dialogue = {
      ...row,
      // As find's SQL: each turn held to COUNT_MAX, the total too.
      tokens_used: storedCount(turns.reduce((sum, turn) => sum + storedCount(turn.tokens), 0)),
      turn_count: turns.length,
      last_score: last?.continue_score ?? null,
      last_speaker_id: last?.speaker_id ?? null,
      participant_ids: participants,
    };
    return { dialogue, turns };
  }

  async #participantIds(id: string): Promise<string[]> {
    const participants = await this.#db.all<{ persona_id: string }>(
      "SELECT persona_id FROM dialogue_participants WHERE dialogue_id = ? ORDER BY position",
      id,
    );
    return participants.map((p) => p.persona_id);
  }

  /** Active dialogues `personaId` takes part in. */
  async activeFor(personaId: string): Promise<string[]> {
    const rows = await this.#db.all<{ id: string }>(
      `SELECT d.id FROM dialogues d JOIN dialogue_participants p ON p.dialogue_id = d.id
       WHERE p.persona_id = ? AND d.status = 'active'`,
      personaId,
    );
    return rows.map((row) => row.id);
  }

  /** Records a turn. */
  async addTurn(turn: DialogueTurn): Promise<void> {
    await this.#db.run(INSERT_TURN, ...turnRows.values(turn));
  }

  /** Every turn of a dialogue, in order. */
  async turns(dialogueId: string): Promise<DialogueTurn[]> {
    const rows = await this.#db.all<TurnRow>(
      `SELECT ${TURN_COLUMNS} FROM dialogue_turns WHERE dialogue_id = ? ORDER BY turn_number`,
      dialogueId,
    );
    return rows.map((row) => ({
      ...row,
      reasons: JSON.parse(row.reasons),
      factors: JSON.parse(row.factors),
    }));
  }

  /** Runs `work` in one transaction holding the locks `keys` (taken in sorted order). */
  exclusively<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    return this.#db.transaction(async () => {
      for (const key of [...keys].sort()) await this.#db.lock(key);
      return await work();
    });
  }

  /** Ends active dialogues with no activity (start or turn) since `cutoff` (epoch ms). */
  endStale(cutoff: number, { reason, at }: Ending): Promise<number> {
    return this.#db.run(
      `UPDATE dialogues SET status = 'ended', end_reason = ?, ended_at = ?
       WHERE status = 'active' AND ${LAST_ACTIVITY} < ?`,
      reason,
      at,
      cutoff,
    );
  }

  /** The last activity (start or latest turn) of a dialogue, epoch ms. */
  async lastActivity(id: string): Promise<number> {
    const row = await this.#db.get<{ at: number }>(
      `SELECT ${LAST_ACTIVITY} AS at FROM dialogues WHERE id = ?`,
      id,
    );
    return row?.at ?? 0;
  }

  /** Dialogues, newest first, optionally of one persona and/or one status; `offset` skips. */
  async list(filter: DialogueFilter): Promise<string[]> {
    return (await this.listKeyed(filter)).map((listed) => listed.id);
  }

  /**
   * As {@linkcode list}, each id with the key a next page starts after (`after`), read with it:
   * a dialogue gone since still keeps its place.
   */
  listKeyed(filter: DialogueFilter): Promise<ListedDialogue[]> {
    return listDialogues(this.#db, filter);
  }

  /** Ends active dialogues left with fewer than two participants (one was deleted). */
  endOrphaned({ reason, at }: Ending): Promise<number> {
    return this.#db.run(
      `UPDATE dialogues SET status = 'ended', end_reason = ?, ended_at = ?
       WHERE status = 'active'
         AND (SELECT COUNT(*) FROM dialogue_participants p WHERE p.dialogue_id = dialogues.id) < 2`,
      reason,
      at,
    );
  }

  /** Marks a dialogue ended. */
  async end(id: string, { reason, at }: Ending): Promise<void> {
    await this.#db.run(
      "UPDATE dialogues SET status = 'ended', end_reason = ?, ended_at = ? WHERE id = ? AND status = 'active'",
      reason,
      at,
      id,
    );
  }

  /**
   * Claims the next turn of dialogue `id` until `until` (epoch ms), unless another claim's
   * lease still runs at `now` ({@linkcode TurnClaimRows.claim}).
   */
  claimTurn(id: string, lease: { now: number; until: number }): Promise<TurnClaim> {
    return this.#claims.claim(id, lease);
  }

  /** Extends the claim `token` on `id` to `until` ({@linkcode TurnClaimRows.renew}). */
  renewClaim(id: string, token: number, until: number): Promise<boolean> {
    return this.#claims.renew(id, token, until);
  }

  /** Gives up the claim `token` on `id` ({@linkcode TurnClaimRows.release}). */
  releaseClaim(id: string, token: number): Promise<boolean> {
    return this.#claims.release(id, token);
  }

  /**
   * Runs `work` in one transaction only if `token` is still the claim on `id`, releasing it
   * ({@linkcode TurnClaimRows.commit}).
   */
  commitClaimed<T>(
    id: string,
    token: number,
    work: (state: DialogueState) => Promise<T>,
  ): Promise<{ committed: true; value: T } | { committed: false }> {
    return this.#claims.commit(id, token, work);
  }
}
