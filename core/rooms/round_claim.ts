/**
 * One round at a time per room across every node sharing a PostgreSQL database. Within one
 * process {@linkcode TurnGate} already queues a room's rounds; on PostgreSQL a round also holds
 * the room's claim, a row of `room_round_claims` (like a dialogue's turn claim,
 * `core/dialogue/turn_claim.ts`): a token bumped by each claim and a lease, both judged by the
 * database's clock so that nodes whose clocks differ agree. A heartbeat (every third of the
 * lease) extends the lease while the round runs; the claim is released when the round ends,
 * whether it answered or failed. A node that dies mid-round leaves a claim whose lease runs out,
 * after which the next round claims the room. A round whose heartbeat finds its claim taken over
 * (the node stalled past its lease) is cancelled.
 *
 * SQLite has one node: no claim is taken there (`RoomService` passes none).
 *
 * @module
 */
import { abortReason, Conflict, NotFound } from "../errors.ts";
import type { Database } from "../storage/database.ts";

/** How often a waiting round asks again whether the room's claim is free (ms). */
export const ROUND_POLL_MS = 50;

/** The database's clock in epoch milliseconds (PostgreSQL). */
const DB_NOW_MS = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint";

/**
 * Claims the room unless another claim's lease still runs: the claim row is inserted, or taken
 * over when free, in one statement (PostgreSQL's `ON CONFLICT` settles two nodes asking at once);
 * no row comes back when the room is missing or busy.
 */
const CLAIM = `INSERT INTO room_round_claims (room_id, token, claim_until)
  SELECT id, 1, ${DB_NOW_MS} + ? FROM rooms WHERE id = ?
  ON CONFLICT (room_id) DO UPDATE
    SET token = room_round_claims.token + 1, claim_until = EXCLUDED.claim_until
    WHERE room_round_claims.claim_until IS NULL OR room_round_claims.claim_until <= ${DB_NOW_MS}
  RETURNING token`;

/** How long the claim that kept {@linkcode CLAIM} from claiming still runs, if there is one. */
const REMAINING = `SELECT (claim_until - ${DB_NOW_MS})::int AS wait_ms
  FROM room_round_claims WHERE room_id = ? AND claim_until IS NOT NULL`;

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    signal?.addEventListener("abort", stop, { once: true });
  });
}

/** Claims rooms' rounds for this node (PostgreSQL). */
export class RoundClaims {
  readonly #db: Database;
  readonly #leaseMs: number;

  /** Claims in `db` (rooms migrations applied), each held `leaseMs` past its last heartbeat. */
  constructor(db: Database, leaseMs: number) {
    this.#db = db;
    this.#leaseMs = Math.max(1, Math.round(leaseMs));
  }

  /**
   * Waits (until `signal` aborts) for room `roomId`'s claim, then runs `work` holding it; `work`'s
   * signal also aborts if the claim is lost. The claim is released when `work` settles.
   */
  async run<T>(
    roomId: string,
    work: (signal: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const token = await this.#acquire(roomId, signal);
    const lost = new AbortController();
    const beat = setInterval(async () => {
      try {
        const kept = await this.#db.run(
          `UPDATE room_round_claims SET claim_until = ${DB_NOW_MS} + ?
           WHERE room_id = ? AND token = ? AND claim_until IS NOT NULL`,
          this.#leaseMs,
          roomId,
          token,
        );
        if (kept > 0) return;
        clearInterval(beat);
        // A deleted room took its claim along: its deletion stops the round, with its own error.
        const room = await this.#db.get("SELECT id FROM rooms WHERE id = ?", roomId);
        if (room) lost.abort(superseded(roomId));
      } catch {
        // The database is unreachable: the round's own writes fail, or the next beat succeeds.
      }
    }, Math.max(10, Math.floor(this.#leaseMs / 3)));
    try {
      return await work(signal ? AbortSignal.any([signal, lost.signal]) : lost.signal);
    } finally {
      clearInterval(beat);
      await this.#db.run(
        "UPDATE room_round_claims SET claim_until = NULL WHERE room_id = ? AND token = ?",
        roomId,
        token,
      ).catch(() => {
        // Unreachable: the lease runs out instead.
      });
    }
  }

  async #acquire(roomId: string, signal: AbortSignal | undefined): Promise<number> {
    while (true) {
      const claimed = await this.#db.get<{ token: number }>(CLAIM, this.#leaseMs, roomId);
      if (claimed) return Number(claimed.token);
      const held = await this.#db.get<{ wait_ms: number }>(REMAINING, roomId);
      if (!held) {
        const room = await this.#db.get<{ id: string }>(
          "SELECT id FROM rooms WHERE id = ?",
          roomId,
        );
        if (!room) throw new NotFound(`No room "${roomId}"; create one with room.create`);
        // Released between the two reads: ask again at once.
        continue;
      }
      await sleep(Math.max(1, Math.min(ROUND_POLL_MS, Number(held.wait_ms))), signal);
    }
  }
}

/** The error of a round whose claim another node took over (its lease ran out meanwhile). */
export function superseded(roomId: string): Conflict {
  return new Conflict(
    `Round of room "${roomId}" abandoned: its claim expired and another round took its place`,
    [{ field: "room_id", message: "had its round taken over; send the message again" }],
  );
}
