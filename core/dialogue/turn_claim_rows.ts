/**
 * The claim on a dialogue's next turn, in its row: a fencing counter (`turn_seq`, the claim's
 * token) and a lease (`claim_until`), so that turns run one at a time across nodes.
 *
 * @module
 */
import type { Database } from "../storage/database.ts";

/** The outcome of {@linkcode TurnClaimRows.claim}. */
export type TurnClaim =
  | { status: "claimed"; token: number }
  | { status: "busy"; until: number }
  | { status: "missing" };

/** Whether a dialogue is active, and why it ended if not. */
export interface DialogueState {
  status: "active" | "ended";
  end_reason: string | null;
}

/** Claims, renews, releases and commits the claims on dialogues' next turns. */
export class TurnClaimRows {
  readonly #db: Database;

  /** Claims over `db` (dialogue migrations applied). */
  constructor(db: Database) {
    this.#db = db;
  }

  /**
   * Claims the next turn of dialogue `id` until `until` (epoch ms), unless another claim's
   * lease still runs at `now`: one transaction holding the dialogue's lock, so two nodes never
   * both claim. The claim's fencing token is the new `turn_seq`. A missing dialogue is answered
   * from a plain read first: a flood of unknown ids takes no lock and no write transaction (on
   * SQLite, one writer at a time), so writers are not made to queue behind it.
   */
  async claim(id: string, lease: { now: number; until: number }): Promise<TurnClaim> {
    const exists = await this.#db.get<{ id: string }>("SELECT id FROM dialogues WHERE id = ?", id);
    if (!exists) return { status: "missing" };
    // Deleted meanwhile: the transaction reads it again.
    return await this.#db.transaction(async () => {
      await this.#db.lock(`dialogue:${id}`);
      const row = await this.#db.get<{ turn_seq: number; claim_until: number | null }>(
        "SELECT turn_seq, claim_until FROM dialogues WHERE id = ?",
        id,
      );
      if (!row) return { status: "missing" };
      if (row.claim_until !== null && row.claim_until > lease.now) {
        return { status: "busy", until: row.claim_until };
      }
      const token = row.turn_seq + 1;
      await this.#db.run(
        "UPDATE dialogues SET turn_seq = ?, claim_until = ? WHERE id = ?",
        token,
        lease.until,
        id,
      );
      return { status: "claimed", token };
    });
  }

  /**
   * Extends the claim `token` on `id` to `until`; false when it is no longer the claim (another
   * took over, or it was released or committed: a late heartbeat must not revive it).
   */
  async renew(id: string, token: number, until: number): Promise<boolean> {
    return await this.#db.run(
      "UPDATE dialogues SET claim_until = ? WHERE id = ? AND turn_seq = ? AND claim_until IS NOT NULL",
      until,
      id,
      token,
    ) > 0;
  }

  /**
   * Gives up the claim `token` on `id`; true when it was still held. A no-op when another claim
   * replaced it, or when the turn's commit already released it (no row changes then, so nothing
   * is written: a turn's release costs no second commit).
   */
  async release(id: string, token: number): Promise<boolean> {
    return await this.#db.run(
      "UPDATE dialogues SET claim_until = NULL WHERE id = ? AND turn_seq = ? AND claim_until IS NOT NULL",
      id,
      token,
    ) > 0;
  }

  /**
   * Runs `work` (the turn's writes) in one transaction holding the dialogue's lock, only if
   * `token` is still its claim (the fencing check), and releases the claim with it. `work` is
   * given the dialogue's state read with the token (whether it is still active). Resolves to
   * `{ committed: false }`, writing nothing, when another claim replaced this one. On
   * PostgreSQL the dialogue's row stays locked until `work` ends: `work` must not wait on another
   * connection that touches it (the claim's renewal blocks until the commit, then finds no claim).
   */
  commit<T>(
    id: string,
    token: number,
    work: (state: DialogueState) => Promise<T>,
  ): Promise<{ committed: true; value: T } | { committed: false }> {
    return this.#db.transaction(async () => {
      await this.#db.lock(`dialogue:${id}`);
      // The fencing check, the release and the read of the state in one statement: it changes
      // nothing unless `token` is still the claim, and if `work` throws, the transaction (the
      // release with it) rolls back.
      const row = await this.#db.get<DialogueState>(
        `UPDATE dialogues SET claim_until = NULL WHERE id = ? AND turn_seq = ?
         RETURNING status, end_reason`,
        id,
        token,
      );
      if (!row) return { committed: false };
      const value = await work({ status: row.status, end_reason: row.end_reason });
      return { committed: true, value };
    });
  }
}
