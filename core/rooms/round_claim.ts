/**
 * One round at a time per room across every node sharing a PostgreSQL database. Within one
 * process {@linkcode TurnGate} already queues a room's rounds; on PostgreSQL a round also holds
 * the room's claim, a row of `room_round_claims` (like a dialogue's turn claim,
 * `core/dialogue/turn_claim.ts`): a token bumped by each claim and a lease, both judged by the
 * database's clock so that nodes whose clocks differ agree. A heartbeat (every third of the
 * lease) extends the lease while the round runs; the claim is released when the round ends,
 * whether it answered or failed. A node that dies mid-round leaves a claim whose lease runs out,
 * after which the next round claims the room. A round whose heartbeat finds its claim taken over
 * (the node stalled past its lease) is cancelled, and so is one whose heartbeats all failed for
 * a whole lease (the database unreachable: another node may claim the room once it is back),
 * whether or not its caller passed a signal of its own. Its transcript lines are fenced
 * (`fenced_repository.ts`): each is written in a transaction that locks the claim's row and
 * checks the token, so none lands once the claim is lost; the failed round then removes the
 * lines it wrote (`round_writes.ts`). Its lines' memories are stored only once it answered, and
 * are not fenced: a claim lost while they are being stored does not stop them.
 *
 * SQLite has one node: no claim is taken there (`RoomService` passes none).
 *
 * @module
 */
import { abortReason, Conflict, NotFound } from "../errors.ts";
import type { Database } from "../storage/database.ts";
import { FencedRoomRepository } from "./fenced_repository.ts";
import type { RoomRepository } from "./repository.ts";

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

/** What a round holding its room's claim is given (see {@linkcode RoundClaims.run}). */
export interface HeldRound {
  /** Aborts when the caller's signal does, or when the claim is lost or could not be renewed. */
  readonly signal: AbortSignal;
  /**
   * Runs `write` in one transaction only while the claim is still this round's: the room's row
   * and the claim's row are locked (no other node can take the claim over until the write
   * commits) and the token checked; throws the round's error, writing nothing, once it is lost.
   */
  fence<T>(write: () => Promise<T>): Promise<T>;
  /** The room repository whose line appends are fenced so (`fenced_repository.ts`). */
  readonly repository: RoomRepository;
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
   * signal also aborts if the claim is lost (taken over), or when no heartbeat renewed it for a
   * whole lease (measured from when the last successful renewal was sent, on this node's
   * monotonic clock: never later than the database's lease ends). The claim is released when
   * `work` settles.
   */
  async run<T>(
    roomId: string,
    work: (signal: AbortSignal, held: HeldRound) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const { token, asked } = await this.#acquire(roomId, signal);
    const lost = new AbortController();
    let ended = false;
    let beat: ReturnType<typeof setTimeout> | undefined;
    let expiry: ReturnType<typeof setTimeout> | undefined;
    const expireAt = (sentAt: number) => {
      clearTimeout(expiry);
      expiry = setTimeout(
        () => lost.abort(unrenewed(roomId)),
        Math.max(0, sentAt + this.#leaseMs - performance.now()),
      );
    };
    const renew = async () => {
      const sentAt = performance.now();
      try {
        const kept = await this.#db.run(
          `UPDATE room_round_claims SET claim_until = ${DB_NOW_MS} + ?
           WHERE room_id = ? AND token = ? AND claim_until IS NOT NULL`,
          this.#leaseMs,
          roomId,
          token,
        );
        if (ended || lost.signal.aborted) return;
        if (kept > 0) {
          expireAt(sentAt);
          beat = setTimeout(renew, this.#interval());
          return;
        }
        // A deleted room took its claim along: its deletion stops the round, with its own error.
        const room = await this.#db.get("SELECT id FROM rooms WHERE id = ?", roomId);
        clearTimeout(expiry);
        if (room) lost.abort(superseded(roomId));
      } catch {
        // Unreachable database: beat again; the lease's end (`expiry`) aborts the round.
        if (!ended && !lost.signal.aborted) beat = setTimeout(renew, this.#interval());
      }
    };
    expireAt(asked);
    beat = setTimeout(renew, this.#interval());
    const fence = <R>(write: () => Promise<R>) => this.#fence(roomId, { token, lost }, write);
    const held: HeldRound = {
      signal: signal ? AbortSignal.any([signal, lost.signal]) : lost.signal,
      fence,
      repository: new FencedRoomRepository(this.#db, fence),
    };
    try {
      return await work(held.signal, held);
    } finally {
      ended = true;
      clearTimeout(beat);
      clearTimeout(expiry);
      await this.#db.run(
        "UPDATE room_round_claims SET claim_until = NULL WHERE room_id = ? AND token = ?",
        roomId,
        token,
      ).catch(() => {
        // Unreachable: the lease runs out instead.
      });
    }
  }

  /** A third of the lease: two beats may fail before the lease runs out. */
  #interval(): number {
    return Math.max(10, Math.floor(this.#leaseMs / 3));
  }

  /**
   * `write` in a transaction holding the room's row (first, the order a deletion locks them in)
   * and the claim's row, if `token` is still the claim; a deleted room is left to `write` (its
   * deletion stops the round with its own error).
   */
  #fence<T>(
    roomId: string,
    claim: { token: number; lost: AbortController },
    write: () => Promise<T>,
  ): Promise<T> {
    const { token, lost } = claim;
    if (lost.signal.aborted) return Promise.reject(abortReason(lost.signal));
    return this.#db.transaction(async () => {
      const room = await this.#db.get("SELECT id FROM rooms WHERE id = ? FOR KEY SHARE", roomId);
      if (room) {
        const row = await this.#db.get<{ token: number }>(
          "SELECT token FROM room_round_claims WHERE room_id = ? FOR SHARE",
          roomId,
        );
        if (!row || Number(row.token) !== token) lost.abort(superseded(roomId));
        if (lost.signal.aborted) throw abortReason(lost.signal);
      }
      return await write();
    });
  }

  /** The claim's token, and when the statement that claimed it was sent (its lease's start). */
  async #acquire(
    roomId: string,
    signal: AbortSignal | undefined,
  ): Promise<{ token: number; asked: number }> {
    while (true) {
      const asked = performance.now();
      const claimed = await this.#db.get<{ token: number }>(CLAIM, this.#leaseMs, roomId);
      if (claimed) return { token: Number(claimed.token), asked };
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

/** The error of a round whose claim no heartbeat renewed for a whole lease (database unreachable). */
export function unrenewed(roomId: string): Conflict {
  return new Conflict(
    `Round of room "${roomId}" abandoned: its claim could not be renewed before its lease ran out`,
    [{ field: "room_id", message: "lost its round's claim; send the message again" }],
  );
}

/** The error of a round whose claim another node took over (its lease ran out meanwhile). */
export function superseded(roomId: string): Conflict {
  return new Conflict(
    `Round of room "${roomId}" abandoned: its claim expired and another round took its place`,
    [{ field: "room_id", message: "had its round taken over; send the message again" }],
  );
}
